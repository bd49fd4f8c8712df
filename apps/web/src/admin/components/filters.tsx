import { useWarehouses } from '../api/inventory';
import { Input, Options, Select } from './ui';

/** A list filter's drop-down, labelled for screen readers only; `all` (the empty value) clears it. */
export function FilterSelect({
  label,
  all,
  options,
  value,
  onChange,
  className,
}: {
  label: string;
  all: string;
  options: readonly { value: string; label: string }[] | undefined;
  value: string;
  onChange: (value: string) => void;
  className?: string;
}) {
  return (
    <Select
      label={label}
      hideLabel
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className={className}
    >
      <option value="">{all}</option>
      <Options options={options} />
    </Select>
  );
}

/** Narrows a list to one dark store. */
export function StoreFilter({
  all = 'All dark stores',
  ...props
}: Omit<Parameters<typeof FilterSelect>[0], 'label' | 'all' | 'options'> & { all?: string }) {
  const warehouses = useWarehouses();
  return (
    <FilterSelect
      label="Dark store"
      all={all}
      options={warehouses.data?.map((w) => ({ value: w.id, label: w.name }))}
      {...props}
    />
  );
}

/** A range of whole days (`YYYY-MM-DD`, both inclusive); each end bounds the other's picker. */
export function DateRange({
  from,
  to,
  onChange,
}: {
  from: string;
  to: string;
  onChange: (patch: { from: string } | { to: string }) => void;
}) {
  return (
    <>
      <Input
        label="From"
        type="date"
        value={from}
        max={to || undefined}
        onChange={(e) => onChange({ from: e.target.value })}
        className="w-[calc(50%-0.25rem)] sm:w-40"
      />
      <Input
        label="To"
        type="date"
        value={to}
        min={from || undefined}
        onChange={(e) => onChange({ to: e.target.value })}
        className="w-[calc(50%-0.25rem)] sm:w-40"
      />
    </>
  );
}
