import * as path from 'node:path';

/** The repository root, from the compiled location out/test/helpers/. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const OPSLINT_BIN = path.join(REPO_ROOT, 'bin', 'opslint.js');
