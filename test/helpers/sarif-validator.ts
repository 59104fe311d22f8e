/**
 * Validates SARIF logs against the OASIS SARIF 2.1.0 schema (draft-04). The schema is copied into
 * test/fixtures so the suite does not depend on ../shared; formats are checked with small
 * built-in predicates instead of pulling in ajv-formats.
 */
import Ajv from 'ajv-draft-04';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

const SCHEMA_NAME = 'sarif-schema-2.1.0.json';

function schemaPath(): string {
  const copy = path.join(REPO_ROOT, 'test', 'fixtures', SCHEMA_NAME);
  return fs.existsSync(copy) ? copy : path.join(REPO_ROOT, '..', 'shared', 'schemas', SCHEMA_NAME);
}

function isUri(value: string, base?: string): boolean {
  try {
    return Boolean(new URL(value, base).protocol);
  } catch {
    return false;
  }
}

export function sarifValidator(): (log: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', isUri);
  ajv.addFormat('uri-reference', (value: string) => isUri(value, 'file:///base/'));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)) && /^\d{4}-\d\d-\d\dT/.test(value));
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath(), 'utf8')));
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}
