import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createRegistry } from '../rules/core/registry';
import { allRules } from '../rules/index';
import { loadTestRules } from '../rules/core/test-rule-hook';
import { describeError } from './guard';
import { LINT_WORKER_ROLE } from './lint-protocol';
import { LintThread } from './lint-thread';
import { DEFAULT_DEBOUNCE_MS, startServer } from './server';

/**
 * Entry point of `opslint-language-server --stdio` (editors) or `--node-ipc` (the VS Code client).
 * vscode-languageserver picks the transport from argv and exits when stdin closes or the parent
 * process named in `initialize` (or `--clientProcessId`) goes away.
 */
const connection = createConnection(ProposedFeatures.all);
// A stray rejection in a rule or a library is a bug to log, not a reason to drop every open file.
process.on('unhandledRejection', (error) => connection.console.error(`unhandled rejection: ${describeError(error)}`));
const thread = new LintThread({ role: LINT_WORKER_ROLE, env: { ...process.env } });
startServer(connection, { registry: createRegistry([...allRules, ...loadTestRules(process.env)]), debounceMs: DEFAULT_DEBOUNCE_MS, thread });
