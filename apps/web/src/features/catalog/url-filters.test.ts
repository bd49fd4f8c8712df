import { describe, expect, it } from 'vitest';
import { activeFilterCount, filtersToParams, parseFilters, withFilter } from './url-filters';

describe('listing filters in the URL', () => {
  it('reads every filter from the query string in API terms', () => {
    const f = parseFilters(
      new URLSearchParams(
        'q=milk&brand=Clover%20Hill,Pure%20Pasture&min_price=100&max_price=500&in_stock=1&rating=4&sort=price_asc&page=3',
      ),
    );
    expect(f).toEqual({
      q: 'milk',
      category: undefined,
      brand: ['Clover Hill', 'Pure Pasture'],
      min_price: 100,
      max_price: 500,
      in_stock: true,
      rating_gte: 4,
      sort: 'price_asc',
      page: 3,
    });
  });

  it('drops malformed values instead of sending them to the server', () => {
    const f = parseFilters(
      new URLSearchParams('min_price=-5&max_price=abc&rating=9&sort=cheapest&page=0&brand=,,&in_stock=yes'),
    );
    expect(f.min_price).toBeUndefined();
    expect(f.max_price).toBeUndefined();
    expect(f.rating_gte).toBeUndefined();
    expect(f.sort).toBeUndefined();
    expect(f.page).toBeUndefined();
    expect(f.brand).toBeUndefined();
    expect(f.in_stock).toBeUndefined();
  });

  it('round-trips through the URL', () => {
    const f = {
      q: 'tea',
      brand: ['A', 'B'],
      min_price: 0,
      in_stock: true as const,
      rating_gte: 3,
      sort: 'rating' as const,
      page: 2,
    };
    expect(parseFilters(filtersToParams(f))).toMatchObject(f);
    expect(filtersToParams({ page: 1 }).toString()).toBe('');
  });

  it('starts from page 1 whenever a filter changes, but keeps an explicit page change', () => {
    const f = { q: 'tea', page: 4 };
    expect(withFilter(f, { in_stock: true }).page).toBeUndefined();
    expect(withFilter(f, { page: 5 }).page).toBe(5);
  });

  it('counts the filters a shopper can clear (not the search words or the sort)', () => {
    expect(activeFilterCount({ q: 'x', sort: 'newest' })).toBe(0);
    expect(
      activeFilterCount({ brand: ['a', 'b'], min_price: 1, max_price: 2, in_stock: true, rating_gte: 4 }),
    ).toBe(5);
  });
});
