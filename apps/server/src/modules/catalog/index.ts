export { catalogRoutes } from './routes.js';
export { renderHead, seoRoutes } from './seo.js';
export { CATALOG_CACHE } from './categories.js';
export { createCatalogService, type CatalogService } from './service.js';
export { catalogPortFor } from './reviews-port.js';
export type { ImageService, ProductImage } from './images.js';
export { imageJobHandlers } from './images.jobs.js';
export { imageRoutes, productImageSchema, uploadsRoutes } from './images.routes.js';
export { catalogCrontab, catalogJobHandlers, type OrderHistoryPort } from './jobs.js';
