import { useState } from 'react';
import { Button } from '../../../components/button';
import { Checkbox, TextField } from '../../../components/field';
import { InlineError, errorMessage } from '../../../components/states';
import { isApiError } from '../../../lib/api';
import { useSaveAddress } from '../api/addresses';
import type { Address, AddressInput } from '../types';

const empty = (defaults: Partial<AddressInput>): AddressInput => ({
  label: '',
  full_name: '',
  phone: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postal_code: '',
  country: 'US',
  is_default_shipping: false,
  is_default_billing: false,
  ...defaults,
});

const blankToNull = (s: string | null) => (s && s.trim() ? s.trim() : null);

export function AddressForm({
  address,
  defaults = {},
  onSaved,
  onCancel,
}: {
  address?: Address;
  defaults?: Partial<AddressInput>;
  onSaved: (a: Address) => void;
  onCancel?: () => void;
}) {
  const [form, setForm] = useState<AddressInput>(address ?? empty(defaults));
  const save = useSaveAddress();
  const err = save.error;
  const fieldError = (f: keyof AddressInput) => (isApiError(err, 422) ? err.fieldError(f) : undefined);
  const text = (f: keyof AddressInput) => ({
    value: (form[f] as string | null) ?? '',
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm((x) => ({ ...x, [f]: e.target.value })),
    error: fieldError(f),
  });

  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          {
            id: address?.id,
            input: {
              ...form,
              label: blankToNull(form.label),
              phone: blankToNull(form.phone),
              line2: blankToNull(form.line2),
              region: blankToNull(form.region),
            },
          },
          { onSuccess: onSaved },
        );
      }}
    >
      <div className="grid grid-cols-2 gap-3">
        <TextField label="Full name" autoComplete="name" required {...text('full_name')} />
        <TextField
          label="Phone"
          type="tel"
          autoComplete="tel"
          placeholder="+14155550123"
          {...text('phone')}
        />
      </div>
      <TextField label="Address line 1" autoComplete="address-line1" required {...text('line1')} />
      <TextField label="Apartment, floor (optional)" autoComplete="address-line2" {...text('line2')} />
      <div className="grid grid-cols-2 gap-3">
        <TextField label="City" autoComplete="address-level2" required {...text('city')} />
        <TextField label="State / region" autoComplete="address-level1" {...text('region')} />
      </div>
      <div className="grid grid-cols-3 gap-3">
        <TextField
          label="Postal code"
          autoComplete="postal-code"
          required
          className="col-span-2"
          {...text('postal_code')}
        />
        <TextField label="Country" autoComplete="country" maxLength={2} required {...text('country')} />
      </div>
      <TextField label="Label (optional)" placeholder="Home, Work…" {...text('label')} />
      <Checkbox
        label="Use as my default delivery address"
        checked={form.is_default_shipping}
        onChange={(e) => setForm((x) => ({ ...x, is_default_shipping: e.target.checked }))}
      />
      {err && !isApiError(err, 422) && <InlineError>{errorMessage(err)}</InlineError>}
      {isApiError(err, 422) && !err.errors.length && <InlineError>{err.message}</InlineError>}
      <div className="flex gap-2 pt-1">
        <Button type="submit" loading={save.isPending}>
          {address ? 'Save address' : 'Add address'}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
