import { Pool, type PoolClient } from 'pg';
import { config } from '../app-config';

export const pool = new Pool({ connectionString: config.databaseUrl, max: 10, connectionTimeoutMillis: 2_000 });

/** Clean: the client goes back to the pool on every path, including a failing query. */
export async function withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}

/**
 * Leaks a pooled connection when the query throws: release() only runs on the happy path,
 * so after max (10) failures every request waits for a connection that never comes back.
 */
export async function countOrders(): Promise<number> {
  const client = await pool.connect();
  const result = await client.query<{ count: string }>('SELECT count(*) FROM orders');
  client.release();
  return Number(result.rows[0].count);
}
