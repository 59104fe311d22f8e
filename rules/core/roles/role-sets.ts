import type { FileRole } from '../engine/types';

/**
 * The roles rules declare. Runtime rules (timeouts, sync I/O, process exit, shutdown, leaks,
 * caches, endpoints, module structure) speak of a long-running process: its code only. Tests,
 * scripts, examples and browser code do not run in one.
 */
export const SERVICE_CODE: readonly FileRole[] = ['service'];

/** A lost or mangled error hurts whoever runs the code, a service's operator or a script's user. */
export const SERVICE_AND_SCRIPT_CODE: readonly FileRole[] = ['service', 'script'];
