import {
  useEffect,
  useId,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { Link, useSearchParams } from 'react-router';
import { ChevronLeft, ChevronRight, SearchIcon } from '../../components/icons';
import { ErrorState, Skeleton } from '../../components/states';
import { isApiError } from '../../lib/api';
import { cn } from '../../lib/format';

// ---- layout --------------------------------------------------------------------------------

export function PageHeader({
  title,
  description,
  actions,
  back,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  back?: { to: string; label: string };
}) {
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        {back && (
          <Link
            to={back.to}
            className="mb-1 inline-flex items-center gap-1 text-sm font-medium text-muted hover:text-ink"
          >
            <ChevronLeft size={16} />
            {back.label}
          </Link>
        )}
        <h1 className="text-xl font-bold tracking-tight text-ink md:text-2xl">{title}</h1>
        {description && <p className="mt-0.5 text-sm text-muted">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}

export function Card({
  title,
  actions,
  children,
  className,
  flush,
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** No padding: for tables that reach the card's edges. */
  flush?: boolean;
}) {
  return (
    <section className={cn('rounded-xl border border-line bg-white shadow-card', className)}>
      {(title || actions) && (
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-line px-4 py-3">
          {title && <h2 className="text-sm font-semibold text-ink">{title}</h2>}
          {actions && <div className="flex items-center gap-2">{actions}</div>}
        </div>
      )}
      <div className={flush ? '' : 'p-4'}>{children}</div>
    </section>
  );
}

// ---- badges and numbers --------------------------------------------------------------------

export type Tone = 'gray' | 'green' | 'amber' | 'red' | 'blue' | 'violet';
const TONES: Record<Tone, string> = {
  gray: 'bg-gray-100 text-gray-700 ring-gray-200',
  green: 'bg-brand-50 text-brand-800 ring-brand-200',
  amber: 'bg-amber-50 text-amber-800 ring-amber-200',
  red: 'bg-red-50 text-red-700 ring-red-200',
  blue: 'bg-blue-50 text-blue-800 ring-blue-200',
  violet: 'bg-violet-50 text-violet-800 ring-violet-200',
};

export function Badge({ tone = 'gray', children }: { tone?: Tone; children: ReactNode }) {
  return (
    <span
      className={cn(
        'inline-flex items-center rounded-md px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset',
        TONES[tone],
      )}
    >
      {children}
    </span>
  );
}

export function StatCard({
  label,
  value,
  hint,
  to,
  loading,
  tone,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  to?: string;
  loading?: boolean;
  tone?: 'warn' | 'bad';
}) {
  const body = (
    <>
      <div className="text-xs font-medium tracking-wide text-muted uppercase">{label}</div>
      <div
        className={cn(
          'mt-1 truncate text-xl font-bold tabular-nums sm:text-2xl',
          tone === 'warn' ? 'text-amber-700' : tone === 'bad' ? 'text-red-700' : 'text-ink',
        )}
      >
        {loading ? <Skeleton className="h-8 w-20" /> : value}
      </div>
      {hint && <div className="mt-1 text-xs text-muted">{hint}</div>}
    </>
  );
  const cls = 'block min-w-0 rounded-xl border border-line bg-white p-3 shadow-card sm:p-4';
  return to ? (
    <Link to={to} className={cn(cls, 'transition-colors hover:border-brand-500')}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}

// ---- tables --------------------------------------------------------------------------------

export const th =
  'sticky top-0 z-10 border-b border-line bg-gray-50 px-3 py-2 text-left text-xs font-semibold whitespace-nowrap text-muted';
export const td = 'border-b border-line px-3 py-2 align-middle';

/**
 * A table in a scrolling box whose header stays put. Loading, error (with retry) and empty states
 * take the place of the rows.
 */
export function DataTable({
  head,
  children,
  loading,
  error,
  onRetry,
  empty,
  isEmpty,
  columns,
  label,
  maxHeight = 'max-h-[calc(100dvh-15rem)]',
}: {
  head: ReactNode;
  children: ReactNode;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  empty?: ReactNode;
  isEmpty?: boolean;
  columns: number;
  label: string;
  maxHeight?: string;
}) {
  let body: ReactNode = children;
  if (error)
    body = (
      <tr>
        <td colSpan={columns}>
          <ErrorState error={error} onRetry={onRetry} />
        </td>
      </tr>
    );
  else if (loading)
    body = Array.from({ length: 6 }, (_, i) => (
      <tr key={i}>
        {Array.from({ length: columns }, (_, j) => (
          <td key={j} className={td}>
            <Skeleton className="h-4 w-full max-w-40" />
          </td>
        ))}
      </tr>
    ));
  else if (isEmpty)
    body = (
      <tr>
        <td colSpan={columns}>{empty}</td>
      </tr>
    );
  return (
    <div className={cn('overflow-auto', maxHeight)}>
      <table className="w-full border-separate border-spacing-0 text-sm" aria-label={label}>
        <thead>{head}</thead>
        <tbody aria-busy={loading || undefined}>{body}</tbody>
      </table>
    </div>
  );
}

export function TableEmpty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="px-6 py-12 text-center">
      <p className="font-semibold text-ink">{title}</p>
      {children && <div className="mx-auto mt-1 max-w-sm text-sm text-muted">{children}</div>}
    </div>
  );
}

export function Pager({
  page,
  totalPages,
  total,
  onPage,
  noun = 'result',
}: {
  page: number;
  totalPages: number;
  total: number;
  onPage: (p: number) => void;
  noun?: string;
}) {
  return (
    <nav
      aria-label="Pagination"
      className="flex items-center justify-between gap-3 border-t border-line px-4 py-2 text-sm text-muted"
    >
      <span>
        {total.toLocaleString()} {total === 1 ? noun : `${noun}s`}
      </span>
      <span className="flex items-center gap-2">
        <span className="tabular-nums">
          Page {Math.min(page, Math.max(totalPages, 1))} of {Math.max(totalPages, 1)}
        </span>
        <button
          type="button"
          className="rounded-md border border-line bg-white p-1 text-ink hover:bg-gray-50 disabled:opacity-40"
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
          aria-label="Previous page"
        >
          <ChevronLeft size={16} />
        </button>
        <button
          type="button"
          className="rounded-md border border-line bg-white p-1 text-ink hover:bg-gray-50 disabled:opacity-40"
          disabled={page >= totalPages}
          onClick={() => onPage(page + 1)}
          aria-label="Next page"
        >
          <ChevronRight size={16} />
        </button>
      </span>
    </nav>
  );
}

/** A route another engineer's module has not shipped: said plainly instead of an error. */
export function NotAvailable({ what, route }: { what: string; route: string }) {
  return (
    <div className="rounded-xl border border-dashed border-line bg-white px-6 py-10 text-center">
      <p className="font-semibold text-ink">{what} is not available yet</p>
      <p className="mt-1 text-sm text-muted">
        This server does not have <code className="rounded bg-gray-100 px-1">{route}</code>. The screen fills
        in once it does.
      </p>
    </div>
  );
}

// ---- form controls -------------------------------------------------------------------------

const control =
  'block w-full rounded-lg border border-line bg-white px-2.5 text-sm text-ink outline-none transition placeholder:text-gray-400 focus:border-brand-600 focus:ring-2 focus:ring-brand-600/20 disabled:bg-gray-50 aria-[invalid=true]:border-red-500';

type FieldProps = {
  label: string;
  hideLabel?: boolean;
  error?: string;
  hint?: ReactNode;
  id?: string;
  className?: string;
};
/** The id of a control and what ties it to its error or hint, for screen readers. */
type ControlAria = { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string };

/** A control under its label, with its error (or else its hint) below. */
function Field({
  id,
  label,
  hideLabel,
  error,
  hint,
  className,
  children,
}: FieldProps & { children: (aria: ControlAria) => ReactNode }) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <div className={className}>
      <label
        htmlFor={fid}
        className={hideLabel ? 'sr-only' : 'mb-1 block text-xs font-semibold text-gray-700'}
      >
        {label}
      </label>
      {children({
        id: fid,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? `${fid}-error` : hint ? `${fid}-hint` : undefined,
      })}
      {error ? (
        <p id={`${fid}-error`} className="mt-1 text-xs font-medium text-red-600">
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${fid}-hint`} className="mt-1 text-xs text-muted">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

/** A field's own props (label, error, …) apart from those of its control. */
const splitField = <P extends FieldProps>({ label, hideLabel, error, hint, id, className, ...rest }: P) =>
  [{ label, hideLabel, error, hint, id, className }, rest] as const;

export function Input(props: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const [field, rest] = splitField(props);
  return <Field {...field}>{(aria) => <input {...aria} className={cn(control, 'h-9')} {...rest} />}</Field>;
}

export function Textarea(props: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const [field, rest] = splitField(props);
  return (
    <Field {...field}>
      {(aria) => <textarea {...aria} className={cn(control, 'min-h-20 py-2')} {...rest} />}
    </Field>
  );
}

export function Select(props: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const [field, rest] = splitField(props);
  return (
    <Field {...field}>{(aria) => <select {...aria} className={cn(control, 'h-9 pr-8')} {...rest} />}</Field>
  );
}

/** A drop-down's choices. */
export function Options({ options }: { options: readonly { value: string; label: string }[] | undefined }) {
  return options?.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

export function Toggle({
  label,
  checked,
  onChange,
  disabled,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <label className="inline-flex cursor-pointer items-center gap-2 text-sm select-none">
      <input
        type="checkbox"
        className="h-4 w-4 rounded accent-brand-600"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      {label}
    </label>
  );
}

/** A search box that reports its text after typing pauses (not on every key). */
export function SearchBox({
  value,
  onChange,
  label,
  placeholder,
  className,
}: {
  value: string;
  onChange: (v: string) => void;
  label: string;
  placeholder?: string;
  className?: string;
}) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  // The URL changed underneath (back button, a link): show what it says.
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }
  useEffect(() => {
    if (text === value) return;
    const t = setTimeout(() => onChange(text.trim()), 300);
    return () => clearTimeout(t);
  }, [text, value, onChange]);
  return (
    <div className={cn('relative', className)}>
      <label className="sr-only" htmlFor={`${label}-search`}>
        {label}
      </label>
      <SearchIcon
        size={16}
        className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-gray-400"
      />
      <input
        id={`${label}-search`}
        type="search"
        value={text}
        placeholder={placeholder ?? label}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && onChange(text.trim())}
        className={cn(control, 'h-9 pl-8')}
      />
    </div>
  );
}

export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end gap-2 border-b border-line px-4 py-3 [&>*]:min-w-0">
      {children}
    </div>
  );
}

/** Segmented tabs that filter a list (buttons, announced as pressed). */
export function Segmented<T extends string>({
  value,
  options,
  onChange,
  label,
}: {
  value: T;
  options: { value: T; label: ReactNode }[];
  onChange: (v: T) => void;
  label: string;
}) {
  return (
    <div
      role="group"
      aria-label={label}
      className="scrollbar-none flex max-w-full gap-1 overflow-x-auto border-b border-line px-3"
    >
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={o.value === value}
          onClick={() => onChange(o.value)}
          className={cn(
            '-mb-px border-b-2 px-2.5 py-2.5 text-sm font-medium whitespace-nowrap',
            o.value === value
              ? 'border-brand-600 text-ink'
              : 'border-transparent text-muted hover:border-gray-300 hover:text-ink',
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

// ---- state in the URL ----------------------------------------------------------------------

/**
 * List filters kept in the query string, so a filtered view survives reload, back and sharing.
 * Setting any filter but the page goes back to page 1. `bind(key)` gives a filter control (search
 * box, drop-down, tabs) its value and change handler.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const page = Math.max(1, Number(params.get('page')) || 1);
  type Patch = Partial<Record<K | 'page', string | number | undefined>>;
  const set = (patch: Patch) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  const bind = (key: K) => ({
    value: values[key],
    onChange: (value: string) => set({ [key]: value } as Patch),
  });
  return { values, page, set, bind, setPage: (p: number) => set({ page: p } as Patch) };
}

/** A date input's day as the start (or end) of that day in local time, as the API wants it. */
export const dayBound = (day: string, end: boolean) =>
  day ? new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : undefined;

// ---- errors --------------------------------------------------------------------------------

/** A server refusal in words: the 409 of a workflow, a 422 with its field messages. */
export function problemText(err: unknown): string {
  if (!isApiError(err)) return 'Something went wrong. Please try again.';
  const details = err.errors
    .map((e) => `${e.field.replace(/^body\./, '')}: ${e.message}`)
    .filter((d) => !err.message.includes(d));
  return details.length && err.status !== 409 ? `${err.message} (${details.join('; ')})` : err.message;
}

/** The message the server gave for one form field (`body.name`, `body.address.city`, …). */
export const fieldProblem = (err: unknown, field: string) =>
  isApiError(err) ? (err.fieldError(field) ?? err.fieldError(`body.${field}`)) : undefined;
