import { cn } from '../../lib/format';
import { RISK_RULE_LABEL } from '../api/payments';
import type { RiskCheck } from '../types';

/** The rules a payment tripped, with their points and the server's detail. */
export function RiskReasons({ reasons, className }: { reasons: RiskCheck['reasons']; className?: string }) {
  if (!reasons.length) return <p className={cn('text-sm text-muted', className)}>No rule was tripped.</p>;
  return (
    <ul className={cn('space-y-1', className)} aria-label="Risk reasons">
      {reasons.map((r) => (
        <li key={r.rule} className="flex items-start gap-2 text-sm">
          <span className="mt-0.5 inline-flex min-w-9 justify-center rounded bg-red-50 px-1 text-xs font-semibold text-red-700 tabular-nums ring-1 ring-red-200 ring-inset">
            +{r.points}
          </span>
          <span className="min-w-0">
            <span className="font-medium">{RISK_RULE_LABEL[r.rule] ?? r.rule.replace(/_/g, ' ')}</span>
            <span className="block text-xs break-words text-muted">{r.detail}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
