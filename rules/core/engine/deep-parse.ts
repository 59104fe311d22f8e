import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { ParseError } from '../errors';
import { rebuildTree } from './flat-tree';
import type { ParseAnswer, ParseRequest } from './parse-worker';

/** The stack the retry thread gets. 10,000 nested `if`s need about 40 MB; this leaves room. */
export const DEEP_PARSE_STACK_MB = 512;
/** A parse that takes longer than this on the retry thread is abandoned. */
export const DEEP_PARSE_TIMEOUT_MS = 30_000;

const TOO_DEEP = 'too deeply nested to analyse (the parser ran out of stack even on a large one); split the nested expression or add the generated file to "ignores"';

/**
 * Parses on a worker thread with a large stack, synchronously: the caller blocks on a shared flag
 * (Atomics.wait) and reads the answer with receiveMessageOnPort, so `parseSource` and everything
 * above it keep their synchronous signatures. Only input that overflowed the normal stack comes
 * here, so the worker's start-up cost (about 0.5 s) is paid only for pathological files.
 */
export function parseOnLargeStack<T>(text: string, filePath: string): T {
  const script = path.join(__dirname, 'parse-worker.js');
  // A bundle without the worker file would otherwise cost the whole timeout per deep file.
  if (!fs.existsSync(script)) throw new ParseError(filePath, 1, 1, `${TOO_DEEP} (this build ships no parse-worker.js to retry on a large stack)`);
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const request: ParseRequest = { text, filePath, port: port2, done };
  const worker = new Worker(script, {
    workerData: request, transferList: [port2], resourceLimits: { stackSizeMb: DEEP_PARSE_STACK_MB }, stdout: true, stderr: true,
  });
  try {
    // A worker that dies before answering (out of memory) never sets the flag: the timeout covers it.
    Atomics.wait(done, 0, 0, DEEP_PARSE_TIMEOUT_MS);
    const answer = receiveMessageOnPort(port1)?.message as ParseAnswer | undefined;
    if (!answer) throw new ParseError(filePath, 1, 1, `too deeply nested to analyse in time (the parser, which slows down on deep nesting, took over ${DEEP_PARSE_TIMEOUT_MS / 1000} s); split the nested code or add the generated file to "ignores"`);
    if (answer.kind === 'tree') return rebuildTree<T>(answer.tree);
    if (answer.kind === 'syntax') throw new ParseError(filePath, answer.line, answer.column, answer.reason);
    throw new ParseError(filePath, 1, 1, answer.kind === 'overflow' ? TOO_DEEP : `the parser failed: ${answer.message}`);
  } finally {
    port1.close();
    void worker.terminate();
  }
}
