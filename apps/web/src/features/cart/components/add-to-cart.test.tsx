import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { deferred, json, mockApi, problem, renderApp, signIn } from '../../../test/app';
import { cart, ITEM, line, VARIANT } from '../../../test/fixtures';
import { AddToCart } from './add-to-cart';
import { CartLines } from './cart-lines';

const CART_TOKEN = 'g'.repeat(43);

describe('AddToCart', () => {
  it('gets a guest a cart, adds the variant and becomes a stepper with the quantity', async () => {
    const api = mockApi({
      'POST /api/v1/cart/token': () => json({ cart_token: CART_TOKEN }, 201),
      'POST /api/v1/cart/items': () => json(cart([line({ quantity: 1 })])),
    });
    renderApp(<AddToCart variantId={VARIANT} name="Whole Milk" inStock />);

    await userEvent.click(screen.getByRole('button', { name: 'Add Whole Milk to cart' }));

    const group = await screen.findByRole('group', { name: 'Quantity of Whole Milk' });
    expect(group).toHaveTextContent('1');
    const [add] = api.to('POST /api/v1/cart/items');
    expect(add?.body).toEqual({ variant_id: VARIANT, quantity: 1 });
    expect(add?.headers.get('x-cart-token')).toBe(CART_TOKEN);
  });

  it('is disabled and says sold out when the store has none, without calling the server', async () => {
    const api = mockApi({});
    renderApp(<AddToCart variantId={VARIANT} name="Whole Milk" inStock={false} />);
    const button = screen.getByRole('button', { name: 'Whole Milk is out of stock' });
    expect(button).toBeDisabled();
    expect(button).toHaveTextContent('Sold out');
    await userEvent.click(button);
    expect(api.calls).toHaveLength(0);
  });

  it('shows a step at once and rolls it back with the reason when the server refuses', async () => {
    signIn();
    const refusal = deferred();
    mockApi({
      'GET /api/v1/cart': () => cart([line({ quantity: 1 })]),
      'POST /api/v1/cart/items/{item_id}/increment': () => refusal.promise,
    });
    renderApp(<AddToCart variantId={VARIANT} name="Whole Milk" inStock />);
    const group = await screen.findByRole('group', { name: 'Quantity of Whole Milk' });

    await userEvent.click(screen.getByRole('button', { name: 'Add one more Whole Milk' }));
    // Optimistic: the new quantity shows while the request is still out.
    expect(group).toHaveTextContent('2');

    refusal.resolve(problem(409, 'Only 1 left at Cartwheel Central', { code: 'INSUFFICIENT_STOCK' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Only 1 left at Cartwheel Central');
    expect(group).toHaveTextContent('1');
  });
});

describe('CartLines', () => {
  it('stops the + at what the store has and removes a line when asked', async () => {
    signIn();
    const removal = deferred();
    const api = mockApi({
      'GET /api/v1/cart': () => cart([line({ quantity: 3, available: 3 })]),
      'DELETE /api/v1/cart/items/{item_id}': () => removal.promise,
    });
    const full = cart([line({ quantity: 3, available: 3 })]);
    renderApp(<CartLines cart={full} />);

    expect(screen.getByRole('button', { name: 'Add one more Whole Milk' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Remove one Whole Milk' })).toBeEnabled();

    await userEvent.click(screen.getByRole('button', { name: 'Remove Whole Milk from cart' }));
    await waitFor(() => expect(api.to('DELETE /api/v1/cart/items/{item_id}')).toHaveLength(1));
    expect(api.to('DELETE /api/v1/cart/items/{item_id}')[0]?.path).toBe(`/api/v1/cart/items/${ITEM}`);
    removal.resolve(json(cart([])));
  });
});
