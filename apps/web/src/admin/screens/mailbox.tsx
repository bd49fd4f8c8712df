import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { ChevronLeft } from '../../components/icons';
import { ErrorState, Skeleton } from '../../components/states';
import { useSession } from '../../lib/session';
import { cn, formatDateTime } from '../../lib/format';
import { useMail, useMailbox } from '../api/mailbox';
import {
  Badge,
  Card,
  FilterBar,
  PageHeader,
  Pager,
  SearchBox,
  Segmented,
  TableEmpty,
  useUrlFilters,
} from '../components/ui';

function Message({ id, back }: { id: string; back: string }) {
  const { data: m, isPending, error, refetch } = useMail(id);
  const [view, setView] = useState<'html' | 'text'>('html');
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (isPending)
    return (
      <div className="space-y-3 p-4">
        <Skeleton className="h-6 w-2/3" />
        <Skeleton className="h-4 w-1/3" />
        <Skeleton className="h-80 w-full" />
      </div>
    );
  return (
    <article aria-label={`Email: ${m.subject}`} className="flex h-full min-h-0 flex-col">
      <header className="border-b border-line px-4 py-3">
        <Link
          to={back}
          className="mb-1 inline-flex items-center gap-1 text-sm font-medium text-muted hover:text-ink lg:hidden"
        >
          <ChevronLeft size={16} /> All emails
        </Link>
        <h2 className="text-base font-semibold break-words text-ink">{m.subject}</h2>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-xs text-muted">
          <dt>To</dt>
          <dd className="break-all text-ink">{m.to}</dd>
          <dt>Sent</dt>
          <dd>{m.sent_at ? formatDateTime(m.sent_at) : `queued ${formatDateTime(m.created_at)}`}</dd>
          <dt>Template</dt>
          <dd>
            <code>{m.template}</code>
            {m.transport && ` · via ${m.transport}`}
          </dd>
        </dl>
      </header>
      <Segmented
        label="Email body"
        value={view}
        onChange={setView}
        options={[
          { value: 'html', label: 'HTML' },
          { value: 'text', label: 'Plain text' },
        ]}
      />
      {view === 'html' ? (
        // Email HTML is untrusted markup: an empty sandbox runs no script, submits no form and
        // cannot reach this page; links inside stay inert.
        <iframe
          title={`Email body: ${m.subject}`}
          sandbox=""
          srcDoc={m.html}
          className="min-h-[28rem] w-full flex-1 bg-white"
        />
      ) : (
        <pre className="min-h-[28rem] flex-1 overflow-auto p-4 font-mono text-xs whitespace-pre-wrap">
          {m.text}
        </pre>
      )}
    </article>
  );
}

/** The server lets admins only read mail (staff get 403): staff are told so instead. */
export default function Mailbox() {
  usePageTitle('Mailbox');
  const { user } = useSession();
  if (user?.role !== 'admin')
    return (
      <>
        <PageHeader title="Mailbox" />
        <Card>
          <p className="text-sm text-muted">The dev mailbox is for admins only.</p>
        </Card>
      </>
    );
  return <MailboxView />;
}

function MailboxView() {
  const { id } = useParams();
  const { search } = useLocation();
  const { values, page, bind, setPage } = useUrlFilters(['to'] as const);
  const { data, isPending, error, refetch } = useMailbox({ to: values.to || undefined, page });
  const back = `/admin/mailbox${search}`;
  return (
    <>
      <PageHeader
        title="Mailbox"
        description="Every email the platform sent, as the recipient got it. The inbox for development without SMTP."
      />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <Card flush className={cn(id && 'hidden lg:block')}>
          <FilterBar>
            <SearchBox
              label="Filter by recipient"
              placeholder="Recipient email"
              {...bind('to')}
              className="w-full"
            />
          </FilterBar>
          {error ? (
            <ErrorState error={error} onRetry={() => void refetch()} />
          ) : isPending ? (
            <div className="space-y-2 p-4">
              {[0, 1, 2, 3].map((i) => (
                <Skeleton key={i} className="h-12 w-full" />
              ))}
            </div>
          ) : data.items.length === 0 ? (
            <TableEmpty title="No emails">
              {values.to ? `Nothing was sent to an address matching “${values.to}”.` : 'Nothing sent yet.'}
            </TableEmpty>
          ) : (
            <ul
              aria-label="Emails"
              className="max-h-[calc(100dvh-17rem)] divide-y divide-line overflow-y-auto"
            >
              {data.items.map((m) => (
                <li key={m.id}>
                  <Link
                    to={`/admin/mailbox/${m.id}${search}`}
                    aria-current={m.id === id ? 'true' : undefined}
                    className={cn(
                      'block px-4 py-2.5 hover:bg-gray-50',
                      m.id === id && 'bg-brand-50 hover:bg-brand-50',
                    )}
                  >
                    <div className="flex items-center justify-between gap-2">
                      <span className="truncate text-xs text-muted">{m.to}</span>
                      <span className="shrink-0 text-[11px] text-muted">{formatDateTime(m.created_at)}</span>
                    </div>
                    <div className="line-clamp-1 text-sm font-medium text-ink">{m.subject}</div>
                    <div className="mt-0.5 flex gap-1">
                      <Badge>{m.template}</Badge>
                      {!m.sent_at && <Badge tone="amber">Queued</Badge>}
                    </div>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {data && data.total > 0 && (
            <Pager
              page={page}
              totalPages={data.total_pages}
              total={data.total}
              onPage={setPage}
              noun="email"
            />
          )}
        </Card>
        <Card flush className={cn('min-h-[32rem] overflow-hidden', !id && 'hidden lg:block')}>
          {id ? (
            <Message key={id} id={id} back={back} />
          ) : (
            <div className="flex h-full min-h-[32rem] items-center justify-center p-6 text-sm text-muted">
              Choose an email to read it.
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
