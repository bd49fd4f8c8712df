import { useState } from 'react';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { formatDate } from '../../lib/format';
import { formatMoney, parseMoney } from '../../lib/money';
import { useCoupons, useDeleteCoupon, useSaveCoupon } from '../api/pricing';
import { DeleteButton } from '../components/actions';
import { FilterSelect } from '../components/filters';
import { FormDialog, useDialogSave, useFormState } from '../components/forms';
import { ActionsHeader, PagedTable } from '../components/lists';
import {
  Badge,
  Card,
  FilterBar,
  Input,
  PageHeader,
  SearchBox,
  Select,
  TableEmpty,
  Textarea,
  Toggle,
  fieldProblem,
  td,
  th,
  useUrlFilters,
} from '../components/ui';
import type { Coupon } from '../types';

/** An ISO instant as a datetime-local value (local time), and back. */
const toLocal = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocal = (v: string) => (v ? new Date(v).toISOString() : null);
const dollars = (c: number | null | undefined) => (c == null ? '' : (c / 100).toFixed(2));

const ACTIVE_OPTIONS = [
  { value: 'true', label: 'Active' },
  { value: 'false', label: 'Inactive' },
];

const describe = (c: Coupon) => (c.kind === 'percent' ? `${c.value}% off` : `${formatMoney(c.value)} off`);

function couponState(c: Coupon): { label: string; tone: 'green' | 'gray' | 'amber' | 'red' } {
  const now = Date.now();
  if (!c.is_active) return { label: 'Inactive', tone: 'gray' };
  if (c.expires_at && new Date(c.expires_at).getTime() < now) return { label: 'Expired', tone: 'red' };
  if (c.starts_at && new Date(c.starts_at).getTime() > now) return { label: 'Scheduled', tone: 'amber' };
  if (c.usage_limit != null && c.times_used >= c.usage_limit) return { label: 'Used up', tone: 'red' };
  return { label: 'Active', tone: 'green' };
}

function CouponDialog({ coupon, onClose }: { coupon: Coupon | 'new'; onClose: () => void }) {
  const { problem, setProblem, saved } = useDialogSave(onClose);
  const save = useSaveCoupon();
  const c = coupon === 'new' ? null : coupon;
  const [f, field, set] = useFormState({
    code: c?.code ?? '',
    description: c?.description ?? '',
    kind: c?.kind ?? ('percent' as Coupon['kind']),
    value: c ? (c.kind === 'percent' ? String(c.value) : dollars(c.value)) : '',
    min: dollars(c?.min_subtotal_cents || null),
    max: dollars(c?.max_discount_cents),
    starts: toLocal(c?.starts_at ?? null),
    expires: toLocal(c?.expires_at ?? null),
    usage: c?.usage_limit != null ? String(c.usage_limit) : '',
    perUser: c?.per_user_limit != null ? String(c.per_user_limit) : '',
    active: c?.is_active ?? true,
  });
  const int = (s: string) => (s.trim() ? Math.trunc(Number(s)) : null);
  const submit = () => {
    const value = f.kind === 'percent' ? int(f.value) : parseMoney(f.value);
    if (!value)
      return setProblem(
        f.kind === 'percent' ? 'Enter a percentage from 1 to 100' : 'Enter an amount, e.g. 5.00',
      );
    save.mutate(
      {
        id: c?.id,
        code: f.code.trim().toUpperCase(),
        description: f.description.trim() || null,
        kind: f.kind,
        value,
        min_subtotal_cents: parseMoney(f.min) ?? 0,
        max_discount_cents: f.max.trim() ? (parseMoney(f.max) ?? null) : null,
        starts_at: fromLocal(f.starts),
        expires_at: fromLocal(f.expires),
        usage_limit: int(f.usage),
        per_user_limit: int(f.perUser),
        is_active: f.active,
      },
      saved(c ? 'Coupon saved' : 'Coupon created'),
    );
  };
  const fe = (k: string) => fieldProblem(save.error, k);
  return (
    <FormDialog
      title={c ? `Edit ${c.code}` : 'New coupon'}
      onClose={onClose}
      onSubmit={submit}
      problem={problem}
      pending={save.isPending}
      submitLabel={c ? 'Save coupon' : 'Create coupon'}
      columns={2}
    >
      <Input label="Code" required {...field('code')} error={fe('code')} placeholder="SPRING10" />
      <Select label="Discount type" {...field('kind')}>
        <option value="percent">Percentage</option>
        <option value="fixed">Fixed amount</option>
      </Select>
      <Input
        label={f.kind === 'percent' ? 'Percent off' : 'Amount off (USD)'}
        inputMode="decimal"
        required
        {...field('value')}
        error={fe('value')}
      />
      <Input
        label="Minimum subtotal (USD)"
        inputMode="decimal"
        {...field('min')}
        error={fe('min_subtotal_cents')}
      />
      {f.kind === 'percent' && (
        <Input
          label="Maximum discount (USD)"
          inputMode="decimal"
          {...field('max')}
          error={fe('max_discount_cents')}
          hint="Empty: no cap."
        />
      )}
      <Input label="Starts" type="datetime-local" {...field('starts')} error={fe('starts_at')} />
      <Input label="Expires" type="datetime-local" {...field('expires')} error={fe('expires_at')} />
      <Input label="Total uses allowed" type="number" min={1} {...field('usage')} hint="Empty: unlimited." />
      <Input label="Uses per customer" type="number" min={1} {...field('perUser')} hint="Empty: unlimited." />
      <Textarea className="sm:col-span-2" label="Description" rows={2} {...field('description')} />
      <div className="sm:col-span-2">
        <Toggle label="Active" checked={f.active} onChange={(v) => set('active', v)} />
      </div>
    </FormDialog>
  );
}

export default function Coupons() {
  usePageTitle('Coupons');
  const { values, page, bind, setPage } = useUrlFilters(['q', 'active'] as const);
  const coupons = useCoupons({
    q: values.q || undefined,
    active: (values.active || undefined) as 'true' | 'false' | undefined,
    page,
  });
  const remove = useDeleteCoupon();
  const [editing, setEditing] = useState<Coupon | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title="Coupons"
        description="Discount codes shoppers enter in the cart."
        actions={
          <Button size="sm" onClick={() => setEditing('new')}>
            New coupon
          </Button>
        }
      />
      <Card flush>
        <FilterBar>
          <SearchBox label="Search codes" {...bind('q')} className="w-full sm:w-64" />
          <FilterSelect
            label="Active"
            all="All coupons"
            options={ACTIVE_OPTIONS}
            {...bind('active')}
            className="w-full sm:w-40"
          />
        </FilterBar>
        <PagedTable
          label="Coupons"
          columns={6}
          query={coupons}
          page={page}
          onPage={setPage}
          noun="coupon"
          empty={<TableEmpty title="No coupons">Create a code to run a promotion.</TableEmpty>}
          head={
            <tr>
              <th className={th}>Code</th>
              <th className={th}>Discount</th>
              <th className={`${th} hidden md:table-cell`}>Conditions</th>
              <th className={`${th} text-right`}>Used</th>
              <th className={th}>Status</th>
              <ActionsHeader />
            </tr>
          }
          row={(c) => {
            const st = couponState(c);
            return (
              <tr key={c.id} className="hover:bg-gray-50">
                <td className={td}>
                  <span className="font-mono font-semibold">{c.code}</span>
                  {c.description && <div className="line-clamp-1 text-xs text-muted">{c.description}</div>}
                </td>
                <td className={`${td} whitespace-nowrap`}>{describe(c)}</td>
                <td className={`${td} hidden text-xs text-muted md:table-cell`}>
                  {[
                    c.min_subtotal_cents > 0 && `min ${formatMoney(c.min_subtotal_cents)}`,
                    c.max_discount_cents != null && `cap ${formatMoney(c.max_discount_cents)}`,
                    c.expires_at && `until ${formatDate(c.expires_at)}`,
                    c.per_user_limit != null && `${c.per_user_limit}/customer`,
                  ]
                    .filter(Boolean)
                    .join(' · ') || '—'}
                </td>
                <td className={`${td} text-right tabular-nums`}>
                  {c.times_used}
                  {c.usage_limit != null && <span className="text-muted"> / {c.usage_limit}</span>}
                </td>
                <td className={td}>
                  <Badge tone={st.tone}>{st.label}</Badge>
                </td>
                <td className={`${td} text-right whitespace-nowrap`}>
                  <Button size="sm" variant="ghost" onClick={() => setEditing(c)}>
                    Edit
                  </Button>
                  <DeleteButton
                    question={`Delete coupon ${c.code}?`}
                    remove={remove}
                    id={c.id}
                    done={(r) =>
                      r.deactivated
                        ? `${r.code} was used by orders, so it was deactivated instead`
                        : `${r.code} deleted`
                    }
                  />
                </td>
              </tr>
            );
          }}
        />
      </Card>
      {editing && <CouponDialog coupon={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
