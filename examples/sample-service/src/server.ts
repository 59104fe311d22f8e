import express from 'express';
import { config } from './app-config';
import { journal } from './logging';
import { orders } from './routes/orders';
import { health } from './routes/health';
import { pool } from './db/pool';
import { startMetrics, startReconciler } from './workers/reconciler';
import './events/bus';

const app = express();
app.use(express.json({ limit: '100kb' }));
app.use(health);
app.use(orders);
app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
  journal.error({ err }, 'request failed');
  res.status(500).json({ error: 'internal error' });
});

const stopReconciler = startReconciler();
startMetrics();

const server = app.listen(config.port, () => journal.info({ port: config.port }, 'listening'));

process.on('SIGTERM', () => {
  journal.info({}, 'shutting down');
  stopReconciler();
  server.close((error) => {
    if (error) journal.error({ err: error }, 'close failed');
    pool.end().finally(() => process.exit(error ? 1 : 0));
  });
});
