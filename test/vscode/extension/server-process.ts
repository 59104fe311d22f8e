import * as fs from 'node:fs';

/**
 * Process ids of the Opslint servers this extension host started: children of this process
 * (the client forks dist/server.js over node-ipc) whose command line names the server bundle.
 * Reads /proc, so Linux only, like the code-server run that hosts these tests.
 */
export function serverProcesses(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat is the parent id; the command name before it may hold spaces, so split after ')'.
      const parent = Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (parent !== process.pid) continue;
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('dist/server.js')) pids.push(Number(entry));
    } catch {
      // The process ended while we looked: it is not a running server.
    }
  }
  return pids;
}

/** Resolves with the server pids once `accept` takes them, polling every 50 ms. */
export async function serverProcessesWhen(accept: (pids: number[]) => boolean): Promise<number[]> {
  for (;;) {
    const pids = serverProcesses();
    if (accept(pids)) return pids;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
