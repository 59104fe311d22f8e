/**
 * The one module that reads the environment and owns endpoints. Literal URLs here are defaults,
 * not hardcoded endpoints: this is where operators expect to find them.
 */
export interface AppConfig {
  port: number;
  databaseUrl: string;
  inventoryBaseUrl: string;
  upstreamTimeoutMs: number;
  reconcileEveryMs: number;
  exportDir: string;
}

function numberFrom(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

export const config: AppConfig = {
  port: numberFrom(process.env.PORT, 8080),
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://orders@localhost:5432/orders',
  inventoryBaseUrl: process.env.INVENTORY_URL ?? 'http://inventory.svc.cluster.local:8081',
  upstreamTimeoutMs: numberFrom(process.env.UPSTREAM_TIMEOUT_MS, 2_000),
  reconcileEveryMs: numberFrom(process.env.RECONCILE_EVERY_MS, 60_000),
  exportDir: process.env.EXPORT_DIR ?? '/var/lib/orders/exports',
};
