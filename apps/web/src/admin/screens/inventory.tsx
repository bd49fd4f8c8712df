import { useState } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { ProductImage } from '../../components/product-image';
import { useToast } from '../../components/toast';
import { formatDateTime } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import {
  useAdjust,
  useInventorySummary,
  useLowStock,
  useMovements,
  useRestock,
  useStartSync,
  useStock,
  useSyncJob,
  useTransfer,
  useVariantDirectory,
  useWarehouses,
  type VariantInfo,
} from '../api/inventory';
import { FilterSelect, StoreFilter } from '../components/filters';
import { FormDialog, useDialogSave, useFormState } from '../components/forms';
import { UploadIcon } from '../components/icons';
import { ActionsHeader, PagedTable } from '../components/lists';
import {
  Badge,
  Card,
  DataTable,
  FilterBar,
  Input,
  PageHeader,
  Segmented,
  Select,
  StatCard,
  TableEmpty,
  Toggle,
  problemText,
  td,
  th,
  useUrlFilters,
} from '../components/ui';
import { MOVEMENT_TYPES, type Warehouse } from '../types';

type Action = 'restock' | 'adjust' | 'transfer';
type Target = { action: Action; warehouseId?: string; variantId?: string };

const LEVEL_OPTIONS = [
  { value: 'out', label: 'Out of stock' },
  { value: 'low', label: 'Low only' },
];

function ProductCell({ info, variantId }: { info?: VariantInfo; variantId: string }) {
  return (
    <div className="flex items-center gap-2.5">
      <ProductImage
        src={info?.image}
        alt=""
        className="h-8 w-8 shrink-0 rounded border border-line bg-white"
      />
      <div className="min-w-0">
        {info ? (
          <Link to={`/admin/products/${info.productId}`} className="line-clamp-1 font-medium hover:underline">
            {info.productName}
          </Link>
        ) : (
          <span className="text-muted">Not in the active catalog</span>
        )}
        <div className="truncate text-xs text-muted">
          {info
            ? [info.variantName, info.sku].filter(Boolean).join(' · ')
            : `Variant ${variantId.slice(0, 8)}`}
        </div>
      </div>
    </div>
  );
}

/** Picks a variant by product name from the active catalog. */
function VariantPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const dir = useVariantDirectory();
  const [q, setQ] = useState('');
  const entries = [...(dir.data ?? new Map<string, VariantInfo>()).entries()];
  const needle = q.trim().toLowerCase();
  const matches = entries
    .filter(
      ([id, v]) =>
        id === value ||
        !needle ||
        `${v.productName} ${v.variantName ?? ''} ${v.sku ?? ''}`.toLowerCase().includes(needle),
    )
    .slice(0, 60);
  return (
    <div className="grid gap-2 sm:col-span-2 sm:grid-cols-2">
      <Input
        label="Find product"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Type a product name"
      />
      <Select label="Product" required value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{dir.isPending ? 'Loading products…' : `Choose (${matches.length} shown)`}</option>
        {matches.map(([id, v]) => (
          <option key={id} value={id}>
            {v.productName}
            {v.variantName ? ` — ${v.variantName}` : ''}
          </option>
        ))}
      </Select>
    </div>
  );
}

function StockDialog({
  target,
  warehouses,
  onClose,
}: {
  target: Target;
  warehouses: Warehouse[];
  onClose: () => void;
}) {
  const { problem, setProblem, saved } = useDialogSave(onClose);
  const dir = useVariantDirectory();
  const restock = useRestock();
  const adjust = useAdjust();
  const transfer = useTransfer();
  const [f, field, set] = useFormState({
    warehouse: target.warehouseId ?? warehouses[0]?.id ?? '',
    to: warehouses.find((w) => w.id !== target.warehouseId)?.id ?? '',
    variant: target.variantId ?? '',
    mode: 'set' as 'set' | 'delta',
    amount: '',
    note: '',
  });
  const pending = restock.isPending || adjust.isPending || transfer.isPending;
  const info = dir.data?.get(f.variant);
  const title = { restock: 'Restock', adjust: 'Adjust stock', transfer: 'Transfer stock' }[target.action];

  const submit = () => {
    const n = Number(f.amount);
    if (!f.variant) return setProblem('Choose a product');
    if (!Number.isInteger(n) || f.amount.trim() === '') return setProblem('Enter a whole number');
    const done = saved(`${title}: saved`);
    const note = f.note.trim() || undefined;
    if (target.action === 'restock')
      restock.mutate({ warehouse_id: f.warehouse, variant_id: f.variant, quantity: n, note }, done);
    else if (target.action === 'adjust')
      adjust.mutate(
        {
          warehouse_id: f.warehouse,
          variant_id: f.variant,
          ...(f.mode === 'set' ? { set: n } : { delta: n }),
          reason: f.note.trim(),
        },
        done,
      );
    else
      transfer.mutate(
        { from_warehouse_id: f.warehouse, to_warehouse_id: f.to, variant_id: f.variant, quantity: n, note },
        done,
      );
  };

  const storeOptions = warehouses.map((w) => (
    <option key={w.id} value={w.id}>
      {w.name} ({w.code})
    </option>
  ));
  return (
    <FormDialog
      title={title}
      onClose={onClose}
      onSubmit={submit}
      problem={problem}
      pending={pending}
      submitLabel={title}
      columns={2}
    >
      {target.variantId ? (
        <div className="rounded-lg bg-gray-50 p-2 sm:col-span-2">
          <ProductCell info={info} variantId={f.variant} />
        </div>
      ) : (
        <VariantPicker value={f.variant} onChange={(variant) => set('variant', variant)} />
      )}
      <Select label={target.action === 'transfer' ? 'From store' : 'Dark store'} {...field('warehouse')}>
        {storeOptions}
      </Select>
      {target.action === 'transfer' && (
        <Select label="To store" {...field('to')}>
          {storeOptions}
        </Select>
      )}
      {target.action === 'adjust' && (
        <Select label="Change" {...field('mode')}>
          <option value="set">Set on hand to a count</option>
          <option value="delta">Add or remove (±)</option>
        </Select>
      )}
      <Input
        label={
          target.action === 'adjust'
            ? f.mode === 'set'
              ? 'Counted on hand'
              : 'Change (e.g. -3)'
            : 'Quantity'
        }
        type="number"
        inputMode="numeric"
        required
        min={
          target.action === 'adjust' && f.mode === 'delta' ? undefined : target.action === 'adjust' ? 0 : 1
        }
        {...field('amount')}
      />
      <Input
        className="sm:col-span-2"
        label={target.action === 'adjust' ? 'Reason' : 'Note (optional)'}
        required={target.action === 'adjust'}
        {...field('note')}
        placeholder={target.action === 'adjust' ? 'Cycle count, damaged, expired…' : 'PO number, supplier…'}
      />
    </FormDialog>
  );
}

/** The stock actions on one store's row of one variant. */
function RowActions({
  row,
  onAct,
}: {
  row: { warehouse_id: string; variant_id: string };
  onAct: (t: Target) => void;
}) {
  const act = (action: Action) => onAct({ action, warehouseId: row.warehouse_id, variantId: row.variant_id });
  return (
    <td className={td}>
      <div className="flex justify-end gap-1">
        <Button size="sm" variant="ghost" onClick={() => act('restock')}>
          Restock
        </Button>
        <Button size="sm" variant="ghost" onClick={() => act('adjust')}>
          Adjust
        </Button>
        <Button size="sm" variant="ghost" className="hidden md:inline-flex" onClick={() => act('transfer')}>
          Transfer
        </Button>
      </div>
    </td>
  );
}

function StockTab({ store, onAct }: { store: string; onAct: (t: Target) => void }) {
  const { values, page, set, setPage } = useUrlFilters(['low'] as const);
  const dir = useVariantDirectory();
  const warehouses = useWarehouses();
  const codes = new Map(warehouses.data?.map((w) => [w.id, w.code]));
  const stock = useStock({
    warehouse_id: store || undefined,
    low_stock: values.low === '1',
    page,
  });
  return (
    <>
      <FilterBar>
        <Toggle
          label="At or below threshold only"
          checked={values.low === '1'}
          onChange={(v) => set({ low: v ? '1' : '' })}
        />
      </FilterBar>
      <PagedTable
        label="Stock levels"
        columns={7}
        query={stock}
        page={page}
        onPage={setPage}
        noun="row"
        empty={<TableEmpty title="No stock rows">Nothing matches these filters.</TableEmpty>}
        head={
          <tr>
            <th className={th}>Product</th>
            <th className={th}>Store</th>
            <th className={`${th} text-right`}>On hand</th>
            <th className={`${th} hidden text-right sm:table-cell`}>Reserved</th>
            <th className={`${th} text-right`}>Available</th>
            <th className={`${th} hidden md:table-cell`}>Bin</th>
            <ActionsHeader />
          </tr>
        }
        row={(s) => {
          const level = s.available <= 0 ? 'out' : s.available <= s.low_stock_threshold ? 'low' : null;
          return (
            <tr key={`${s.warehouse_id}:${s.variant_id}`} className="hover:bg-gray-50">
              <td className={td}>
                <ProductCell info={dir.data?.get(s.variant_id)} variantId={s.variant_id} />
              </td>
              <td className={`${td} text-xs whitespace-nowrap text-muted`}>
                {codes.get(s.warehouse_id) ?? '—'}
              </td>
              <td className={`${td} text-right tabular-nums`}>{s.on_hand}</td>
              <td className={`${td} hidden text-right text-muted tabular-nums sm:table-cell`}>
                {s.reserved}
              </td>
              <td className={`${td} text-right whitespace-nowrap tabular-nums`}>
                {level && (
                  <Badge tone={level === 'out' ? 'red' : 'amber'}>{level === 'out' ? 'Out' : 'Low'}</Badge>
                )}{' '}
                <span className="font-semibold">{s.available}</span>
                <div className="text-xs text-muted">min {s.low_stock_threshold}</div>
              </td>
              <td className={`${td} hidden font-mono text-xs text-muted md:table-cell`}>
                {s.bin_location ?? '—'}
              </td>
              <RowActions row={s} onAct={onAct} />
            </tr>
          );
        }}
      />
    </>
  );
}

function LowStockTab({ store, onAct }: { store: string; onAct: (t: Target) => void }) {
  const { values, page, bind, setPage } = useUrlFilters(['level'] as const);
  const lowStock = useLowStock({
    warehouse_id: store || undefined,
    level: (values.level || undefined) as 'low' | 'out' | undefined,
    page,
  });
  return (
    <>
      <FilterBar>
        <FilterSelect
          label="Level"
          all="Low and out"
          options={LEVEL_OPTIONS}
          {...bind('level')}
          className="w-44"
        />
      </FilterBar>
      <PagedTable
        label="Low stock"
        columns={6}
        query={lowStock}
        page={page}
        onPage={setPage}
        noun="row"
        empty={<TableEmpty title="Nothing is running low">Every row is above its threshold.</TableEmpty>}
        head={
          <tr>
            <th className={th}>Product</th>
            <th className={th}>Store</th>
            <th className={th}>Level</th>
            <th className={`${th} text-right`}>Available</th>
            <th className={`${th} hidden text-right sm:table-cell`}>Reorder at</th>
            <ActionsHeader />
          </tr>
        }
        row={(s) => (
          <tr key={`${s.warehouse_id}:${s.variant_id}`} className="hover:bg-gray-50">
            <td className={td}>
              {s.product_id ? (
                <Link to={`/admin/products/${s.product_id}`} className="font-medium hover:underline">
                  {s.product_name}
                </Link>
              ) : (
                <span className="text-muted">Unknown variant</span>
              )}
              <div className="text-xs text-muted">
                {[s.variant_name !== 'Default' && s.variant_name, s.sku].filter(Boolean).join(' · ')}
              </div>
            </td>
            <td className={`${td} text-xs text-muted`}>{s.warehouse_code}</td>
            <td className={td}>
              <Badge tone={s.level === 'out' ? 'red' : 'amber'}>
                {s.level === 'out' ? 'Out of stock' : 'Low'}
              </Badge>
            </td>
            <td className={`${td} text-right tabular-nums`}>
              <span className="font-semibold">{s.available}</span>{' '}
              <span className="text-xs text-muted">/ min {s.low_stock_threshold}</span>
            </td>
            <td className={`${td} hidden text-right tabular-nums sm:table-cell`}>{s.reorder_point}</td>
            <RowActions row={s} onAct={onAct} />
          </tr>
        )}
      />
    </>
  );
}

function MovementsTab({ store }: { store: string }) {
  const { values, page, bind, setPage } = useUrlFilters(['type'] as const);
  const dir = useVariantDirectory();
  const warehouses = useWarehouses();
  const codes = new Map(warehouses.data?.map((w) => [w.id, w.code]));
  const movements = useMovements({
    warehouse_id: store || undefined,
    type: MOVEMENT_TYPES.find((t) => t === values.type),
    page,
  });
  return (
    <>
      <FilterBar>
        <FilterSelect
          label="Movement type"
          all="All movements"
          options={MOVEMENT_TYPES.map((t) => ({ value: t, label: t.replace('_', ' ') }))}
          {...bind('type')}
          className="w-44"
        />
      </FilterBar>
      <PagedTable
        label="Stock movements"
        columns={6}
        query={movements}
        page={page}
        onPage={setPage}
        noun="movement"
        empty={
          <TableEmpty title="No movements">Restocks, sales and adjustments are recorded here.</TableEmpty>
        }
        head={
          <tr>
            <th className={th}>When</th>
            <th className={th}>Product</th>
            <th className={th}>Type</th>
            <th className={`${th} text-right`}>Qty</th>
            <th className={`${th} hidden text-right sm:table-cell`}>On hand</th>
            <th className={`${th} hidden md:table-cell`}>Note</th>
          </tr>
        }
        row={(m) => (
          <tr key={m.id}>
            <td className={`${td} text-xs whitespace-nowrap text-muted`}>
              {formatDateTime(m.created_at)}
              <div>{codes.get(m.warehouse_id)}</div>
            </td>
            <td className={td}>
              <ProductCell info={dir.data?.get(m.variant_id)} variantId={m.variant_id} />
            </td>
            <td className={td}>
              <Badge tone={m.quantity > 0 ? 'green' : m.quantity < 0 ? 'red' : 'gray'}>
                {m.type.replace('_', ' ')}
              </Badge>
            </td>
            <td className={`${td} text-right font-semibold tabular-nums`}>
              {m.quantity > 0 ? `+${m.quantity}` : m.quantity}
            </td>
            <td className={`${td} hidden text-right text-muted tabular-nums sm:table-cell`}>
              {m.on_hand_before} → <span className="text-ink">{m.on_hand_after}</span>
            </td>
            <td
              className={`${td} hidden max-w-64 truncate text-muted md:table-cell`}
              title={m.note ?? undefined}
            >
              {m.note ?? m.reference_type ?? '—'}
            </td>
          </tr>
        )}
      />
    </>
  );
}

function SyncTab() {
  const notify = useToast();
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [onlyIssues, setOnlyIssues] = useState(true);
  const start = useStartSync();
  const job = useSyncJob(jobId);
  const j = job.data;
  const report = j?.report;
  const rows = report?.rows.filter((r) => !onlyIssues || r.status !== 'unchanged') ?? [];
  return (
    <div className="p-4">
      <form
        className="flex flex-col gap-3 md:flex-row md:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          if (file)
            start.mutate(file, {
              onSuccess: (r) => setJobId(r.job_id),
              onError: (err) => notify(problemText(err), 'error'),
            });
        }}
      >
        <div className="flex-1">
          <label htmlFor="sync-file" className="mb-1 block text-xs font-semibold text-gray-700">
            Stock count feed (CSV or JSON)
          </label>
          <input
            id="sync-file"
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="block w-full rounded-lg border border-line bg-white text-sm file:mr-3 file:h-9 file:border-0 file:bg-gray-100 file:px-3 file:font-semibold"
          />
          <p className="mt-1 text-xs text-muted">
            Columns <code className="rounded bg-gray-100 px-1">warehouse_code,sku,on_hand</code>. On hand is
            set to the counted number; every difference is reported below.
          </p>
        </div>
        <Button type="submit" disabled={!file} loading={start.isPending}>
          <UploadIcon size={16} /> Start sync
        </Button>
      </form>
      {jobId && (
        <div className="mt-5" aria-live="polite">
          {!j ? (
            <p className="text-sm text-muted">Starting…</p>
          ) : (
            <>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <Badge tone={j.status === 'completed' ? 'green' : j.status === 'failed' ? 'red' : 'blue'}>
                  {j.status}
                </Badge>
                <span className="text-muted">{j.progress_message ?? j.title}</span>
              </div>
              {j.status !== 'completed' && j.status !== 'failed' && (
                <div
                  className="mt-2 h-2 overflow-hidden rounded-full bg-gray-100"
                  role="progressbar"
                  aria-valuenow={j.progress}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-label="Sync progress"
                >
                  <div className="h-full bg-brand-500 transition-all" style={{ width: `${j.progress}%` }} />
                </div>
              )}
              {j.error && <p className="mt-2 text-sm text-red-700">{j.error}</p>}
            </>
          )}
          {report && (
            <div className="mt-4">
              <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
                <StatCard label="Rows" value={report.totals.rows} />
                <StatCard label="Adjusted" value={report.totals.adjusted} />
                <StatCard label="Unchanged" value={report.totals.unchanged} />
                <StatCard
                  label="Problems"
                  value={
                    report.totals.invalid +
                    report.totals.unknown_sku +
                    report.totals.unknown_warehouse +
                    report.totals.failed
                  }
                  tone={
                    report.totals.invalid +
                    report.totals.unknown_sku +
                    report.totals.unknown_warehouse +
                    report.totals.failed
                      ? 'bad'
                      : undefined
                  }
                />
                <StatCard
                  label="Units ±"
                  value={`+${report.totals.units_added} / −${report.totals.units_removed}`}
                />
              </div>
              <div className="mt-3 mb-2">
                <Toggle
                  label="Only rows with a difference or a problem"
                  checked={onlyIssues}
                  onChange={setOnlyIssues}
                />
              </div>
              <div className="rounded-lg border border-line">
                <DataTable
                  label="Discrepancy report"
                  columns={7}
                  isEmpty={rows.length === 0}
                  empty={
                    <TableEmpty title="No discrepancies">The feed matched the stock on hand.</TableEmpty>
                  }
                  maxHeight="max-h-[28rem]"
                  head={
                    <tr>
                      <th className={th}>Row</th>
                      <th className={th}>Store</th>
                      <th className={th}>SKU</th>
                      <th className={`${th} text-right`}>Expected</th>
                      <th className={`${th} text-right`}>Counted</th>
                      <th className={`${th} text-right`}>Δ</th>
                      <th className={th}>Result</th>
                    </tr>
                  }
                >
                  {rows.map((r) => (
                    <tr key={r.row}>
                      <td className={`${td} tabular-nums`}>{r.row}</td>
                      <td className={`${td} text-xs`}>{r.warehouse_code ?? '—'}</td>
                      <td className={`${td} font-mono text-xs`}>{r.sku ?? '—'}</td>
                      <td className={`${td} text-right tabular-nums`}>{r.expected ?? '—'}</td>
                      <td className={`${td} text-right tabular-nums`}>{r.counted ?? '—'}</td>
                      <td
                        className={`${td} text-right font-semibold tabular-nums ${r.delta && r.delta < 0 ? 'text-red-700' : r.delta ? 'text-brand-700' : ''}`}
                      >
                        {r.delta == null ? '—' : r.delta > 0 ? `+${r.delta}` : r.delta}
                      </td>
                      <td className={td}>
                        <Badge
                          tone={r.status === 'adjusted' ? 'blue' : r.status === 'unchanged' ? 'gray' : 'red'}
                        >
                          {r.status.replace('_', ' ')}
                        </Badge>
                        {r.errors.length > 0 && (
                          <div className="mt-0.5 text-xs text-red-700">
                            {r.errors.map((e) => e.message).join('; ')}
                          </div>
                        )}
                      </td>
                    </tr>
                  ))}
                </DataTable>
              </div>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

const TABS = [
  { value: 'stock', label: 'Stock' },
  { value: 'low', label: 'Low stock' },
  { value: 'movements', label: 'Movements' },
  { value: 'sync', label: 'Sync import' },
] as const;
type Tab = (typeof TABS)[number]['value'];

export default function Inventory() {
  usePageTitle('Inventory');
  const { values, set, bind } = useUrlFilters(['tab', 'store'] as const);
  const tab = (TABS.some((t) => t.value === values.tab) ? values.tab : 'stock') as Tab;
  const warehouses = useWarehouses();
  const summary = useInventorySummary(values.store || undefined);
  const [target, setTarget] = useState<Target | null>(null);
  const t = summary.data?.totals;
  const value = t?.value[0];
  return (
    <>
      <PageHeader
        title="Inventory"
        description="Stock in every dark store: receive, count, move and reconcile."
        actions={
          <>
            <Button
              size="sm"
              variant="outline"
              onClick={() => setTarget({ action: 'transfer', warehouseId: values.store || undefined })}
            >
              Transfer
            </Button>
            <Button
              size="sm"
              variant="outline"
              onClick={() => setTarget({ action: 'adjust', warehouseId: values.store || undefined })}
            >
              Adjust
            </Button>
            <Button
              size="sm"
              onClick={() => setTarget({ action: 'restock', warehouseId: values.store || undefined })}
            >
              Restock
            </Button>
          </>
        }
      />
      <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
        <StatCard
          label="SKUs stocked"
          loading={summary.isPending}
          value={t?.skus.toLocaleString() ?? '—'}
          hint={t && `${t.sku_rows.toLocaleString()} store rows`}
        />
        <StatCard
          label="Units on hand"
          loading={summary.isPending}
          value={t?.on_hand.toLocaleString() ?? '—'}
          hint={t && `${t.reserved.toLocaleString()} reserved`}
        />
        <StatCard
          label="Value at cost"
          loading={summary.isPending}
          value={value ? formatMoney(value.at_cost_cents, value.currency) : '—'}
          hint={value && `${formatMoney(value.at_price_cents, value.currency)} at price`}
        />
        <StatCard
          label="Low stock"
          loading={summary.isPending}
          value={t?.low_stock_count ?? '—'}
          tone={t?.low_stock_count ? 'warn' : undefined}
        />
        <StatCard
          label="Out of stock"
          loading={summary.isPending}
          value={t?.out_of_stock_count ?? '—'}
          tone={t?.out_of_stock_count ? 'bad' : undefined}
        />
      </div>
      <Card flush>
        <div className="flex flex-wrap items-center justify-between gap-2 pr-3">
          <Segmented
            label="Inventory views"
            value={tab}
            onChange={(v) => set({ tab: v === 'stock' ? '' : v })}
            options={[...TABS]}
          />
          {tab !== 'sync' && <StoreFilter {...bind('store')} className="w-full py-2 pl-3 sm:w-56 sm:pl-0" />}
        </div>
        {tab === 'stock' && <StockTab store={values.store} onAct={setTarget} />}
        {tab === 'low' && <LowStockTab store={values.store} onAct={setTarget} />}
        {tab === 'movements' && <MovementsTab store={values.store} />}
        {tab === 'sync' && <SyncTab />}
      </Card>
      {target && warehouses.data && (
        <StockDialog target={target} warehouses={warehouses.data} onClose={() => setTarget(null)} />
      )}
    </>
  );
}
