import { Router, type NextFunction, type Request, type Response } from 'express';
import { rememberPrice, cachedPrice } from '../cache/price-cache';
import { reserveStock } from '../clients/inventory-client';
import { createOrder, type Order } from '../services/order-service';

export const orders = Router();

/** Grows by one entry for every distinct SKU a client asks about, and is never trimmed. */
const lookupsBySku = new Map<string, number>();

orders.post('/orders', async (req: Request, res: Response, next: NextFunction) => {
  try {
    const order = req.body as Order;
    if (!(await reserveStock(order.sku, order.quantity))) {
      res.status(409).json({ error: 'out of stock' });
      return;
    }
    await createOrder(order);
    res.status(201).json({ id: order.id });
  } catch (error) {
    // Clean: Express's error handler logs and answers 500.
    next(error);
  }
});

orders.get('/prices/:sku', async (req: Request, res: Response) => {
  lookupsBySku.set(req.params.sku, (lookupsBySku.get(req.params.sku) ?? 0) + 1);
  const cached = cachedPrice(req.params.sku);
  if (cached) {
    res.json(cached);
    return;
  }
  try {
    const response = await fetch(`http://pricing:9000/prices/${req.params.sku}`);
    const price = await response.json();
    rememberPrice(price);
    res.json(price);
  } catch (err) {
    res.status(502).json({ error: 'pricing unavailable' });
  }
});

orders.get('/orders/:id/receipt', (req: Request, res: Response) => {
  // Clean: a relative URL resolved against a placeholder base is not an endpoint.
  const url = new URL(req.originalUrl, 'http://localhost');
  res.type('image/svg+xml').send(`<svg xmlns="http://www.w3.org/2000/svg"><text>${url.pathname}</text></svg>`);
});
