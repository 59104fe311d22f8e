import { promises as fsp, openSync, writeSync, closeSync } from 'node:fs';
import * as path from 'node:path';
import { config } from '../app-config';
import type { Order } from '../services/order-service';

/**
 * Leaks a file descriptor whenever a write throws (disk full, EPIPE): close() is skipped.
 * Under a steady error rate the process hits EMFILE and stops accepting connections.
 */
export async function exportOrders(orders: readonly Order[], name: string): Promise<void> {
  const handle = await fsp.open(path.join(config.exportDir, name), 'w');
  for (const order of orders) {
    await handle.write(`${order.id},${order.sku},${order.quantity}\n`);
  }
  await handle.close();
}

/** Clean: the descriptor is closed on every path. */
export function appendAudit(line: string): void {
  const fd = openSync(path.join(config.exportDir, 'audit.log'), 'a');
  try {
    writeSync(fd, `${line}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Clean: `await using` closes the handle however the block exits. */
export async function writeMarker(name: string): Promise<void> {
  await using handle = await fsp.open(path.join(config.exportDir, `${name}.done`), 'w');
  await handle.write(new Date().toISOString());
}
