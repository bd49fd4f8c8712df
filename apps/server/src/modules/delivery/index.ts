export { deliveryRoutes } from './routes.js';
export { createDeliveryService, type DeliveryService, type TrackingView } from './service.js';
export { deliveryCrontab, deliveryJobHandlers, simulateJob, SIMULATION_KEY } from './jobs.js';
export { TRANSITIONS as DELIVERY_TRANSITIONS } from './workflow.js';
export type { DeliveryStatus } from './schema.js';
