import { useState } from 'react';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { useSaveWarehouse, useWarehouses } from '../api/inventory';
import { FormDialog, useDialogSave, useFormState } from '../components/forms';
import { ActionsHeader, QueryTable } from '../components/lists';
import {
  Badge,
  Card,
  Input,
  PageHeader,
  TableEmpty,
  Textarea,
  Toggle,
  fieldProblem,
  td,
  th,
} from '../components/ui';
import type { Warehouse } from '../types';

function WarehouseDialog({ warehouse, onClose }: { warehouse: Warehouse | 'new'; onClose: () => void }) {
  const { problem, saved } = useDialogSave(onClose);
  const save = useSaveWarehouse();
  const w = warehouse === 'new' ? null : warehouse;
  const [f, field, set] = useFormState({
    code: w?.code ?? '',
    name: w?.name ?? '',
    line1: w?.address.line1 ?? '',
    city: w?.address.city ?? '',
    postal_code: w?.address.postal_code ?? '',
    country: w?.address.country ?? 'US',
    codes: w?.service_postal_codes.join(', ') ?? '',
    eta: String(w?.base_eta_minutes ?? 15),
    pick: String(w?.pick_minutes_per_item ?? 0.5),
    active: w?.is_active ?? true,
  });
  const submit = () =>
    save.mutate(
      {
        id: w?.id,
        code: f.code.trim(),
        name: f.name.trim(),
        address: {
          line1: f.line1.trim(),
          city: f.city.trim(),
          postal_code: f.postal_code.trim(),
          country: f.country.trim().toUpperCase(),
        },
        is_active: f.active,
        service_postal_codes: f.codes
          .split(/[\s,;]+/)
          .map((c) => c.trim())
          .filter(Boolean),
        base_eta_minutes: Math.round(Number(f.eta)),
        pick_minutes_per_item: Number(f.pick),
      },
      saved(w ? 'Dark store saved' : 'Dark store created'),
    );
  const fe = (k: string) => fieldProblem(save.error, k);
  return (
    <FormDialog
      title={w ? `Edit ${w.name}` : 'New dark store'}
      onClose={onClose}
      onSubmit={submit}
      problem={problem}
      pending={save.isPending}
      submitLabel={w ? 'Save' : 'Create'}
      columns={2}
    >
      <Input label="Code" required {...field('code')} error={fe('code')} placeholder="DS-EAST" />
      <Input label="Name" required {...field('name')} error={fe('name')} />
      <Input
        className="sm:col-span-2"
        label="Street address"
        required
        {...field('line1')}
        error={fe('address.line1')}
      />
      <Input label="City" required {...field('city')} error={fe('address.city')} />
      <div className="grid grid-cols-2 gap-3">
        <Input label="Postal code" required {...field('postal_code')} error={fe('address.postal_code')} />
        <Input label="Country" required maxLength={2} {...field('country')} error={fe('address.country')} />
      </div>
      <Textarea
        className="sm:col-span-2"
        label="Service postal codes"
        rows={3}
        {...field('codes')}
        error={fe('service_postal_codes')}
        hint="The areas this store delivers to, separated by commas or spaces."
      />
      <Input
        label="Base delivery time (min)"
        type="number"
        min={1}
        {...field('eta')}
        error={fe('base_eta_minutes')}
      />
      <Input
        label="Picking minutes per item"
        type="number"
        min={0}
        step={0.1}
        {...field('pick')}
        error={fe('pick_minutes_per_item')}
      />
      <div className="sm:col-span-2">
        <Toggle label="Active (serving its area)" checked={f.active} onChange={(v) => set('active', v)} />
      </div>
    </FormDialog>
  );
}

export default function Warehouses() {
  usePageTitle('Dark stores');
  const warehouses = useWarehouses();
  const [editing, setEditing] = useState<Warehouse | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title="Dark stores"
        description="Warehouses that pick and deliver orders, and the postal codes each one serves."
        actions={
          <Button size="sm" onClick={() => setEditing('new')}>
            New dark store
          </Button>
        }
      />
      <Card flush>
        <QueryTable
          label="Dark stores"
          columns={5}
          query={warehouses}
          rows={warehouses.data}
          empty={
            <TableEmpty title="No dark stores">Create one to start taking orders in its area.</TableEmpty>
          }
          head={
            <tr>
              <th className={th}>Store</th>
              <th className={`${th} hidden md:table-cell`}>Address</th>
              <th className={th}>Serves</th>
              <th className={`${th} hidden text-right sm:table-cell`}>Base ETA</th>
              <ActionsHeader />
            </tr>
          }
          row={(w) => (
            <tr key={w.id} className="hover:bg-gray-50">
              <td className={td}>
                <div className="font-medium">
                  {w.name} {!w.is_active && <Badge>Inactive</Badge>}
                </div>
                <div className="font-mono text-xs text-muted">{w.code}</div>
              </td>
              <td className={`${td} hidden text-muted md:table-cell`}>
                {w.address.line1}, {w.address.city} {w.address.postal_code}
              </td>
              <td className={td}>
                <div className="flex max-w-md flex-wrap gap-1">
                  {w.service_postal_codes.slice(0, 8).map((c) => (
                    <Badge key={c}>{c}</Badge>
                  ))}
                  {w.service_postal_codes.length > 8 && (
                    <span className="text-xs text-muted">+{w.service_postal_codes.length - 8} more</span>
                  )}
                  {w.service_postal_codes.length === 0 && (
                    <span className="text-xs text-red-700">No area</span>
                  )}
                </div>
              </td>
              <td className={`${td} hidden text-right tabular-nums sm:table-cell`}>
                {w.base_eta_minutes} min
              </td>
              <td className={`${td} text-right`}>
                <Button size="sm" variant="ghost" onClick={() => setEditing(w)}>
                  Edit
                </Button>
              </td>
            </tr>
          )}
        />
      </Card>
      {editing && <WarehouseDialog warehouse={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
