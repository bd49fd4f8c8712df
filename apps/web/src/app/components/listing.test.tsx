import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { locationStore } from '../../features/location/location-store';
import { mockApi, renderApp } from '../../test/app';
import { productCard, searchResult, STORE, VARIANT } from '../../test/fixtures';
import SearchPage from '../routes/search';

function setup(path: string) {
  const api = mockApi({
    'GET /api/v1/products': (c) => searchResult([productCard()], Number(c.query.get('page') ?? 1)),
    'GET /api/v1/stores/resolve': () => ({
      postal_code: '10011',
      eta_minutes: 12,
      warehouse: {
        id: STORE,
        code: 'DS-NORTH',
        name: 'Cartwheel North',
        address: { line1: '200 North Avenue', city: 'Springfield', postal_code: '10011', country: 'US' },
      },
    }),
    'GET /api/v1/cart': () => null,
  });
  const view = renderApp(<SearchPage />, { path });
  const lastSearch = () => api.to('GET /api/v1/products').at(-1)!.query;
  const filters = () => within(screen.getByRole('complementary', { name: 'Filters' }));
  const url = () => new URLSearchParams(view.router.state.location.search);
  return { ...view, api, lastSearch, filters, url };
}

describe('product listing', () => {
  it('reads its filters from the URL and asks for them at the shopper’s store', async () => {
    // A returning shopper: the store last resolved for this postal code is remembered.
    localStorage.setItem('cw.store', `10011:${STORE}`);
    locationStore.set('10011');
    const { lastSearch, api } = setup('/search?q=milk&brand=Acme,Dairyland&min_price=0&max_price=200&page=2');
    expect(await screen.findByText('Whole Milk')).toBeInTheDocument();
    expect(Object.fromEntries(lastSearch())).toEqual({
      q: 'milk',
      brand: 'Acme,Dairyland',
      min_price: '0',
      max_price: '200',
      page: '2',
      per_page: '24',
      store: STORE,
    });
    // Never "in stock anywhere" first while the store is looked up again.
    expect(api.to('GET /api/v1/products').every((c) => c.query.get('store') === STORE)).toBe(true);
  });

  it('writes each filter change to the URL and starts again from page 1', async () => {
    locationStore.set(null);
    const { filters, url, lastSearch } = setup('/search?q=milk&page=2');
    await screen.findByText('Whole Milk');
    expect(lastSearch().has('store')).toBe(false);

    await userEvent.click(filters().getByRole('checkbox', { name: 'In stock only' }));
    await waitFor(() => expect(url().get('in_stock')).toBe('1'));
    expect(url().has('page')).toBe(false);
    await waitFor(() => expect(lastSearch().get('in_stock')).toBe('true'));

    await userEvent.click(filters().getByRole('checkbox', { name: /Dairyland/ }));
    await waitFor(() => expect(url().get('brand')).toBe('Dairyland'));
    expect(screen.getByTestId('result-count')).toHaveTextContent('1 product');

    await userEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect([...url().keys()]).toEqual(['q']));
  });

  it('marks a card sold out when the store cannot sell it', async () => {
    locationStore.set(null);
    mockApi({
      'GET /api/v1/products': () =>
        searchResult([productCard({ in_stock: false, default_variant_id: VARIANT })]),
      'GET /api/v1/cart': () => null,
    });
    renderApp(<SearchPage />, { path: '/search?q=milk' });
    expect(await screen.findByRole('button', { name: 'Whole Milk is out of stock' })).toBeDisabled();
  });
});
