import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ProductDetail, Variant } from '../../features/catalog/types';
import { locationStore } from '../../features/location/location-store';
import { mockApi, renderApp } from '../../test/app';
import { STORE } from '../../test/fixtures';
import ProductPage from './product';

const PRODUCT = '2c4e6a80-0000-4000-8000-000000000001';

const variant = (id: string, name: string, in_stock: boolean | null, is_default = false): Variant => ({
  id,
  sku: `TEE-${name}`,
  name,
  options: { Size: name },
  price_cents: 1200,
  sale_price_cents: null,
  effective_price_cents: 1200,
  discount_percent: 0,
  is_default,
  position: 0,
  weight_grams: null,
  status: 'active',
  in_stock,
});

function product(store: string | null): ProductDetail {
  const atStore = (inStock: boolean) => (store ? inStock : null);
  return {
    id: PRODUCT,
    slug: 'sized-tee',
    name: 'Sized Tee',
    sku: 'TEE-S',
    short_description: null,
    description: null,
    brand: null,
    tags: [],
    attributes: {},
    unit: null,
    weight_grams: null,
    dimensions: null,
    is_digital: false,
    status: 'active',
    is_featured: false,
    seo_title: null,
    seo_description: null,
    category_id: '2c4e6a80-0000-4000-8000-0000000000c1',
    currency: 'USD',
    price_cents: 1200,
    sale_price_cents: null,
    effective_price_cents: 1200,
    discount_percent: 0,
    in_stock: true,
    rating: { average: 0, count: 0, distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } },
    options: [{ name: 'Size', values: ['S', 'L'] }],
    main_image: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    variants: [
      variant('2c4e6a80-0000-4000-8000-0000000000a1', 'S', atStore(true), true),
      variant('2c4e6a80-0000-4000-8000-0000000000a2', 'L', atStore(false)),
    ],
    images: [],
    category: null,
  };
}

describe('product page', () => {
  it("marks the variants the shopper's store cannot sell and will not add them", async () => {
    localStorage.setItem('cw.store', `10011:${STORE}`);
    locationStore.set('10011');
    const api = mockApi({
      'GET /api/v1/products/slug/{slug}': (c) => product(c.query.get('store')),
      'GET /api/v1/products/{id}/related': () => [],
      'GET /api/v1/products/{id}/bought-together': () => [],
      'GET /api/v1/products/{productId}/reviews': () => ({
        items: [],
        page: 1,
        per_page: 5,
        total: 0,
        total_pages: 0,
        summary: { average: 0, count: 0, distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } },
      }),
      'GET /api/v1/stores/resolve': () => ({
        postal_code: '10011',
        eta_minutes: 12,
        warehouse: {
          id: STORE,
          code: 'DS-NORTH',
          name: 'Cartwheel North',
          address: { line1: '1 Main St', city: 'Springfield', postal_code: '10011', country: 'US' },
        },
      }),
      'GET /api/v1/cart': () => null,
    });
    renderApp(<ProductPage />, { path: '/p/sized-tee', route: '/p/:slug' });

    const sizes = await screen.findByRole('radiogroup');
    expect(api.to('GET /api/v1/products/slug/{slug}')[0]?.query.get('store')).toBe(STORE);
    expect(within(sizes).getByRole('radio', { name: /L.*Out of stock/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add Sized Tee (S) to cart' })).toBeEnabled();

    await userEvent.click(within(sizes).getByRole('radio', { name: /^L/ }));
    expect(screen.getByRole('button', { name: 'Sized Tee (L) is out of stock' })).toBeDisabled();
    expect(screen.getByText('Out of stock — check back soon')).toBeInTheDocument();
  });
});
