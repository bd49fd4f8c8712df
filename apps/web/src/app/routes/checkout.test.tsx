import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { deferred, json, mockApi, problem, renderApp, signIn, type Call } from '../../test/app';
import { cart, line } from '../../test/fixtures';
import CheckoutPage from './checkout';

const ADDRESS = '3d7e1f00-0000-4000-8000-0000000000d1';
const ORDER = '3d7e1f00-0000-4000-8000-0000000000e1';

const address = {
  id: ADDRESS,
  label: 'Home',
  full_name: 'Ada Lovelace',
  phone: null,
  line1: '12 Market Street',
  line2: null,
  city: 'Springfield',
  region: null,
  postal_code: '10001',
  country: 'US',
  is_default_shipping: true,
  is_default_billing: true,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};
const cod = { id: 'cod', name: 'Cash on delivery', requires_card: false, accepts_token: false, config: {} };
const sandbox = {
  id: 'sandbox',
  name: 'Card',
  requires_card: true,
  accepts_token: false,
  config: {
    test_mode: true,
    test_cards: [
      { number: '4242424242424242', outcome: 'Succeeds' },
      { number: '4000000000000002', outcome: 'Declined' },
    ],
  },
};

/** The checkout screen for a signed-in shopper with one line, one address and these methods. */
function checkout(methods: unknown[], place: (call: Call) => unknown) {
  signIn();
  const api = mockApi({
    'GET /api/v1/cart': () => cart([line({ quantity: 2 })]),
    'GET /api/v1/auth/me/addresses': () => [address],
    'GET /api/v1/payments/methods': () => methods,
    'POST /api/v1/orders/checkout': place,
  });
  const view = renderApp(<CheckoutPage />, { path: '/checkout' });
  return { ...view, api, placed: () => api.to('POST /api/v1/orders/checkout') };
}

const placeButton = () => screen.findByTestId('place-order');

describe('checkout', () => {
  it('places one order however fast Place order is pressed, then shows it', async () => {
    const answer = deferred();
    const { placed, router } = checkout([cod], () => answer.promise);
    const button = await placeButton();
    await waitFor(() => expect(screen.getByRole('radio', { name: /12 Market Street/ })).toBeChecked());

    act(() => {
      fireEvent.click(button);
      fireEvent.click(button);
    });
    await waitFor(() => expect(placed()).toHaveLength(1));
    fireEvent.click(button);
    expect(button).toHaveTextContent('Placing order…');

    answer.resolve(json({ id: ORDER, payment: null }, 201));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/orders/${ORDER}`));
    expect(placed()).toHaveLength(1);
    expect(placed()[0]?.body).toMatchObject({ shipping_address_id: ADDRESS, payment_method: 'cod' });
  });

  it('retries with the same Idempotency-Key after a network or server failure, never after a refusal', async () => {
    const answers: (() => unknown)[] = [
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => problem(503, 'Service unavailable'),
      () => problem(409, 'Only 1 left', { code: 'INSUFFICIENT_STOCK' }),
      () => json({ id: ORDER, payment: null }, 201),
    ];
    const { placed } = checkout([cod], () => answers.shift()!());
    const button = await placeButton();
    await waitFor(() => expect(screen.getByRole('radio', { name: /12 Market Street/ })).toBeChecked());

    for (let attempt = 1; attempt <= 4; attempt++) {
      await userEvent.click(button);
      await waitFor(() => expect(placed()).toHaveLength(attempt));
      await waitFor(() => expect(button).toBeEnabled());
    }
    const keys = placed().map((c) => c.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^checkout-/);
    // The same attempt until the server definitely answered it (the 409); then a new one.
    expect(keys.slice(0, 3)).toEqual([keys[0], keys[0], keys[0]]);
    expect(keys[3]).not.toBe(keys[0]);
  });

  it('fills a test card from the hints and names the card field that is wrong before sending', async () => {
    const { placed } = checkout([sandbox], () => json({ id: ORDER, payment: null }, 201));
    const button = await placeButton();
    await waitFor(() => expect(screen.getByRole('radio', { name: /12 Market Street/ })).toBeChecked());

    await userEvent.click(screen.getByText(/Test mode — use a test card/));
    await userEvent.click(screen.getByRole('button', { name: 'Use test card 4000000000000002: Declined' }));
    expect(screen.getByLabelText('Card number')).toHaveValue('4000 0000 0000 0002');

    await userEvent.click(button);
    const expiry = screen.getByLabelText('Expiry (MM / YY)');
    expect(expiry).toHaveAccessibleDescription('Use MM / YY');
    expect(placed()).toHaveLength(0);

    await userEvent.type(expiry, '1239');
    expect(expiry).toHaveValue('12 / 39');
    await userEvent.type(screen.getByLabelText('CVC'), '12a3');
    await userEvent.click(button);
    await waitFor(() => expect(placed()).toHaveLength(1));
    expect(placed()[0]?.body).toMatchObject({
      payment_method: 'sandbox',
      card: { number: '4000000000000002', exp_month: 12, exp_year: 2039, cvc: '123' },
    });
  });

  it("explains a declined card and keeps the shopper's choices", async () => {
    checkout([sandbox], () => problem(402, 'Your card was declined', { code: 'PAYMENT_DECLINED' }));
    const button = await placeButton();
    await waitFor(() => expect(screen.getByRole('radio', { name: /12 Market Street/ })).toBeChecked());
    await userEvent.type(screen.getByLabelText('Card number'), '4000000000000002');
    await userEvent.type(screen.getByLabelText('Expiry (MM / YY)'), '1239');
    await userEvent.type(screen.getByLabelText('CVC'), '123');
    await userEvent.click(button);
    const payment = screen.getByRole('region', { name: /Payment$/ });
    expect(await within(payment).findByText(/Payment declined: Your card was declined/)).toBeInTheDocument();
    expect(screen.getByLabelText('Card number')).toHaveValue('4000 0000 0000 0002');
  });
});
