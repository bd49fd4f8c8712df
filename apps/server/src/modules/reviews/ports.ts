import type { DbOrTx } from '../../platform/db.js';

/**
 * What the reviews module needs from other modules, as plain functions the composition root
 * supplies (app.ts). Reviews never reads or writes another module's tables itself.
 */

export type RatingDistribution = { '1': number; '2': number; '3': number; '4': number; '5': number };
export type RatingSummary = { avg: number; count: number; distribution: RatingDistribution };

export type ReviewsCatalogPort = {
  /** undefined when the product does not exist */
  getProduct(
    productId: string,
  ): Promise<{ id: string; name: string; slug: string; status: 'draft' | 'active' | 'archived' } | undefined>;
  /** Called inside the reviews transaction whenever the approved set changes. */
  setRatingSummary(tx: DbOrTx, productId: string, s: RatingSummary): Promise<void>;
  /** After the transaction that may have changed the summary commits: readers must see it now. */
  ratingSummaryCommitted(productId: string): Promise<void>;
};

export type ReviewsUsersPort = {
  /**
   * Contact details of an active user; undefined for unknown, suspended or deleted accounts.
   * `lastName` (optional) lets a review show "Maria S." rather than just "Maria".
   */
  getUserEmail(
    userId: string,
  ): Promise<{ email: string; firstName: string | null; lastName?: string | null } | undefined>;
};

/** Has this user bought this product? Answered by the orders module (false until it exists). */
export type PurchaseChecker = (userId: string, productId: string) => Promise<boolean>;
