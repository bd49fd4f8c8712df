export type {
  PurchaseChecker,
  RatingDistribution,
  RatingSummary,
  ReviewsCatalogPort,
  ReviewsUsersPort,
} from './ports.js';
export { reviewsRoutes } from './routes.js';
export { createReviewsService, type ReviewsService } from './service.js';
