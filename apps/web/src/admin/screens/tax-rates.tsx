import { useState } from 'react';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { categoryOptions, flattenCategories, useCategories } from '../api/catalog';
import { useDeleteTaxRate, useSaveTaxRate, useTaxRates } from '../api/pricing';
import { DeleteButton } from '../components/actions';
import { FormDialog, useDialogSave, useFormState } from '../components/forms';
import { ActionsHeader, QueryTable } from '../components/lists';
import { Card, Input, Options, PageHeader, Select, TableEmpty, fieldProblem, td, th } from '../components/ui';
import type { TaxRate } from '../types';

/** Basis points as a percentage: 825 → "8.25%". */
const percent = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;

function TaxDialog({ rate, onClose }: { rate: TaxRate | 'new'; onClose: () => void }) {
  const { problem, saved } = useDialogSave(onClose);
  const save = useSaveTaxRate();
  const categories = useCategories();
  const r = rate === 'new' ? null : rate;
  const [f, field] = useFormState({
    country: r?.country ?? 'US',
    category_id: r?.category_id ?? '',
    name: r?.name ?? '',
    rate: r ? String(r.rate_bp / 100) : '',
  });
  const submit = () =>
    save.mutate(
      {
        id: r?.id,
        country: f.country.trim().toUpperCase(),
        category_id: f.category_id || null,
        name: f.name.trim(),
        rate_bp: Math.round(Number(f.rate) * 100),
      },
      saved(r ? 'Tax rate saved' : 'Tax rate added'),
    );
  const fe = (k: string) => fieldProblem(save.error, k);
  return (
    <FormDialog
      title={r ? `Edit ${r.name}` : 'New tax rate'}
      onClose={onClose}
      onSubmit={submit}
      problem={problem}
      pending={save.isPending}
      submitLabel={r ? 'Save' : 'Add rate'}
      columns={2}
    >
      <Input label="Name" required {...field('name')} error={fe('name')} placeholder="Sales tax" />
      <Input
        label="Country"
        required
        maxLength={2}
        {...field('country')}
        error={fe('country')}
        hint="Two-letter code, e.g. US"
      />
      <Input
        label="Rate (%)"
        required
        inputMode="decimal"
        {...field('rate')}
        error={fe('rate_bp')}
        placeholder="8.25"
      />
      <Select
        label="Applies to"
        {...field('category_id')}
        hint="A category rate overrides the country default."
      >
        <option value="">Every category (country default)</option>
        <Options options={categoryOptions(flattenCategories(categories.data))} />
      </Select>
    </FormDialog>
  );
}

export default function TaxRates() {
  usePageTitle('Tax rates');
  const rates = useTaxRates();
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
        <QueryTable
          label="Tax rates"
          columns={5}
          query={rates}
          rows={rates.data}
          empty={<TableEmpty title="No tax rates">Orders are charged no tax until you add one.</TableEmpty>}
          head={
            <tr>
              <th className={th}>Name</th>
              <th className={th}>Country</th>
              <th className={th}>Applies to</th>
              <th className={`${th} text-right`}>Rate</th>
              <ActionsHeader />
            </tr>
          }
          row={(r) => (
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
                <DeleteButton
                  question={`Remove “${r.name}” (${r.country})?`}
                  remove={remove}
                  id={r.id}
                  done="Tax rate removed"
                />
              </td>
            </tr>
          )}
        />
      </Card>
      {editing && <TaxDialog rate={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
