import { ChevronLeft, ChevronRight } from '../../../components/icons';
import { cn } from '../../../lib/format';

/** Page numbers around the current one, with the first and last always reachable. */
export function pageWindow(page: number, total: number, span = 1): (number | '…')[] {
  const pages = new Set([1, total]);
  for (let p = page - span; p <= page + span; p++) if (p >= 1 && p <= total) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const out: (number | '…')[] = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1]! > 1) out.push('…');
    out.push(p);
  });
  return out;
}

export function Pagination({
  page,
  totalPages,
  onPage,
}: {
  page: number;
  totalPages: number;
  onPage: (p: number) => void;
}) {
  if (totalPages <= 1) return null;
  const btn = 'flex h-10 min-w-10 items-center justify-center rounded-xl px-2 text-sm font-semibold';
  return (
    <nav aria-label="Pagination" className="mt-6 flex items-center justify-center gap-1">
      <button
        type="button"
        className={cn(btn, 'hover:bg-black/5 disabled:opacity-40')}
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
        aria-label="Previous page"
      >
        <ChevronLeft />
      </button>
      {pageWindow(page, totalPages).map((p, i) =>
        p === '…' ? (
          <span key={`gap-${i}`} className="px-1 text-muted">
            …
          </span>
        ) : (
          <button
            key={p}
            type="button"
            onClick={() => onPage(p)}
            aria-current={p === page ? 'page' : undefined}
            className={cn(btn, p === page ? 'bg-brand-600 text-white' : 'hover:bg-black/5')}
          >
            {p}
          </button>
        ),
      )}
      <button
        type="button"
        className={cn(btn, 'hover:bg-black/5 disabled:opacity-40')}
        disabled={page >= totalPages}
        onClick={() => onPage(page + 1)}
        aria-label="Next page"
      >
        <ChevronRight />
      </button>
    </nav>
  );
}
