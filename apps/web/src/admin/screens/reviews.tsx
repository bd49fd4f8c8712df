import { useState } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { Stars } from '../../components/stars';
import { formatDateTime } from '../../lib/format';
import { useAdminReviews, useModerateReview, useReviewStats } from '../api/reviews';
import { useOutcomeToast } from '../components/actions';
import { QueueItem, QueueList } from '../components/lists';
import { ReviewStatusBadge } from '../components/status';
import {
  Badge,
  Card,
  Input,
  PageHeader,
  Segmented,
  StatCard,
  TableEmpty,
  useUrlFilters,
} from '../components/ui';
import type { AdminReview, ReviewStatus } from '../types';

type Action = 'approve' | 'reject' | 'hide';
const DONE: Record<Action, string> = { approve: 'approved', reject: 'rejected', hide: 'hidden' };

function ReviewItem({ review }: { review: AdminReview }) {
  const outcome = useOutcomeToast();
  const moderate = useModerateReview();
  const [note, setNote] = useState('');
  const act = (action: Action) =>
    moderate.mutate(
      { id: review.id, action, note: note.trim() || undefined },
      outcome(`Review ${DONE[action]}; the reviewer is emailed`),
    );
  const actions: Action[] =
    review.status === 'pending'
      ? ['approve', 'reject']
      : review.status === 'approved'
        ? ['hide']
        : ['approve'];
  return (
    <QueueItem
      label={`Review: ${review.title}`}
      decision={
        <>
          <Input
            label="Internal note (optional)"
            hideLabel
            placeholder="Internal note (optional)"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={1000}
          />
          <div className="flex gap-2">
            {actions.map((a) => (
              <Button
                key={a}
                size="sm"
                variant={a === 'approve' ? 'primary' : 'outline'}
                className="flex-1"
                loading={moderate.isPending && moderate.variables?.action === a}
                disabled={moderate.isPending}
                onClick={() => act(a)}
              >
                {a === 'approve' ? 'Approve' : a === 'reject' ? 'Reject' : 'Hide'}
              </Button>
            ))}
            {review.status === 'pending' && (
              <Button size="sm" variant="ghost" disabled={moderate.isPending} onClick={() => act('hide')}>
                Hide
              </Button>
            )}
          </div>
        </>
      }
    >
      <div className="flex flex-wrap items-center gap-2">
        <Stars value={review.rating} />
        <span className="font-semibold">{review.title}</span>
        <ReviewStatusBadge status={review.status} />
        {review.verified_purchase && <Badge tone="blue">Verified purchase</Badge>}
      </div>
      <p className="mt-1 text-sm whitespace-pre-wrap text-gray-800">{review.comment}</p>
      <p className="mt-1.5 text-xs text-muted">
        {review.author_name} · {formatDateTime(review.created_at)} ·{' '}
        {review.product ? (
          <Link to={`/admin/products/${review.product.id}`} className="text-brand-700 hover:underline">
            {review.product.name}
          </Link>
        ) : (
          'product removed'
        )}
      </p>
      {review.moderation_note && (
        <p className="mt-1.5 text-xs text-muted">
          Note: <span className="text-ink">{review.moderation_note}</span>
        </p>
      )}
    </QueueItem>
  );
}

export default function Reviews() {
  usePageTitle('Reviews');
  const { values, page, set, setPage } = useUrlFilters(['status'] as const);
  const status = (values.status || 'pending') as ReviewStatus;
  const stats = useReviewStats();
  const reviews = useAdminReviews({ status, page });
  const counts = stats.data?.counts;
  const tab = (s: ReviewStatus, label: string) => ({
    value: s,
    label: counts ? `${label} (${counts[s]})` : label,
  });
  return (
    <>
      <PageHeader
        title="Reviews"
        description="Pending reviews are shown oldest first. Reviewers are emailed the outcome."
      />
      <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatCard
          label="Waiting"
          loading={stats.isPending}
          value={counts?.pending ?? '—'}
          tone={counts?.pending ? 'warn' : undefined}
        />
        <StatCard label="Approved" loading={stats.isPending} value={counts?.approved ?? '—'} />
        <StatCard
          label="Average rating"
          loading={stats.isPending}
          value={stats.data?.average_rating != null ? `★ ${stats.data.average_rating.toFixed(2)}` : '—'}
        />
        <StatCard
          label="Last 7 days"
          loading={stats.isPending}
          value={stats.data?.last_7_days ?? '—'}
          hint={stats.data && `${stats.data.last_30_days} in 30 days`}
        />
      </div>
      <Card flush>
        <Segmented
          label="Review status"
          value={status}
          onChange={(s) => set({ status: s === 'pending' ? '' : s })}
          options={[
            tab('pending', 'Pending'),
            tab('approved', 'Approved'),
            tab('rejected', 'Rejected'),
            tab('hidden', 'Hidden'),
          ]}
        />
        <QueueList
          query={reviews}
          page={page}
          onPage={setPage}
          noun="review"
          empty={
            <TableEmpty title={status === 'pending' ? 'All caught up' : `No ${status} reviews`}>
              {status === 'pending'
                ? 'New reviews wait here until someone approves or rejects them.'
                : undefined}
            </TableEmpty>
          }
          item={(r) => <ReviewItem key={r.id} review={r} />}
        />
      </Card>
    </>
  );
}
