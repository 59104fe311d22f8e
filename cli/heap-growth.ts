import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 may grow the heap past the live data after a full collection, in percent. A lint run keeps
 * little alive (module facts and findings: 45–65 MB on the 2,312-file npm corpus) but allocates fast
 * (one AST per file, dropped after the file), and V8's default heuristic then grows the heap to about 5×
 * the live data (270 MB of heap, 480–520 MB RSS on that corpus) because each full collection is cheap.
 * Capping growth at 2× keeps the peak near 375 MB RSS for the same wall time: the few extra full
 * collections take about 10 ms each. (bench/RESULTS.md, session 6.)
 */
const HEAP_GROWING_PERCENT = 100;

/**
 * The V8 flag that applies the cap, or undefined when the user tuned V8's heap themselves (a flag on the
 * command line or in NODE_OPTIONS): their choice wins. V8 reads this flag at every full collection, so
 * setting it at start-up, after the isolate exists, takes effect; it is process-wide, so worker threads
 * get it too.
 */
export function heapGrowthFlag(execArgv: readonly string[], nodeOptions: string | undefined): string | undefined {
  const tuned = /--(?:heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size|optimize[-_]for[-_]size)\b/;
  if (execArgv.some((arg) => tuned.test(arg)) || tuned.test(nodeOptions ?? '')) return undefined;
  return `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

export function limitHeapGrowth(execArgv: readonly string[], nodeOptions: string | undefined): void {
  const flag = heapGrowthFlag(execArgv, nodeOptions);
  if (flag) setFlagsFromString(flag);
}
