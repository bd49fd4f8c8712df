export { ordersRoutes } from './routes.js';
export { createOrdersService, orderTopic, type OrdersService, type OrderHooks } from './service.js';
export { ordersCrontab, ordersJobHandlers } from './jobs.js';
export { TRANSITIONS, CANCELLABLE } from './workflow.js';
export type { AddressSnapshot, OrderStatus, OrderRow } from './schema.js';
