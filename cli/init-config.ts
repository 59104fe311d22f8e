import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../rules/core/config/config-file';
import { UsageError } from '../rules/core/errors';

const STARTER = `{
  // Schema: completion and checks in editors that read $schema.
  "$schema": "./node_modules/opslint/schemas/opslint.config.schema.json",
  "extends": ["opslint:recommended"],
  "rules": {
    // "resilience/require-timeout": ["error"]
  },
  "ignores": ["**/generated/**"],
  "settings": {
    // Your logger objects, besides logger/log/console.error: calls on them count as logging.
    "loggers": [],
    // The modules that own configuration and endpoints.
    "configModules": ["src/config/**"]
  },
  "overrides": [
    { "files": ["**/*.test.*", "**/*.spec.*", "test/**", "scripts/**"], "rules": { "coupling/no-hardcoded-endpoint": "off" } }
  ]
}
`;

/** Writes a starter config in `dir`; refuses to overwrite one. Returns the path written. */
export function writeStarterConfig(dir: string): string {
  const file = path.join(dir, CONFIG_FILE_NAME);
  if (fs.existsSync(file)) throw new UsageError(`${file} already exists; edit it, or remove it before running --init`);
  fs.writeFileSync(file, STARTER);
  return file;
}
