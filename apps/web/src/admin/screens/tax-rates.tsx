import { useState, type FormEvent } from 'react';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { useToast } from '../../components/toast';
import { flattenCategories, useCategories } from '../api/catalog';
import { useDeleteTaxRate, useSaveTaxRate, useTaxRates } from '../api/pricing';
import {
  Card,
  DataTable,
  Input,
  PageHeader,
  Select,
  TableEmpty,
  fieldProblem,
  problemText,
  td,
  th,
} from '../components/ui';
import type { TaxRate } from '../types';

/** Basis points as a percentage: 825 → "8.25%". */
const percent = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;

function TaxDialog({ rate, onClose }: { rate: TaxRate | 'new'; onClose: () => void }) {
  const notify = useToast();
  const save = useSaveTaxRate();
  const categories = useCategories();
  const r = rate === 'new' ? null : rate;
  const [f, setF] = useState({
    country: r?.country ?? 'US',
    category_id: r?.category_id ?? '',
    name: r?.name ?? '',
    rate: r ? String(r.rate_bp / 100) : '',
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        id: r?.id,
        country: f.country.trim().toUpperCase(),
        category_id: f.category_id || null,
        name: f.name.trim(),
        rate_bp: Math.round(Number(f.rate) * 100),
      },
      {
        onSuccess: () => {
          notify(r ? 'Tax rate saved' : 'Tax rate added', 'success');
          onClose();
        },
      },
    );
  };
  const fe = (k: string) => fieldProblem(save.error, k);
  return (
    <Dialog open onClose={onClose} title={r ? `Edit ${r.name}` : 'New tax rate'}>
      <form onSubmit={submit} className="grid gap-3 p-5 sm:grid-cols-2">
        {save.error && (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 sm:col-span-2">
            {problemText(save.error)}
          </p>
        )}
        <Input
          label="Name"
          required
          value={f.name}
          onChange={(e) => setF({ ...f, name: e.target.value })}
          error={fe('name')}
          placeholder="Sales tax"
        />
        <Input
          label="Country"
          required
          maxLength={2}
          value={f.country}
          onChange={(e) => setF({ ...f, country: e.target.value })}
          error={fe('country')}
          hint="Two-letter code, e.g. US"
        />
        <Input
          label="Rate (%)"
          required
          inputMode="decimal"
          value={f.rate}
          onChange={(e) => setF({ ...f, rate: e.target.value })}
          error={fe('rate_bp')}
          placeholder="8.25"
        />
        <Select
          label="Applies to"
          value={f.category_id}
          onChange={(e) => setF({ ...f, category_id: e.target.value })}
          hint="A category rate overrides the country default."
        >
          <option value="">Every category (country default)</option>
          {flattenCategories(categories.data).map((c) => (
            <option key={c.id} value={c.id}>
              {'\u00a0\u00a0'.repeat(c.depth)}
              {c.name}
            </option>
          ))}
        </Select>
        <div className="flex justify-end gap-2 sm:col-span-2">
          <Button variant="outline" size="sm" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" size="sm" loading={save.isPending}>
            {r ? 'Save' : 'Add rate'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export default function TaxRates() {
  usePageTitle('Tax rates');
  const notify = useToast();
  const { data, isPending, error, refetch } = useTaxRates();
  const categories = useCategories();
  const names = new Map(flattenCategories(categories.data).map((c) => [c.id, c.name]));
  const remove = useDeleteTaxRate();
  const [editing, setEditing] = useState<TaxRate | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title="Tax rates"
        description="Charged on the cart: the country default, or a category’s own rate."
        actions={
          <Button size="sm" onClick={() => setEditing('new')}>
            New tax rate
          </Button>
        }
      />
      <Card flush>
        <DataTable
          label="Tax rates"
          columns={5}
          loading={isPending}
          error={error}
          onRetry={() => void refetch()}
          isEmpty={data?.length === 0}
          empty={<TableEmpty title="No tax rates">Orders are charged no tax until you add one.</TableEmpty>}
          head={
            <tr>
              <th className={th}>Name</th>
              <th className={th}>Country</th>
              <th className={th}>Applies to</th>
              <th className={`${th} text-right`}>Rate</th>
              <th className={`${th} text-right`}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          }
        >
          {data?.map((r) => (
            <tr key={r.id} className="hover:bg-gray-50">
              <td className={`${td} font-medium`}>{r.name}</td>
              <td className={td}>{r.country}</td>
              <td className={`${td} text-muted`}>
                {r.category_id ? (names.get(r.category_id) ?? 'A category') : 'Every category'}
              </td>
              <td className={`${td} text-right font-semibold tabular-nums`}>{percent(r.rate_bp)}</td>
              <td className={`${td} text-right whitespace-nowrap`}>
                <Button size="sm" variant="ghost" onClick={() => setEditing(r)}>
                  Edit
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={remove.isPending}
                  onClick={() =>
                    window.confirm(`Remove “${r.name}” (${r.country})?`) &&
                    remove.mutate(r.id, {
                      onSuccess: () => notify('Tax rate removed', 'success'),
                      onError: (e) => notify(problemText(e), 'error'),
                    })
                  }
                >
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </DataTable>
      </Card>
      {editing && <TaxDialog rate={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
