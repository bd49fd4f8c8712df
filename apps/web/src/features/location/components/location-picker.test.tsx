import { renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../../lib/query-client';
import { deferred, json, mockApi, problem, renderApp } from '../../../test/app';
import { STORE } from '../../../test/fixtures';
import { locationStore } from '../location-store';
import { useShopperStoreId } from '../shopper-store';
import { LocationDialog } from './location-picker';

const resolved = (postal_code: string, id = STORE) => ({
  postal_code,
  eta_minutes: 12,
  warehouse: {
    id,
    code: 'DS-NORTH',
    name: 'Cartwheel North',
    address: { line1: '200 North Avenue', city: 'Springfield', postal_code: '10011', country: 'US' },
  },
});

describe('LocationDialog', () => {
  it('says plainly when nobody delivers to a postal code, and keeps the old one', async () => {
    locationStore.set('10011');
    mockApi({
      'GET /api/v1/stores/resolve': () =>
        problem(404, "We don't deliver to this postal code yet", { code: 'NOT_SERVICEABLE' }),
    });
    const onChosen = vi.fn();
    renderApp(<LocationDialog open onClose={() => {}} onChosen={onChosen} />);

    const field = screen.getByLabelText('Postal code');
    await userEvent.clear(field);
    await userEvent.type(field, '99999');
    await userEvent.click(screen.getByRole('button', { name: 'Check delivery' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('We don’t deliver to 99999 yet');
    expect(onChosen).not.toHaveBeenCalled();
    expect(locationStore.get()).toBe('10011');
  });

  it('remembers a served postal code (upper-cased) and hands it back', async () => {
    locationStore.set(null);
    const api = mockApi({ 'GET /api/v1/stores/resolve': (c) => resolved(c.query.get('postal_code')!) });
    const onChosen = vi.fn();
    renderApp(<LocationDialog open onClose={() => {}} onChosen={onChosen} />);

    await userEvent.click(screen.getByRole('button', { name: 'Check delivery' }));
    expect(screen.getByText('Enter a postal code')).toBeInTheDocument();
    expect(api.calls).toHaveLength(0);

    await userEvent.type(screen.getByLabelText('Postal code'), 'sw1a1aa ');
    await userEvent.click(screen.getByRole('button', { name: 'Check delivery' }));
    await waitFor(() => expect(onChosen).toHaveBeenCalledWith('SW1A1AA'));
    expect(locationStore.get()).toBe('SW1A1AA');
  });
});

describe('useShopperStoreId', () => {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={createQueryClient()}>{children}</QueryClientProvider>
  );

  it('is the serving store, remembered so a returning shopper need not wait for the lookup', async () => {
    locationStore.set('10011');
    const lookup = deferred();
    mockApi({ 'GET /api/v1/stores/resolve': () => lookup.promise });
    const first = renderHook(useShopperStoreId, { wrapper });
    expect(first.result.current).toBeUndefined();
    lookup.resolve(json(resolved('10011')));
    await waitFor(() => expect(first.result.current).toBe(STORE));
    first.unmount();

    // Next visit: the lookup is still out, yet the store is known at once.
    const again = deferred();
    mockApi({ 'GET /api/v1/stores/resolve': () => again.promise });
    const next = renderHook(useShopperStoreId, { wrapper });
    expect(next.result.current).toBe(STORE);
    again.resolve(json(resolved('10011')));
  });

  it('is no store without a postal code, for another postal code, or where nobody delivers', async () => {
    locationStore.set(null);
    mockApi({
      'GET /api/v1/stores/resolve': () => problem(404, 'Not serviceable', { code: 'NOT_SERVICEABLE' }),
    });
    expect(renderHook(useShopperStoreId, { wrapper }).result.current).toBeUndefined();

    localStorage.setItem('cw.store', `10011:${STORE}`);
    locationStore.set('99999');
    const other = renderHook(useShopperStoreId, { wrapper });
    expect(other.result.current).toBeUndefined();
    await waitFor(() => expect(other.result.current).toBeUndefined());
  });
});
