import type { ComponentProps, ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ErrorState, Skeleton } from '../../components/states';
import { cn } from '../../lib/format';
import { DataTable, Pager, th } from './ui';

/** What a list screen reads from its query (a TanStack Query result fits). */
type QueryState = { isPending: boolean; error: unknown; refetch: () => unknown };
/** One page of a paged admin list, as the API returns it. */
type Page<T> = { items: T[]; total: number; total_pages: number };
type Paging = { page: number; onPage: (page: number) => void; noun: string };

type TableProps = Omit<
  ComponentProps<typeof DataTable>,
  'children' | 'loading' | 'error' | 'onRetry' | 'isEmpty'
>;

/** A DataTable fed by a query: its loading, error (with retry) and empty states, one row per record. */
export function QueryTable<T>({
  query,
  rows,
  row,
  ...table
}: TableProps & { query: QueryState; rows: T[] | undefined; row: (record: T) => ReactNode }) {
  return (
    <DataTable
      {...table}
      loading={query.isPending}
      error={query.error}
      onRetry={() => void query.refetch()}
      isEmpty={rows?.length === 0}
    >
      {rows?.map(row)}
    </DataTable>
  );
}

/** A QueryTable over one page of a paged list, with the pager under it. */
export function PagedTable<T>({
  query,
  page,
  onPage,
  noun,
  ...table
}: Omit<ComponentProps<typeof QueryTable<T>>, 'query' | 'rows'> &
  Paging & { query: QueryState & { data?: Page<T> | null } }) {
  const { data } = query;
  return (
    <>
      <QueryTable {...table} query={query} rows={data?.items} />
      {data && (
        <Pager page={page} totalPages={data.total_pages} total={data.total} onPage={onPage} noun={noun} />
      )}
    </>
  );
}

/**
 * A table row that opens `to` when clicked anywhere. Its own links still work on their own (and are
 * what keyboard users reach).
 */
export function LinkRow({ to, dim, children }: { to: string; dim?: boolean; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <tr
      className={cn('cursor-pointer hover:bg-gray-50', dim && 'opacity-70')}
      onClick={(e) => {
        if (!(e.target as Element).closest('a')) navigate(to);
      }}
    >
      {children}
    </tr>
  );
}

/** The header of a column of row buttons: named for screen readers only. */
export function ActionsHeader() {
  return (
    <th className={`${th} text-right`}>
      <span className="sr-only">Actions</span>
    </th>
  );
}

/**
 * A work queue: one page of records as a list of QueueItems, with loading, error (with retry) and
 * empty states, and the pager while there is anything to page through.
 */
export function QueueList<T>({
  query,
  empty,
  item,
  page,
  onPage,
  noun,
}: Paging & {
  query: QueryState & { data?: Page<T> };
  empty: ReactNode;
  item: (record: T) => ReactNode;
}) {
  const { data, error } = query;
  return (
    <>
      {error ? (
        <ErrorState error={error} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <div className="space-y-3 p-4">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-20 w-full" />
          ))}
        </div>
      ) : data.items.length === 0 ? (
        empty
      ) : (
        <ul>{data.items.map(item)}</ul>
      )}
      {data && data.total > 0 && (
        <Pager page={page} totalPages={data.total_pages} total={data.total} onPage={onPage} noun={noun} />
      )}
    </>
  );
}

/** One record in a QueueList: what it is on the left, the staff decision on the right (below on phones). */
export function QueueItem({
  label,
  decision,
  wide,
  children,
}: {
  label: string;
  decision?: ReactNode;
  /** Room for more than a note and two buttons. */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <li className="border-b border-line px-4 py-4 last:border-0" aria-label={label}>
      <div className="flex flex-col gap-3 md:flex-row md:items-start md:justify-between">
        <div className="min-w-0 flex-1">{children}</div>
        {decision && (
          <div className={cn('flex w-full shrink-0 flex-col gap-2', wide ? 'md:w-80' : 'md:w-72')}>
            {decision}
          </div>
        )}
      </div>
    </li>
  );
}
