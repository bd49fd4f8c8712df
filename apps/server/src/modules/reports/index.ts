export { reportsRoutes } from './routes.js';
export { reportsCrontab, reportsJobHandlers } from './jobs.js';
export { reportsJobStarters } from './starters.js';
export { createReportsService, type ReportsService } from './service.js';
