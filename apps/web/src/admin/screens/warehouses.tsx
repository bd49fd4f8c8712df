import { useState, type FormEvent } from 'react';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { useToast } from '../../components/toast';
import { useSaveWarehouse, useWarehouses } from '../api/inventory';
import {
  Badge,
  Card,
  DataTable,
  Input,
  PageHeader,
  TableEmpty,
  Textarea,
  Toggle,
  fieldProblem,
  problemText,
  td,
  th,
} from '../components/ui';
import type { Warehouse } from '../types';

function WarehouseDialog({ warehouse, onClose }: { warehouse: Warehouse | 'new'; onClose: () => void }) {
  const notify = useToast();
  const save = useSaveWarehouse();
  const w = warehouse === 'new' ? null : warehouse;
  const [f, setF] = useState({
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
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
      {
        onSuccess: () => {
          notify(w ? 'Dark store saved' : 'Dark store created', 'success');
          onClose();
        },
      },
    );
  };
  const fe = (k: string) => fieldProblem(save.error, k);
  return (
    <Dialog open onClose={onClose} title={w ? `Edit ${w.name}` : 'New dark store'}>
      <form onSubmit={submit} className="grid gap-3 p-5 sm:grid-cols-2">
        {save.error && (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 sm:col-span-2">
            {problemText(save.error)}
          </p>
        )}
        <Input
          label="Code"
          required
          value={f.code}
          onChange={(e) => setF({ ...f, code: e.target.value })}
          error={fe('code')}
          placeholder="DS-EAST"
        />
        <Input
          label="Name"
          required
          value={f.name}
          onChange={(e) => setF({ ...f, name: e.target.value })}
          error={fe('name')}
        />
        <Input
          className="sm:col-span-2"
          label="Street address"
          required
          value={f.line1}
          onChange={(e) => setF({ ...f, line1: e.target.value })}
          error={fe('address.line1')}
        />
        <Input
          label="City"
          required
          value={f.city}
          onChange={(e) => setF({ ...f, city: e.target.value })}
          error={fe('address.city')}
        />
        <div className="grid grid-cols-2 gap-3">
          <Input
            label="Postal code"
            required
            value={f.postal_code}
            onChange={(e) => setF({ ...f, postal_code: e.target.value })}
            error={fe('address.postal_code')}
          />
          <Input
            label="Country"
            required
            maxLength={2}
            value={f.country}
            onChange={(e) => setF({ ...f, country: e.target.value })}
            error={fe('address.country')}
          />
        </div>
        <Textarea
          className="sm:col-span-2"
          label="Service postal codes"
          rows={3}
          value={f.codes}
          onChange={(e) => setF({ ...f, codes: e.target.value })}
          error={fe('service_postal_codes')}
          hint="The areas this store delivers to, separated by commas or spaces."
        />
        <Input
          label="Base delivery time (min)"
          type="number"
          min={1}
          value={f.eta}
          onChange={(e) => setF({ ...f, eta: e.target.value })}
          error={fe('base_eta_minutes')}
        />
        <Input
          label="Picking minutes per item"
          type="number"
          min={0}
          step={0.1}
          value={f.pick}
          onChange={(e) => setF({ ...f, pick: e.target.value })}
          error={fe('pick_minutes_per_item')}
        />
        <div className="sm:col-span-2">
          <Toggle
            label="Active (serving its area)"
            checked={f.active}
            onChange={(v) => setF({ ...f, active: v })}
          />
        </div>
        <div className="flex justify-end gap-2 sm:col-span-2">
          <Button variant="outline" size="sm" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" size="sm" loading={save.isPending}>
            {w ? 'Save' : 'Create'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export default function Warehouses() {
  usePageTitle('Dark stores');
  const { data, isPending, error, refetch } = useWarehouses();
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
        <DataTable
          label="Dark stores"
          columns={5}
          loading={isPending}
          error={error}
          onRetry={() => void refetch()}
          isEmpty={data?.length === 0}
          empty={
            <TableEmpty title="No dark stores">Create one to start taking orders in its area.</TableEmpty>
          }
          head={
            <tr>
              <th className={th}>Store</th>
              <th className={`${th} hidden md:table-cell`}>Address</th>
              <th className={th}>Serves</th>
              <th className={`${th} hidden text-right sm:table-cell`}>Base ETA</th>
              <th className={`${th} text-right`}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          }
        >
          {data?.map((w) => (
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
          ))}
        </DataTable>
      </Card>
      {editing && <WarehouseDialog warehouse={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
