export { cartRoutes } from './routes.js';
export { createCartService, type CartService, type QuoteLine } from './service.js';
export { type Totals } from './pricing.js';
export { cartCrontab, cartJobHandlers } from './jobs.js';
