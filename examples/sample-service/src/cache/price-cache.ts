import { LRUCache } from 'lru-cache';

export interface Price {
  sku: string;
  cents: number;
  fetchedAt: number;
}

/** Grows with every distinct SKU ever asked for and is never trimmed: memory grows until the pod is OOM-killed. */
const priceBySku = new Map<string, Price>();

export function rememberPrice(price: Price): void {
  priceBySku.set(price.sku, price);
}

export function cachedPrice(sku: string): Price | undefined {
  return priceBySku.get(sku);
}

/** Clean: bounded by the library. */
const quotes = new LRUCache<string, Price>({ max: 5_000, ttl: 60_000 });

export function rememberQuote(price: Price): void {
  quotes.set(price.sku, price);
}

/** Clean: entries expire, and the delete below bounds the map. */
const inFlight = new Map<string, Promise<Price>>();

export function dedupe(sku: string, load: () => Promise<Price>): Promise<Price> {
  const pending = inFlight.get(sku);
  if (pending) return pending;
  const started = load().finally(() => inFlight.delete(sku));
  inFlight.set(sku, started);
  return started;
}

/** Clean: filled once at load from static data, never grown afterwards. */
const CURRENCY_DIGITS = new Map<string, number>();
for (const [code, digits] of [['EUR', 2], ['JPY', 0], ['USD', 2]] as const) CURRENCY_DIGITS.set(code, digits);

export function digitsFor(currency: string): number {
  return CURRENCY_DIGITS.get(currency) ?? 2;
}

/** Clean: keyed by object, so entries go when the request does. */
const seenByRequest = new WeakMap<object, Set<string>>();

export function markSeen(request: object, sku: string): void {
  const seen = seenByRequest.get(request) ?? new Set<string>();
  seen.add(sku);
  seenByRequest.set(request, seen);
}
