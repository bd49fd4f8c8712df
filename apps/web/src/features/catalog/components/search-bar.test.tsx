import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderApp } from '../../../test/app';
import { SearchBar } from './search-bar';

const suggestions = {
  categories: [{ id: 'c0000000-0000-4000-8000-000000000001', name: 'Milk & Cream', slug: 'milk-cream' }],
  products: [
    { id: 'p0000000-0000-4000-8000-000000000001', name: 'Whole Milk', slug: 'whole-milk', image: null },
    {
      id: 'p0000000-0000-4000-8000-000000000002',
      name: 'Milk Chocolate',
      slug: 'milk-chocolate',
      image: null,
    },
  ],
};

function setup() {
  const api = mockApi({ 'GET /api/v1/products/suggest': () => suggestions });
  const view = renderApp(<SearchBar />);
  return { ...view, api, input: screen.getByRole('combobox', { name: 'Search products' }) };
}

describe('SearchBar', () => {
  it('asks for suggestions once typing pauses, not on every key', async () => {
    const { api, input } = setup();
    await userEvent.type(input, 'milk');
    expect(await screen.findByRole('listbox', { name: 'Suggestions' })).toBeInTheDocument();
    expect(api.calls.map((c) => c.query.get('q'))).toEqual(['milk']);
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Milk & CreamCategory',
      'Whole Milk',
      'Milk Chocolate',
      'See all results for “milk”',
    ]);
  });

  it('moves through the suggestions with the arrow keys and opens the chosen one with Enter', async () => {
    const { input, router } = setup();
    await userEvent.type(input, 'milk');
    await screen.findByRole('listbox');

    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}');
    const active = screen.getByRole('option', { name: 'Whole Milk' });
    expect(active).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', active.id);

    await userEvent.keyboard('{Enter}');
    expect(router.state.location.pathname).toBe('/p/whole-milk');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });

  it('closes on Escape and searches for the text itself on Enter', async () => {
    const { input, router } = setup();
    await userEvent.type(input, 'milk');
    await screen.findByRole('listbox');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(input).toHaveAttribute('aria-expanded', 'false');

    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/search'));
    expect(router.state.location.search).toBe('?q=milk');
  });
});
