import type { publish } from './bus';

/** Event shapes. The type-only import back to bus.ts is erased at runtime: not a cycle. */
export interface OrderEvent {
  type: 'order.created' | 'order.refunded';
  orderId: string;
}

export type Publisher = typeof publish;
