export { jobsRoutes, jobSchema } from './routes.js';
export { jobsCrontab, jobsJobHandlers } from './jobs.js';
export { platformJobStarters } from './starters.js';
export {
  createJobsService,
  starter,
  toJob,
  type JobStarter,
  type JobsService,
  type JobView,
} from './service.js';
