import { Router, type Request, type Response } from 'express';
import { pool } from '../db/pool';
import { probe } from '../clients/inventory-client';

export const health = Router();

health.get('/healthz', (_req: Request, res: Response) => {
  res.json({ status: 'ok' });
});

health.get('/readyz', async (_req: Request, res: Response) => {
  let database = true;
  try {
    await pool.query('SELECT 1');
  } catch {
    // Readiness reports the failure as status 503 below; the pool logs its own connection errors.
    database = false;
  }
  const inventory = await probe();
  res.status(database && inventory ? 200 : 503).json({ database, inventory });
});
