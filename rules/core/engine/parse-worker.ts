/**
 * Worker entry for parses that overflow the main thread's stack (see deep-parse.ts). Runs the same
 * parser on a thread created with a large stack and answers once, through a port the caller reads
 * synchronously, then wakes the caller through a shared flag.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { ParseError } from '../errors';
import { flattenTree } from './flat-tree';
import { parseOnThisStack } from './parse';

export interface ParseRequest {
  text: string;
  filePath: string;
  port: MessagePort;
  done: Int32Array;
}

export type ParseAnswer =
  | { kind: 'tree'; tree: ReturnType<typeof flattenTree> }
  | { kind: 'syntax'; line: number; column: number; reason: string }
  | { kind: 'overflow' }
  | { kind: 'crash'; message: string };

function answer(request: ParseRequest): ParseAnswer {
  try {
    return { kind: 'tree', tree: flattenTree(parseOnThisStack(request.text, request.filePath)) };
  } catch (error) {
    if (error instanceof ParseError) return { kind: 'syntax', line: error.line, column: error.column, reason: error.reason };
    if (error instanceof RangeError) return { kind: 'overflow' };
    return { kind: 'crash', message: error instanceof Error ? error.message : String(error) };
  }
}

const request = workerData as ParseRequest;
request.port.postMessage(answer(request));
Atomics.store(request.done, 0, 1);
Atomics.notify(request.done, 0);
