import { describe, expect, it } from 'vitest';
import type { Cart, CartItem } from '../types';
import { predicted } from './update-cart';

const item = (id: string, quantity: number): CartItem => ({
  id,
  variant_id: `v-${id}`,
  product_id: `p-${id}`,
  product_slug: id,
  name: id,
  variant_name: null,
  sku: null,
  image_url: null,
  unit: null,
  unit_price_cents: 100,
  compare_at_price_cents: null,
  quantity,
  line_subtotal_cents: 100 * quantity,
  available: 10,
  warning: null,
});

const cart = { items: [item('a', 1), item('b', 3)] } as Cart;
const qty = (c: Cart | undefined) => Object.fromEntries((c?.items ?? []).map((i) => [i.id, i.quantity]));

describe('optimistic cart updates', () => {
  it('steps, sets and removes lines; a line at zero disappears', () => {
    expect(qty(predicted(cart, { kind: 'step', itemId: 'b', by: 1 }))).toEqual({ a: 1, b: 4 });
    expect(qty(predicted(cart, { kind: 'step', itemId: 'a', by: -1 }))).toEqual({ b: 3 });
    expect(qty(predicted(cart, { kind: 'set', itemId: 'b', quantity: 7 }))).toEqual({ a: 1, b: 7 });
    expect(qty(predicted(cart, { kind: 'remove', itemId: 'a' }))).toEqual({ b: 3 });
  });

  it('does not guess what only the server knows (a new line, an emptied cart)', () => {
    expect(predicted(cart, { kind: 'add', variantId: 'v-c' })).toBeUndefined();
    expect(predicted(cart, { kind: 'clear' })).toBeUndefined();
    expect(cart.items.map((i) => i.quantity)).toEqual([1, 3]);
  });
});
