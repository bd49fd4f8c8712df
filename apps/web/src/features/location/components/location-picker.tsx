import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../../components/button';
import { Dialog } from '../../../components/dialog';
import { TextField } from '../../../components/field';
import { ChevronDown, ClockIcon, PinIcon } from '../../../components/icons';
import { InlineError, errorMessage } from '../../../components/states';
import { isApiError } from '../../../lib/api';
import { resolveStore, useResolvedStore } from '../api/resolve-store';
import { locationStore, usePostalCode } from '../location-store';

/** Header button: "Delivery in 12 minutes · 94107", opening the postal-code dialog. */
export function LocationButton({ onChosen }: { onChosen?: (postalCode: string) => void }) {
  const postalCode = usePostalCode();
  const store = useResolvedStore(postalCode);
  const [open, setOpen] = useState(false);

  let headline = 'Set delivery location';
  if (postalCode && store.isPending) headline = 'Checking delivery…';
  else if (postalCode && store.data) headline = `Delivery in ${store.data.eta_minutes} minutes`;
  else if (postalCode && store.data === null) headline = 'Not delivering here yet';

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="flex min-w-0 flex-col items-start text-left"
        aria-label={`${headline}${postalCode ? `, postal code ${postalCode}` : ''}. Change delivery location`}
        data-testid="location-button"
      >
        <span
          className={
            postalCode && store.data === null
              ? 'text-sm font-extrabold text-red-600 md:text-base'
              : 'text-sm font-extrabold md:text-base'
          }
        >
          {headline}
        </span>
        <span className="flex max-w-full items-center gap-0.5 truncate text-xs text-muted">
          <PinIcon size={12} className="shrink-0" />
          {postalCode ? (
            <span className="truncate">
              {postalCode}
              {store.data ? ` · ${store.data.warehouse.name}` : ''}
            </span>
          ) : (
            'Enter your postal code'
          )}
          <ChevronDown size={14} className="shrink-0" />
        </span>
      </button>
      <LocationDialog
        open={open}
        onClose={() => setOpen(false)}
        onChosen={(code) => {
          setOpen(false);
          onChosen?.(code);
        }}
      />
    </>
  );
}

export function LocationDialog({
  open,
  onClose,
  onChosen,
}: {
  open: boolean;
  onClose: () => void;
  onChosen: (postalCode: string) => void;
}) {
  const queryClient = useQueryClient();
  const [code, setCode] = useState(locationStore.get() ?? '');
  // The field's own problem (nothing typed), apart from a failed lookup (network, server).
  const [invalid, setInvalid] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outOfArea, setOutOfArea] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const value = code.trim().toUpperCase();
    setInvalid(null);
    setError(null);
    if (!value) return setInvalid('Enter a postal code');
    setBusy(true);
    setOutOfArea(null);
    try {
      const store = await resolveStore(value);
      queryClient.setQueryData(['stores', 'resolve', value], store);
      locationStore.set(value);
      onChosen(value);
    } catch (err) {
      if (isApiError(err, 404)) setOutOfArea(value);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} title="Where should we deliver?">
      <form
        className="space-y-4 p-5"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="flex items-center gap-2 rounded-xl bg-brand-50 px-3 py-2 text-sm text-brand-800">
          <ClockIcon size={16} /> We deliver from neighbourhood dark stores in minutes.
        </p>
        <TextField
          label="Postal code"
          name="postal_code"
          autoComplete="postal-code"
          inputMode="text"
          placeholder="e.g. 10001"
          value={code}
          maxLength={20}
          onChange={(e) => setCode(e.target.value)}
          error={invalid ?? undefined}
          autoFocus
        />
        {outOfArea && (
          <div role="alert" className="rounded-xl border border-amber-200 bg-amber-50 px-3 py-3 text-sm">
            <p className="font-bold text-amber-900">We don’t deliver to {outOfArea} yet</p>
            <p className="mt-0.5 text-amber-800">
              You can still browse the catalog. Try another postal code to see delivery times.
            </p>
          </div>
        )}
        {error && <InlineError>{error}</InlineError>}
        <Button type="submit" size="lg" className="w-full" loading={busy}>
          Check delivery
        </Button>
      </form>
    </Dialog>
  );
}
