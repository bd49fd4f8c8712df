export { identityJobHandlers } from './jobs.js';
export { identityRoutes } from './routes.js';
export { createIdentityService, type IdentityService } from './service.js';
