import { limitHeapGrowth } from './heap-growth';
import { EXIT_INTERRUPTED, runCli } from './run';

limitHeapGrowth(process.execArgv, process.env.NODE_OPTIONS);

// The first Ctrl-C lets the run stop cleanly (an empty, valid report; no fix written); a second one
// stops at once, as users expect when the first seems to hang.
const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(EXIT_INTERRUPTED);
  interrupt.abort();
});

runCli({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  signal: interrupt.signal,
}).then((code) => {
  process.exitCode = code;
});
