import { and, asc, count, desc, eq, gte, isNull, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth.js';
import type { Db, DbOrTx } from '../../platform/db.js';
import { isUniqueViolation } from '../../platform/db.js';
import { conflict, findOrFail, notFound, unprocessable } from '../../platform/errors.js';
import { sendEmail } from '../../platform/mail.js';
import { pageOf, pageOffset, type PageParams } from '../../platform/pagination.js';
import type {
  PurchaseChecker,
  RatingDistribution,
  RatingSummary,
  ReviewsCatalogPort,
  ReviewsUsersPort,
} from './ports.js';
import { reviewStatus, reviews, reviewVotes, type ReviewRow } from './schema.js';

export type ReviewsDeps = {
  db: Db;
  catalog: ReviewsCatalogPort;
  users: ReviewsUsersPort;
  hasPurchased: PurchaseChecker;
};

export const REVIEW_SORTS = ['newest', 'rating_desc', 'rating_asc', 'most_helpful'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];
export const REVIEW_STATUSES = reviewStatus.enumValues;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const MODERATION_ACTIONS = ['approve', 'reject', 'hide'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export type ReviewInput = { rating: number; title: string; comment: string };

const ACTION_STATUS = { approve: 'approved', reject: 'rejected', hide: 'hidden' } as const;

const TOP_PRODUCTS = 10;

/** Soft-deleted reviews are gone for every purpose but the audit trail. */
const live = isNull(reviews.deletedAt);

const ORDER: Record<ReviewSort, SQL[]> = {
  newest: [desc(reviews.createdAt), desc(reviews.id)],
  rating_desc: [desc(reviews.rating), desc(reviews.createdAt), desc(reviews.id)],
  rating_asc: [asc(reviews.rating), desc(reviews.createdAt), desc(reviews.id)],
  most_helpful: [
    desc(reviews.helpfulCount),
    asc(reviews.unhelpfulCount),
    desc(reviews.createdAt),
    desc(reviews.id),
  ],
};

type ProductRef = { id: string; name: string; slug: string };

export function createReviewsService(deps: ReviewsDeps) {
  const { db, catalog, users, hasPurchased } = deps;

  async function summaryOf(tx: DbOrTx, productId: string): Promise<RatingSummary> {
    const rows = await tx
      .select({ rating: reviews.rating, n: count() })
      .from(reviews)
      .where(and(eq(reviews.productId, productId), eq(reviews.status, 'approved'), live))
      .groupBy(reviews.rating);
    const distribution: RatingDistribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
    let total = 0;
    let sum = 0;
    for (const r of rows) {
      distribution[String(r.rating) as keyof RatingDistribution] = r.n;
      total += r.n;
      sum += r.rating * r.n;
    }
    return { avg: total ? Math.round((sum / total) * 100) / 100 : 0, count: total, distribution };
  }

  /** Recomputes the product's rating summary from its approved reviews, in the caller's transaction. */
  async function refreshSummary(tx: DbOrTx, productId: string) {
    // Two transactions changing one product's approved set would each count without the other's
    // change; this per-product lock makes the later one count after the earlier one commits.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`reviews.summary:${productId}`}, 0))`,
    );
    await catalog.setRatingSummary(tx, productId, await summaryOf(tx, productId));
  }

  /** "Maria S." from the users port; "Customer" when the account is gone or nameless. */
  async function authorNames(userIds: string[]) {
    const unique = [...new Set(userIds)];
    const contacts = await Promise.all(unique.map((id) => users.getUserEmail(id)));
    return new Map(unique.map((id, i) => [id, displayName(contacts[i])]));
  }

  async function productRefs(productIds: string[]) {
    const unique = [...new Set(productIds)];
    const found = await Promise.all(unique.map((id) => catalog.getProduct(id)));
    return new Map<string, ProductRef | null>(
      unique.map((id, i) => {
        const p = found[i];
        return [id, p ? { id: p.id, name: p.name, slug: p.slug } : null];
      }),
    );
  }

  async function ownedRows(rows: ReviewRow[]) {
    const [names, products] = await Promise.all([
      authorNames(rows.map((r) => r.userId)),
      productRefs(rows.map((r) => r.productId)),
    ]);
    return rows.map((r) => toOwn(r, names.get(r.userId)!, products.get(r.productId) ?? null));
  }

  /** A live review of the actor's, row-locked; anyone else's answers exactly like a missing one. */
  async function ownForUpdate(tx: DbOrTx, actor: Actor, id: string) {
    const [row] = await tx
      .select()
      .from(reviews)
      .where(and(eq(reviews.id, id), eq(reviews.userId, actor.id), live))
      .for('update');
    return findOrFail(row, 'Review');
  }

  /** Only published reviews take votes; the row lock serialises votes on one review. */
  async function votableForUpdate(tx: DbOrTx, id: string) {
    const [row] = await tx
      .select()
      .from(reviews)
      .where(and(eq(reviews.id, id), eq(reviews.status, 'approved'), live))
      .for('update');
    return findOrFail(row, 'Review');
  }

  async function withVote(row: ReviewRow, vote: boolean | null) {
    const names = await authorNames([row.userId]);
    return { ...toPublic(row, names.get(row.userId)!), my_vote: voteName(vote) };
  }

  return {
    // ---- shoppers --------------------------------------------------------------------------

    /** Published reviews of an active product with its rating summary; `my_vote` for signed-in viewers. */
    async listForProduct(
      viewer: Actor | null,
      productId: string,
      query: { sort: ReviewSort; page: PageParams },
    ) {
      const product = await catalog.getProduct(productId);
      if (!product || product.status !== 'active') throw notFound('Product');
      const { limit, offset } = pageOffset(query.page);
      const [rows, summary] = await Promise.all([
        db
          .select({ review: reviews, myVote: reviewVotes.helpful })
          .from(reviews)
          .leftJoin(
            reviewVotes,
            and(
              eq(reviewVotes.reviewId, reviews.id),
              viewer ? eq(reviewVotes.userId, viewer.id) : sql`false`,
            ),
          )
          .where(and(eq(reviews.productId, productId), eq(reviews.status, 'approved'), live))
          .orderBy(...ORDER[query.sort])
          .limit(limit)
          .offset(offset),
        summaryOf(db, productId),
      ]);
      const names = await authorNames(rows.map((r) => r.review.userId));
      const items = rows.map(({ review, myVote }) => ({
        ...toPublic(review, names.get(review.userId)!),
        ...(viewer ? { my_vote: voteName(myVote) } : {}),
      }));
      // The summary counts exactly the rows this listing pages through.
      return {
        ...pageOf(items, summary.count, query.page),
        summary: { average: summary.avg, count: summary.count, distribution: summary.distribution },
      };
    },

    async create(actor: Actor, productId: string, input: ReviewInput) {
      const product = await catalog.getProduct(productId);
      if (!product) throw notFound('Product');
      if (product.status !== 'active')
        throw unprocessable('PRODUCT_NOT_REVIEWABLE', 'Only products on sale can be reviewed', [
          { field: 'params.productId', message: `product is ${product.status}` },
        ]);
      const verifiedPurchase = await hasPurchased(actor.id, productId);
      let row: ReviewRow;
      try {
        // The partial unique index, not a prior read, decides "one per user": it holds under concurrency.
        [row] = (await db
          .insert(reviews)
          .values({ productId, userId: actor.id, ...input, verifiedPurchase, status: 'pending' })
          .returning()) as [ReviewRow];
      } catch (err) {
        if (isUniqueViolation(err, 'reviews_one_per_user_key'))
          throw conflict(
            'REVIEW_EXISTS',
            'You have already reviewed this product; edit that review instead',
            [{ field: 'params.productId', message: 'already reviewed by you' }],
          );
        throw err;
      }
      const names = await authorNames([actor.id]);
      return toOwn(row, names.get(actor.id)!, { id: product.id, name: product.name, slug: product.slug });
    },

    async listMine(actor: Actor, page: PageParams) {
      const where = and(eq(reviews.userId, actor.id), live);
      const { limit, offset } = pageOffset(page);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(reviews)
          .where(where)
          .orderBy(desc(reviews.createdAt), desc(reviews.id))
          .limit(limit)
          .offset(offset),
        db.select({ n: count() }).from(reviews).where(where),
      ]);
      return pageOf(await ownedRows(rows), total?.n ?? 0, page);
    },

    /** An edit goes back to moderation, so an approved review leaves the published set until re-approved. */
    async update(actor: Actor, id: string, patch: Partial<ReviewInput>) {
      const row = await db.transaction(async (tx) => {
        const current = await ownForUpdate(tx, actor, id);
        const [row] = await tx
          .update(reviews)
          .set({
            ...(patch.rating !== undefined ? { rating: patch.rating } : {}),
            ...(patch.title !== undefined ? { title: patch.title } : {}),
            ...(patch.comment !== undefined ? { comment: patch.comment } : {}),
            status: 'pending',
          })
          .where(eq(reviews.id, id))
          .returning();
        if (current.status === 'approved') await refreshSummary(tx, current.productId);
        return row!;
      });
      await catalog.ratingSummaryCommitted(row.productId);
      return (await ownedRows([row]))[0]!;
    },

    /** Soft delete: the row stays for the record, the user may review the product again. */
    async remove(actor: Actor, id: string) {
      const productId = await db.transaction(async (tx) => {
        const current = await ownForUpdate(tx, actor, id);
        await tx
          .update(reviews)
          .set({ deletedAt: sql`now()` })
          .where(eq(reviews.id, id));
        if (current.status === 'approved') await refreshSummary(tx, current.productId);
        return current.productId;
      });
      await catalog.ratingSummaryCommitted(productId);
    },

    async vote(actor: Actor, id: string, helpful: boolean) {
      const row = await db.transaction(async (tx) => {
        const review = await votableForUpdate(tx, id);
        if (review.userId === actor.id)
          throw unprocessable('CANNOT_VOTE_OWN_REVIEW', 'You cannot vote on your own review');
        const [prev] = await tx
          .select({ helpful: reviewVotes.helpful })
          .from(reviewVotes)
          .where(and(eq(reviewVotes.reviewId, id), eq(reviewVotes.userId, actor.id)));
        if (prev?.helpful === helpful) return review;
        if (prev)
          await tx
            .update(reviewVotes)
            .set({ helpful })
            .where(and(eq(reviewVotes.reviewId, id), eq(reviewVotes.userId, actor.id)));
        else await tx.insert(reviewVotes).values({ reviewId: id, userId: actor.id, helpful });
        const up = (helpful ? 1 : 0) - (prev?.helpful === true ? 1 : 0);
        const down = (helpful ? 0 : 1) - (prev?.helpful === false ? 1 : 0);
        return adjustCounts(tx, id, up, down);
      });
      return withVote(row, helpful);
    },

    async unvote(actor: Actor, id: string) {
      await db.transaction(async (tx) => {
        await votableForUpdate(tx, id);
        const [prev] = await tx
          .delete(reviewVotes)
          .where(and(eq(reviewVotes.reviewId, id), eq(reviewVotes.userId, actor.id)))
          .returning({ helpful: reviewVotes.helpful });
        if (prev) await adjustCounts(tx, id, prev.helpful ? -1 : 0, prev.helpful ? 0 : -1);
      });
    },

    // ---- staff -----------------------------------------------------------------------------

    /** The moderation queue: pending reviews oldest first; other statuses newest first. */
    async listForModeration(
      _actor: Actor,
      filter: { status?: ReviewStatus; productId?: string; page: PageParams },
    ) {
      const where = and(
        live,
        filter.status ? eq(reviews.status, filter.status) : undefined,
        filter.productId ? eq(reviews.productId, filter.productId) : undefined,
      );
      const order = !filter.status
        ? [
            sql`${reviews.status} = 'pending' desc`,
            sql`case when ${reviews.status} = 'pending' then ${reviews.createdAt} end asc`,
            desc(reviews.createdAt),
            desc(reviews.id),
          ]
        : filter.status === 'pending'
          ? [asc(reviews.createdAt), asc(reviews.id)]
          : [desc(reviews.createdAt), desc(reviews.id)];
      const { limit, offset } = pageOffset(filter.page);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(reviews)
          .where(where)
          .orderBy(...order)
          .limit(limit)
          .offset(offset),
        db.select({ n: count() }).from(reviews).where(where),
      ]);
      const owned = await ownedRows(rows);
      return pageOf(
        owned.map((o, i) => ({ ...o, ...moderationFields(rows[i]!) })),
        total?.n ?? 0,
        filter.page,
      );
    },

    /**
     * Approve, reject or hide, with an internal note. The product's rating summary is recomputed
     * and the reviewer's email enqueued in the same transaction as the decision.
     */
    async moderate(actor: Actor, id: string, action: ModerationAction, note: string | undefined) {
      const status = ACTION_STATUS[action];
      // Reads through other modules happen before the transaction, so it never waits on a
      // second pool connection while holding one. product_id and user_id never change.
      const target = findOrFail(
        (
          await db
            .select({ productId: reviews.productId, userId: reviews.userId })
            .from(reviews)
            .where(and(eq(reviews.id, id), live))
        )[0],
        'Review',
      );
      const [contact, product] = await Promise.all([
        users.getUserEmail(target.userId),
        catalog.getProduct(target.productId),
      ]);
      const row = await db.transaction(async (tx) => {
        const current = findOrFail(
          (
            await tx
              .select()
              .from(reviews)
              .where(and(eq(reviews.id, id), live))
              .for('update')
          )[0],
          'Review',
        );
        const [row] = await tx
          .update(reviews)
          .set({ status, moderationNote: note ?? null, moderatedBy: actor.id, moderatedAt: sql`now()` })
          .where(eq(reviews.id, id))
          .returning();
        if ((current.status === 'approved') !== (status === 'approved'))
          await refreshSummary(tx, current.productId);
        // Re-confirming the same decision (e.g. a new note) does not email the reviewer again.
        if (contact && current.status !== status)
          await sendEmail(tx, decisionEmail(contact, status, row!, product?.name), { userId: row!.userId });
        return row!;
      });
      await catalog.ratingSummaryCommitted(row.productId);
      const [owned] = await ownedRows([row]);
      return { ...owned!, ...moderationFields(row) };
    },

    async statistics(_actor: Actor) {
      const [byStatus, [overall], [recent], top] = await Promise.all([
        db.select({ status: reviews.status, n: count() }).from(reviews).where(live).groupBy(reviews.status),
        db
          .select({ avg: sql<number | null>`avg(${reviews.rating})::float8` })
          .from(reviews)
          .where(and(eq(reviews.status, 'approved'), live)),
        db
          .select({
            last7: sql<number>`count(*) filter (where ${reviews.createdAt} > now() - interval '7 days')::int`,
            last30: sql<number>`count(*) filter (where ${reviews.createdAt} > now() - interval '30 days')::int`,
          })
          .from(reviews)
          .where(and(live, gte(reviews.createdAt, sql`now() - interval '30 days'`))),
        db
          .select({
            productId: reviews.productId,
            n: count(),
            avg: sql<number>`avg(${reviews.rating})::float8`,
          })
          .from(reviews)
          .where(and(eq(reviews.status, 'approved'), live))
          .groupBy(reviews.productId)
          .orderBy(desc(count()), asc(reviews.productId))
          .limit(TOP_PRODUCTS),
      ]);
      const counts = { pending: 0, approved: 0, rejected: 0, hidden: 0, total: 0 };
      for (const r of byStatus) {
        counts[r.status] = r.n;
        counts.total += r.n;
      }
      return {
        counts,
        average_rating: overall?.avg == null ? null : round2(overall.avg),
        last_7_days: recent?.last7 ?? 0,
        last_30_days: recent?.last30 ?? 0,
        top_products: top.map((t) => ({
          product_id: t.productId,
          approved_reviews: t.n,
          average_rating: round2(t.avg),
        })),
      };
    },
  };
}

export type ReviewsService = ReturnType<typeof createReviewsService>;

/** Moves the vote counters by exact deltas; the caller holds the review's row lock. */
async function adjustCounts(tx: DbOrTx, id: string, up: number, down: number) {
  const [row] = await tx
    .update(reviews)
    .set({
      helpfulCount: sql`${reviews.helpfulCount} + ${up}`,
      unhelpfulCount: sql`${reviews.unhelpfulCount} + ${down}`,
      // A vote is not an edit of the review.
      updatedAt: sql`${reviews.updatedAt}`,
    })
    .where(eq(reviews.id, id))
    .returning();
  return row!;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

const voteName = (helpful: boolean | null | undefined) =>
  helpful === true ? ('helpful' as const) : helpful === false ? ('unhelpful' as const) : null;

function displayName(c: { firstName: string | null; lastName?: string | null } | undefined) {
  const first = c?.firstName?.trim();
  if (!first) return 'Customer';
  const initial = Array.from(c?.lastName?.trim() ?? '')[0];
  return initial ? `${first} ${initial.toUpperCase()}.` : first;
}

function toPublic(r: ReviewRow, authorName: string) {
  return {
    id: r.id,
    product_id: r.productId,
    rating: r.rating,
    title: r.title,
    comment: r.comment,
    author_name: authorName,
    verified_purchase: r.verifiedPurchase,
    helpful_count: r.helpfulCount,
    unhelpful_count: r.unhelpfulCount,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

function toOwn(r: ReviewRow, authorName: string, product: ProductRef | null) {
  return { ...toPublic(r, authorName), status: r.status, product };
}

function moderationFields(r: ReviewRow) {
  return {
    user_id: r.userId,
    moderation_note: r.moderationNote,
    moderated_by: r.moderatedBy,
    moderated_at: r.moderatedAt?.toISOString() ?? null,
  };
}

function decisionEmail(
  to: { email: string; firstName: string | null },
  status: (typeof ACTION_STATUS)[ModerationAction],
  r: ReviewRow,
  productName: string | undefined,
) {
  const what = `your review "${r.title}"${productName ? ` of ${productName}` : ''}`;
  const hello = to.firstName ? `Hi ${to.firstName},` : 'Hi,';
  const content = {
    approved: {
      subject: 'Your review is live',
      heading: 'Thanks — your review is published',
      paragraphs: [hello, `We have published ${what}. Other shoppers can now read it.`],
    },
    rejected: {
      subject: 'Your review was not published',
      heading: 'Your review was not published',
      paragraphs: [
        hello,
        `We could not publish ${what} because it does not meet our review guidelines.`,
        'You can edit it from your account and it will be checked again.',
      ],
    },
    hidden: {
      subject: 'Your review has been hidden',
      heading: 'Your review has been hidden',
      paragraphs: [
        hello,
        `We have hidden ${what}: it is no longer shown on the product page.`,
        'You can edit it from your account and it will be checked again.',
      ],
    },
  }[status];
  return {
    to: to.email,
    subject: content.subject,
    template: `reviews.${status}`,
    content: { heading: content.heading, paragraphs: content.paragraphs },
  };
}
