import { pool, countOrders } from '../db/pool';
import { config } from '../app-config';
import { journal } from '../logging';

/** Reconciles stock counts on a timer. */
export function startReconciler(): () => void {
  // Clean: the handle is kept and cleared by the stop function the server calls on shutdown.
  const timer = setInterval(() => {
    reconcile().catch((error: unknown) => journal.error({ err: error }, 'reconcile failed'));
  }, config.reconcileEveryMs);
  return () => clearInterval(timer);
}

export function startMetrics(): void {
  // Never cleared and not unref'd: it keeps the process alive after shutdown starts.
  setInterval(() => {
    countOrders()
      .then((count) => journal.info({ count }, 'orders'))
      .catch(() => {});
  }, 15_000);
}

async function reconcile(): Promise<void> {
  await pool.query('UPDATE stock SET reserved = 0 WHERE reserved_until < now()');
}
