import { config } from '../app-config';
import { journal } from '../logging';

export interface StockLevel {
  sku: string;
  available: number;
}

/** Clean: the base URL comes from config and every call carries a timeout. */
export async function stockLevel(sku: string): Promise<StockLevel> {
  const response = await fetch(`${config.inventoryBaseUrl}/stock/${encodeURIComponent(sku)}`, {
    signal: AbortSignal.timeout(config.upstreamTimeoutMs),
  });
  if (!response.ok) throw new Error(`inventory answered ${response.status} for ${sku}`);
  return (await response.json()) as StockLevel;
}

/**
 * Two problems: the endpoint is baked into the code (staging and production cannot differ), and
 * the call has no timeout, so a hung inventory service holds every reservation request open.
 */
export async function reserveStock(sku: string, quantity: number): Promise<boolean> {
  const response = await fetch('https://inventory.prod.acme-internal.net/v2/reservations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sku, quantity }),
  });
  return response.ok;
}

/** Clean: the caller's signal bounds the call (the route passes one with a deadline). */
export async function releaseStock(sku: string, signal: AbortSignal): Promise<void> {
  await fetch(`${config.inventoryBaseUrl}/reservations/${encodeURIComponent(sku)}`, { method: 'DELETE', signal });
}

/** Swallows the failure: the warm-up silently does nothing and nobody learns why. */
export async function warmUp(): Promise<void> {
  try {
    await stockLevel('warm-up');
  } catch (error) {
    return;
  }
}

/** Clean: the failure is logged through the service's own logger (settings.loggers). */
export async function probe(): Promise<boolean> {
  try {
    await stockLevel('probe');
    return true;
  } catch (error) {
    journal.warn({ err: error }, 'inventory probe failed');
    return false;
  }
}
