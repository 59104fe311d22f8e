import { publish } from '../events/bus';
import { withClient } from '../db/pool';
import { journal } from '../logging';

export interface Order {
  id: string;
  sku: string;
  quantity: number;
}

export async function createOrder(order: Order): Promise<void> {
  await withClient((client) => client.query('INSERT INTO orders (id, sku, quantity) VALUES ($1, $2, $3)', [order.id, order.sku, order.quantity]));
  publish({ type: 'order.created', orderId: order.id });
}

export function recordRefund(orderId: string): void {
  withClient((client) => client.query('UPDATE orders SET refunded = true WHERE id = $1', [orderId])).catch((error: unknown) => {
    journal.error({ err: error, orderId }, 'refund was not recorded');
  });
}
