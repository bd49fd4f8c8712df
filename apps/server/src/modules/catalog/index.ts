export { catalogRoutes } from './routes.js';
export { seoRoutes } from './seo.js';
export { createCatalogService, type CatalogService } from './service.js';
export { catalogPortFor } from './reviews-port.js';
export { inventoryCatalogPortFor } from './inventory-port.js';
export { imageJobHandlers } from './images.jobs.js';
export { imageRoutes, uploadsRoutes } from './images.routes.js';
export { catalogCrontab, catalogJobHandlers, type OrderHistoryPort } from './jobs.js';
export { salePortFor, type SalePort, type SaleVariant } from './sale-port.js';
