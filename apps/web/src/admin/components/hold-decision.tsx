import { useState } from 'react';
import { Button } from '../../components/button';
import { useDecideHold } from '../api/payments';
import { useOutcomeToast } from './actions';
import { Input } from './ui';

/**
 * Approve (capture and confirm) or reject (cancel, release stock, void or refund) an order held by
 * fraud scoring. A rejection needs a note, so the next person sees why.
 */
export function HoldDecision({ orderId, orderLabel }: { orderId: string; orderLabel: string }) {
  const outcome = useOutcomeToast();
  const decide = useDecideHold();
  const [note, setNote] = useState('');
  const act = (decision: 'approve' | 'reject') =>
    decide.mutate(
      { orderId, decision, note: note.trim() || undefined },
      outcome(
        decision === 'approve'
          ? `${orderLabel} approved: payment captured, order confirmed`
          : `${orderLabel} rejected: order cancelled, stock released`,
      ),
    );
  return (
    <div className="flex w-full flex-col gap-2">
      <Input
        label={`Note for ${orderLabel}`}
        hideLabel
        placeholder="Note (required to reject)"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={1000}
      />
      <div className="flex gap-2">
        <Button
          size="sm"
          className="flex-1"
          loading={decide.isPending && decide.variables?.decision === 'approve'}
          disabled={decide.isPending}
          onClick={() => act('approve')}
        >
          Approve
        </Button>
        <Button
          size="sm"
          variant="outline"
          className="flex-1 text-red-700"
          loading={decide.isPending && decide.variables?.decision === 'reject'}
          disabled={decide.isPending || !note.trim()}
          onClick={() => act('reject')}
        >
          Reject
        </Button>
      </div>
    </div>
  );
}
