import { EventEmitter } from 'node:events';
import type { OrderEvent } from './order-events';
import { recordRefund } from '../services/order-service';

/** In-process event bus. Subscribers are wired once at module load. */
export const bus = new EventEmitter();
bus.setMaxListeners(50);

export function publish(event: OrderEvent): void {
  bus.emit(event.type, event);
}

// Importing order-service here, while order-service imports this module, closes an import cycle.
// Both read each other only inside functions, so neither sees the other half-loaded: design debt.
bus.on('order.refunded', (event: OrderEvent) => recordRefund(event.orderId));
