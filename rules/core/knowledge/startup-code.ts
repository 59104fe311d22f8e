import { functionName, type FunctionNode } from '../../utils/ast-names';

/**
 * Names of functions that by convention run once per process or per object, while it starts:
 * `main`, `init`, `setupSignals`, `startServer`, `bootstrap`, `_bindEvents`, `loadConfig`.
 * A name is weak evidence: run-frequency uses it only where no call in the file says otherwise.
 */
const STARTUP_NAME = /^[_#]*(main|init|initiali[sz]e|setup|setUp|start|bootstrap|boot|configure|migrate|register|install|activate|listen|bind|attach|wire)($|[A-Z0-9_])|^load\w*Config/;

/** Whether a function is named like start-up code. */
export function hasStartupName(fn: FunctionNode): boolean {
  return STARTUP_NAME.test(functionName(fn) ?? '');
}
