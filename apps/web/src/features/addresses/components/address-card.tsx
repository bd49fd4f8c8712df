import { cn } from '../../../lib/format';
import type { Address } from '../types';

export function AddressText({ address: a }: { address: Address }) {
  return (
    <span className="text-sm text-muted">
      {a.line1}
      {a.line2 ? `, ${a.line2}` : ''}, {a.city}
      {a.region ? `, ${a.region}` : ''} {a.postal_code}, {a.country}
      {a.phone && <span className="block">{a.phone}</span>}
    </span>
  );
}

export function AddressTitle({ address: a, className }: { address: Address; className?: string }) {
  return (
    <span className={cn('flex flex-wrap items-center gap-2 font-semibold', className)}>
      {a.label ?? a.full_name}
      {a.label && <span className="font-normal text-muted">· {a.full_name}</span>}
      {a.is_default_shipping && (
        <span className="rounded bg-brand-50 px-1.5 py-0.5 text-[11px] font-bold text-brand-700">
          DEFAULT
        </span>
      )}
    </span>
  );
}
