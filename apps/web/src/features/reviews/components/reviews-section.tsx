import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Button, ButtonLink } from '../../../components/button';
import { SelectField, TextField } from '../../../components/field';
import { CheckIcon, StarIcon, ThumbDownIcon, ThumbUpIcon } from '../../../components/icons';
import { ErrorState, InlineError, Skeleton, errorMessage } from '../../../components/states';
import { Stars } from '../../../components/stars';
import { useToast } from '../../../components/toast';
import { isApiError } from '../../../lib/api';
import { cn, formatDate, plural } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import { useProductReviews, type ReviewPage } from '../api/get-reviews';
import { useDeleteReview, useMyReview, useSaveReview } from '../api/my-reviews';
import { useVoteReview } from '../api/vote';
import { REVIEW_SORTS, type OwnReview, type Review, type ReviewSort } from '../types';

const SORT_LABELS: Record<ReviewSort, string> = {
  newest: 'Newest',
  most_helpful: 'Most helpful',
  rating_desc: 'Highest rating',
  rating_asc: 'Lowest rating',
};

function Summary({ summary }: { summary: ReviewPage['summary'] }) {
  return (
    <div className="flex gap-6">
      <div className="text-center">
        <p className="text-4xl font-black">{summary.count ? summary.average.toFixed(1) : '–'}</p>
        <Stars value={summary.average} size={16} />
        <p className="mt-1 text-xs text-muted">{plural(summary.count, 'review')}</p>
      </div>
      <ul className="flex-1 space-y-1" aria-label="Rating distribution">
        {(['5', '4', '3', '2', '1'] as const).map((star) => {
          const n = summary.distribution[star];
          const pct = summary.count ? Math.round((n / summary.count) * 100) : 0;
          return (
            <li key={star} className="flex items-center gap-2 text-xs">
              <span className="flex w-6 items-center gap-0.5">
                {star}
                <StarIcon size={10} className="text-amber-400" />
              </span>
              <span className="h-2 flex-1 overflow-hidden rounded-full bg-gray-100">
                <span className="block h-full rounded-full bg-amber-400" style={{ width: `${pct}%` }} />
              </span>
              <span className="w-8 text-right text-muted">{n}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function RatingInput({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium">Your rating</legend>
      <div className="flex gap-1">
        {[1, 2, 3, 4, 5].map((n) => (
          <label
            key={n}
            className="cursor-pointer has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600"
          >
            <input
              type="radio"
              name="rating"
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              className="sr-only"
            />
            <StarIcon size={30} className={n <= value ? 'text-amber-400' : 'text-gray-300'} />
            <span className="sr-only">{plural(n, 'star')}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function ReviewForm({
  productId,
  existing,
  onDone,
}: {
  productId: string;
  existing?: OwnReview;
  onDone: () => void;
}) {
  const [rating, setRating] = useState(existing?.rating ?? 0);
  const [title, setTitle] = useState(existing?.title ?? '');
  const [comment, setComment] = useState(existing?.comment ?? '');
  const [missingRating, setMissingRating] = useState(false);
  const save = useSaveReview(productId);
  const notify = useToast();
  const err = save.error;

  return (
    <form
      className="space-y-3 rounded-2xl border border-line bg-gray-50 p-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!rating) return setMissingRating(true);
        save.mutate(
          { id: existing?.id, input: { rating, title: title.trim(), comment: comment.trim() } },
          {
            onSuccess: () => {
              notify('Thanks! Your review will appear once it has been checked.', 'success');
              onDone();
            },
          },
        );
      }}
    >
      <RatingInput value={rating} onChange={(n) => (setRating(n), setMissingRating(false))} />
      {missingRating && <p className="text-xs font-medium text-red-600">Choose a rating from 1 to 5 stars</p>}
      <TextField
        label="Title"
        value={title}
        maxLength={120}
        onChange={(e) => setTitle(e.target.value)}
        error={isApiError(err, 422) ? err.fieldError('title') : undefined}
      />
      <div>
        <label htmlFor="review-comment" className="mb-1 block text-sm font-medium">
          Your review
        </label>
        <textarea
          id="review-comment"
          value={comment}
          maxLength={5000}
          rows={4}
          onChange={(e) => setComment(e.target.value)}
          className="block w-full rounded-xl border border-line bg-white p-3 text-[15px] outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-600/20"
        />
      </div>
      {err && <InlineError>{errorMessage(err)}</InlineError>}
      <div className="flex gap-2">
        <Button type="submit" loading={save.isPending}>
          {existing ? 'Update review' : 'Submit review'}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

const STATUS_TEXT: Record<OwnReview['status'], string> = {
  pending: 'Waiting for moderation',
  approved: 'Published',
  rejected: 'Not published',
  hidden: 'Hidden by moderators',
};

function MyReview({ productId, review }: { productId: string; review: OwnReview }) {
  const [editing, setEditing] = useState(false);
  const remove = useDeleteReview(productId);
  if (editing) return <ReviewForm productId={productId} existing={review} onDone={() => setEditing(false)} />;
  return (
    <div className="rounded-2xl border border-brand-200 bg-brand-50/50 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-bold">Your review</p>
        <span className="rounded-full bg-white px-2 py-0.5 text-xs font-semibold text-muted">
          {STATUS_TEXT[review.status]}
        </span>
      </div>
      <Stars value={review.rating} className="mt-2" />
      <p className="mt-1 font-semibold">{review.title}</p>
      <p className="mt-1 text-sm whitespace-pre-line text-ink/80">{review.comment}</p>
      <div className="mt-3 flex gap-2">
        <Button size="sm" variant="outline" onClick={() => setEditing(true)}>
          Edit
        </Button>
        <Button size="sm" variant="ghost" loading={remove.isPending} onClick={() => remove.mutate(review.id)}>
          Delete
        </Button>
      </div>
    </div>
  );
}

function ReviewItem({ review, productId }: { review: Review; productId: string }) {
  const { user } = useSession();
  const vote = useVoteReview(productId);
  const notify = useToast();
  const location = useLocation();
  const voteBtn = (helpful: boolean) => {
    const mine = review.my_vote === (helpful ? 'helpful' : 'unhelpful');
    const Icon = helpful ? ThumbUpIcon : ThumbDownIcon;
    const count = helpful ? review.helpful_count : review.unhelpful_count;
    if (!user)
      return (
        <Link
          to={`/login?next=${encodeURIComponent(location.pathname)}`}
          className="inline-flex items-center gap-1 rounded-full border border-line px-2.5 py-1 text-xs text-muted hover:bg-gray-50"
          aria-label={`Log in to vote this review ${helpful ? 'helpful' : 'not helpful'}`}
        >
          <Icon size={14} /> {count}
        </Link>
      );
    return (
      <button
        type="button"
        aria-pressed={mine}
        disabled={vote.isPending}
        onClick={() => vote.mutate({ review, helpful }, { onError: (e) => notify(errorMessage(e), 'error') })}
        className={cn(
          'inline-flex items-center gap-1 rounded-full border px-2.5 py-1 text-xs',
          mine
            ? 'border-brand-600 bg-brand-50 font-semibold text-brand-700'
            : 'border-line text-muted hover:bg-gray-50',
        )}
        aria-label={`${helpful ? 'Helpful' : 'Not helpful'} (${count})`}
      >
        <Icon size={14} /> {count}
      </button>
    );
  };
  return (
    <li className="py-4">
      <div className="flex items-center gap-2">
        <span className="inline-flex items-center gap-0.5 rounded bg-brand-600 px-1.5 py-0.5 text-xs font-bold text-white">
          {review.rating} <StarIcon size={10} />
        </span>
        <p className="font-semibold">{review.title}</p>
      </div>
      <p className="mt-1.5 text-sm whitespace-pre-line text-ink/80">{review.comment}</p>
      <p className="mt-2 flex flex-wrap items-center gap-x-2 text-xs text-muted">
        <span>{review.author_name}</span>
        <span aria-hidden="true">·</span>
        <span>{formatDate(review.created_at)}</span>
        {review.verified_purchase && (
          <span className="inline-flex items-center gap-0.5 font-semibold text-brand-700">
            <CheckIcon size={12} /> Verified purchase
          </span>
        )}
      </p>
      <div className="mt-2 flex items-center gap-2">
        <span className="text-xs text-muted">Helpful?</span>
        {voteBtn(true)}
        {voteBtn(false)}
      </div>
    </li>
  );
}

/** Ratings and reviews on the product page (REV-1..4). */
export function ReviewsSection({ productId }: { productId: string }) {
  const [sort, setSort] = useState<ReviewSort>('newest');
  const [page, setPage] = useState(1);
  const [writing, setWriting] = useState(false);
  const { user } = useSession();
  const location = useLocation();
  const reviews = useProductReviews(productId, sort, page);
  const mine = useMyReview(productId);

  return (
    <section aria-labelledby="reviews-heading" className="rounded-2xl border border-line bg-white p-4 md:p-6">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 id="reviews-heading" className="text-lg font-extrabold">
          Ratings & reviews
        </h2>
        {!mine.data &&
          !writing &&
          (user ? (
            <Button size="sm" variant="outline" onClick={() => setWriting(true)}>
              Write a review
            </Button>
          ) : (
            <ButtonLink
              size="sm"
              variant="outline"
              to={`/login?next=${encodeURIComponent(location.pathname)}`}
            >
              Log in to review
            </ButtonLink>
          ))}
      </div>

      {reviews.isPending ? (
        <div className="space-y-3">
          <Skeleton className="h-20 w-full" />
          <Skeleton className="h-16 w-full" />
        </div>
      ) : reviews.error ? (
        <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : (
        <>
          <Summary summary={reviews.data.summary} />
          <div className="mt-5 space-y-4">
            {mine.data && <MyReview productId={productId} review={mine.data} />}
            {writing && !mine.data && <ReviewForm productId={productId} onDone={() => setWriting(false)} />}
          </div>
          {reviews.data.total > 0 ? (
            <>
              <div className="mt-5 flex items-center justify-between gap-3 border-t border-line pt-4">
                <p className="text-sm text-muted">{plural(reviews.data.total, 'review')}</p>
                <SelectField
                  label="Sort reviews"
                  hideLabel
                  value={sort}
                  onChange={(e) => {
                    setSort(e.target.value as ReviewSort);
                    setPage(1);
                  }}
                >
                  {REVIEW_SORTS.map((s) => (
                    <option key={s} value={s}>
                      {SORT_LABELS[s]}
                    </option>
                  ))}
                </SelectField>
              </div>
              <ul className="divide-y divide-line" aria-label="Reviews">
                {reviews.data.items.map((r) => (
                  <ReviewItem key={r.id} review={r} productId={productId} />
                ))}
              </ul>
              {reviews.data.total_pages > 1 && (
                <div className="flex items-center justify-between border-t border-line pt-3 text-sm">
                  <Button size="sm" variant="ghost" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    ← Newer
                  </Button>
                  <span className="text-muted">
                    Page {page} of {reviews.data.total_pages}
                  </span>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={page >= reviews.data.total_pages}
                    onClick={() => setPage(page + 1)}
                  >
                    More →
                  </Button>
                </div>
              )}
            </>
          ) : (
            <p className="mt-5 text-sm text-muted">No reviews yet. Be the first to share what you think.</p>
          )}
        </>
      )}
    </section>
  );
}
