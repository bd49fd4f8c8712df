import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { formatDateTime } from '../../lib/format';
import { useCancelJob, useJobStats, useJobs, useRetryJob } from '../api/jobs';
import { useOutcomeToast } from '../components/actions';
import { ActionsHeader, PagedTable } from '../components/lists';
import { JobStatusBadge } from '../components/status';
import {
  Card,
  FilterBar,
  NotAvailable,
  PageHeader,
  SearchBox,
  Segmented,
  StatCard,
  TableEmpty,
  td,
  th,
  useUrlFilters,
} from '../components/ui';
import type { Job } from '../types';

const STATUSES: { value: '' | Job['status']; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'running', label: 'Running' },
  { value: 'pending', label: 'Pending' },
  { value: 'retrying', label: 'Retrying' },
  { value: 'failed', label: 'Failed' },
  { value: 'completed', label: 'Completed' },
  { value: 'cancelled', label: 'Cancelled' },
];

const duration = (ms: number | null) =>
  ms == null
    ? '—'
    : ms < 1000
      ? `${ms} ms`
      : ms < 60_000
        ? `${(ms / 1000).toFixed(1)} s`
        : `${Math.round(ms / 60_000)} min`;

export default function Jobs() {
  usePageTitle('Jobs');
  const outcome = useOutcomeToast();
  const { values, page, bind, setPage } = useUrlFilters(['status', 'type'] as const);
  const jobs = useJobs({
    status: (values.status || undefined) as Job['status'] | undefined,
    type: values.type || undefined,
    page,
  });
  const stats = useJobStats();
  const st = stats.data?.stats;
  const qs = stats.data?.queue;
  const retry = useRetryJob();
  const cancel = useCancelJob();
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Background work: imports, syncs, emails, reports. Retry what failed, cancel what should not run."
      />
      {jobs.data !== null && (
        <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4">
          <StatCard
            label="Jobs, 7 days"
            loading={stats.isPending}
            value={st?.totals.total ?? '—'}
            hint={st && `${st.totals.completed} completed`}
          />
          <StatCard
            label="Success rate"
            loading={stats.isPending}
            value={
              st?.totals.success_rate != null ? `${Math.round(st.totals.success_rate * 1000) / 10}%` : '—'
            }
            hint={st && `${st.totals.failed} failed`}
            tone={st?.totals.failed ? 'bad' : undefined}
          />
          <StatCard
            label="Queued now"
            loading={stats.isPending}
            value={qs ? qs.queue.ready + qs.queue.scheduled : '—'}
            hint={qs && `${qs.queue.locked} running · ${qs.queue.scheduled} scheduled`}
          />
          <StatCard
            label="Workers alive"
            loading={stats.isPending}
            value={qs?.workers_alive ?? '—'}
            tone={qs && qs.workers_alive === 0 ? 'bad' : undefined}
          />
        </div>
      )}
      {jobs.data === null ? (
        <NotAvailable what="The jobs monitor" route="GET /api/v1/admin/jobs" />
      ) : (
        <Card flush>
          <Segmented label="Job status" {...bind('status')} options={STATUSES} />
          <FilterBar>
            <SearchBox
              label="Job type"
              placeholder="Job type, e.g. inventory__sync"
              {...bind('type')}
              className="w-full sm:w-72"
            />
          </FilterBar>
          <PagedTable
            label="Jobs"
            columns={6}
            query={jobs}
            page={page}
            onPage={setPage}
            noun="job"
            empty={<TableEmpty title="No jobs">Nothing matches these filters.</TableEmpty>}
            head={
              <tr>
                <th className={th}>Job</th>
                <th className={th}>Status</th>
                <th className={`${th} hidden md:table-cell`}>Progress</th>
                <th className={`${th} hidden lg:table-cell`}>Created</th>
                <th className={`${th} hidden text-right sm:table-cell`}>Took</th>
                <ActionsHeader />
              </tr>
            }
            row={(j) => (
              <tr key={j.id} className="hover:bg-gray-50">
                <td className={td}>
                  <div className="font-medium">{j.title}</div>
                  <div className="font-mono text-xs text-muted">{j.type}</div>
                  {j.error && <div className="mt-0.5 line-clamp-2 text-xs text-red-700">{j.error}</div>}
                </td>
                <td className={td}>
                  <JobStatusBadge status={j.status} />
                  <div className="text-xs text-muted">
                    try {j.attempts}/{j.max_attempts}
                  </div>
                </td>
                <td className={`${td} hidden w-48 md:table-cell`}>
                  <div
                    className="h-1.5 overflow-hidden rounded-full bg-gray-100"
                    role="progressbar"
                    aria-label={`Progress of ${j.title}`}
                    aria-valuenow={j.progress}
                    aria-valuemin={0}
                    aria-valuemax={100}
                  >
                    <div
                      className={`h-full ${j.status === 'failed' ? 'bg-red-500' : 'bg-brand-500'}`}
                      style={{ width: `${j.progress}%` }}
                    />
                  </div>
                  <div className="mt-0.5 truncate text-xs text-muted">
                    {j.progress_message ?? `${j.progress}%`}
                  </div>
                </td>
                <td className={`${td} hidden whitespace-nowrap text-muted lg:table-cell`}>
                  {formatDateTime(j.created_at)}
                </td>
                <td className={`${td} hidden text-right text-muted tabular-nums sm:table-cell`}>
                  {duration(j.duration_ms)}
                </td>
                <td className={`${td} text-right whitespace-nowrap`}>
                  {(j.status === 'failed' || j.status === 'cancelled') && (
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={retry.isPending}
                      onClick={() => retry.mutate(j.id, outcome('Job queued again'))}
                    >
                      Retry
                    </Button>
                  )}
                  {(j.status === 'pending' ||
                    j.status === 'retrying' ||
                    (j.status === 'running' && !j.cancel_requested)) && (
                    <Button
                      size="sm"
                      variant="ghost"
                      className="text-red-700"
                      disabled={cancel.isPending}
                      onClick={() => cancel.mutate(j.id, outcome('Cancel requested'))}
                    >
                      Cancel
                    </Button>
                  )}
                </td>
              </tr>
            )}
          />
        </Card>
      )}
    </>
  );
}
