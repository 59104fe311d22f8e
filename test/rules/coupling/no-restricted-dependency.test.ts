import { projectRule } from '../../../rules/coupling/no-restricted-dependency';
import { runProjectRuleTests } from '../../helpers/project-rule-tester';

const layers = [{ rules: [{ from: ['src/domain/**'], disallow: ['src/infra/**'], message: 'the domain stays free of infrastructure' }] }];
const infra = { 'src/infra/db.ts': 'export const db = {}; export interface Row { id: string }' };

runProjectRuleTests(projectRule, {
  valid: [
    { name: 'no rules configured', files: { ...infra, 'src/domain/user.ts': "import { db } from '../infra/db';\nexport const u = db;" } },
    { name: 'infra may import domain', files: { 'src/domain/user.ts': 'export const u = 1;', 'src/infra/db.ts': "import { u } from '../domain/user';\nexport const db = u;" }, options: layers },
    { name: 'domain importing domain', files: { 'src/domain/a.ts': 'export const a = 1;', 'src/domain/b.ts': "import { a } from './a';\nexport const b = a;" }, options: layers },
    { name: 'a file outside `from` may import infra', files: { ...infra, 'src/app.ts': "import { db } from './infra/db';\nexport const app = db;" }, options: layers },
    { name: 'an allowed exception', files: { ...infra, 'src/infra/types.ts': 'export const t = 1;', 'src/domain/user.ts': "import { t } from '../infra/types';\nexport const u = t;" }, options: [{ rules: [{ from: ['src/domain/**'], disallow: ['src/infra/**'], allow: ['src/infra/types.ts'] }] }] },
    { name: 'type-only imports when allowed', files: { ...infra, 'src/domain/user.ts': "import type { Row } from '../infra/db';\nexport type U = Row;" }, options: [{ rules: [{ from: ['src/domain/**'], disallow: ['src/infra/**'], allowTypeImports: true }] }] },
    { name: 'elided imports count as type-only when allowed', files: { ...infra, 'src/domain/user.ts': "import { Row } from '../infra/db';\nexport type U = Row;" }, options: [{ rules: [{ from: ['src/domain/**'], disallow: ['src/infra/**'], allowTypeImports: true }] }] },
    { name: 'an unresolved import is not judged', files: { 'src/domain/user.ts': "import { x } from '../infra/missing';\nexport const u = x;" }, options: layers },
    { name: 'a package that is not disallowed', files: { 'src/domain/user.ts': "import { z } from 'zod';\nexport const u = z;" }, options: [{ rules: [{ from: ['src/domain/**'], disallow: ['pg', '@aws-sdk/*'] }] }] },
    { name: 'a path that only looks similar', files: { 'src/infrastructure-docs.ts': 'export const d = 1;', 'src/domain/user.ts': "import { d } from '../infrastructure-docs';\nexport const u = d;" }, options: layers },
    { name: 'a string mentioning infra is not an import', files: { 'src/domain/user.ts': "export const path = '../infra/db';" }, options: layers },
    { name: 'a builtin not in the list', files: { 'src/domain/user.ts': "import { randomUUID } from 'node:crypto';\nexport const u = randomUUID;" }, options: [{ rules: [{ from: ['src/domain/**'], disallow: ['fs', 'http'] }] }] },
  ],
  invalid: [
    { name: 'domain importing infra', files: { ...infra, 'src/domain/user.ts': "import { db } from '../infra/db';\nexport const u = db;" }, options: layers, errors: [{ file: 'src/domain/user.ts', messageId: 'restricted', line: 1, column: 1, endLine: 1, endColumn: 34, message: 'src/domain/user.ts must not depend on src/infra/db.ts (the domain stays free of infrastructure)' }] },
    { name: 'a require() call', files: { ...infra, 'src/domain/user.js': "const { db } = require('../infra/db');\nmodule.exports = db;" }, options: layers, errors: [{ file: 'src/domain/user.js', messageId: 'restricted', line: 1, column: 16, endLine: 1, endColumn: 38 }] },
    { name: 'a type-only import is still a dependency by default', files: { ...infra, 'src/domain/user.ts': "import type { Row } from '../infra/db';\nexport type U = Row;" }, options: layers, errors: [{ file: 'src/domain/user.ts', messageId: 'restricted', line: 1, column: 1, endLine: 1, endColumn: 40 }] },
    { name: 'a disallowed package', files: { 'src/domain/user.ts': "\nimport { Pool } from 'pg';\nexport const u = Pool;" }, options: [{ rules: [{ from: ['src/domain/**'], disallow: ['pg'] }] }], errors: [{ file: 'src/domain/user.ts', messageId: 'restricted', line: 2, column: 1, endLine: 2, endColumn: 27, message: 'must not depend on pg' }] },
    { name: 'a scoped package by glob', files: { 'src/domain/user.ts': "import { S3 } from '@aws-sdk/client-s3';\nexport const u = S3;" }, options: [{ rules: [{ from: ['src/domain/**'], disallow: ['@aws-sdk/*'] }] }], errors: [{ file: 'src/domain/user.ts', messageId: 'restricted', line: 1, column: 1, endLine: 1, endColumn: 41 }] },
    { name: 'a builtin module', files: { 'src/domain/user.ts': "import * as fs from 'node:fs';\nexport const u = fs;" }, options: [{ rules: [{ from: ['src/domain/**'], disallow: ['fs'] }] }], errors: [{ file: 'src/domain/user.ts', messageId: 'restricted', line: 1, column: 1, endLine: 1, endColumn: 31 }] },
    { name: 'each offending import is reported', files: { ...infra, 'src/infra/queue.ts': 'export const q = 1;', 'src/domain/user.ts': "import { db } from '../infra/db';\nimport { q } from '../infra/queue';\nexport const u = [db, q];" }, options: layers, errors: [
      { file: 'src/domain/user.ts', messageId: 'restricted', line: 1, column: 1, endLine: 1, endColumn: 34 },
      { file: 'src/domain/user.ts', messageId: 'restricted', line: 2, column: 1, endLine: 2, endColumn: 36 },
    ] },
    { name: 'a re-export crosses the boundary too', files: { ...infra, 'src/domain/index.ts': "export { db } from '../infra/db';" }, options: layers, errors: [{ file: 'src/domain/index.ts', messageId: 'restricted', line: 1, column: 1, endLine: 1, endColumn: 34 }] },
  ],
});
