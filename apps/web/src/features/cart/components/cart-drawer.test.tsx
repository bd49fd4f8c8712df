import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderApp, signIn } from '../../../test/app';
import { cart, line, totals } from '../../../test/fixtures';
import { cartDrawer } from '../cart-ui';
import { Bill, FreeDeliveryHint } from './bill';
import { CartDrawer } from './cart-drawer';

describe('CartDrawer', () => {
  it("opens on the shopper's cart with its lines, bill and the way to checkout", async () => {
    signIn();
    mockApi({
      'GET /api/v1/cart': () =>
        cart([line({ quantity: 2 })], {
          totals: totals({ subtotal_cents: 598, delivery_fee_cents: 299, tax_cents: 48, total_cents: 945 }),
        }),
    });
    const { router } = renderApp(<CartDrawer />);
    act(() => cartDrawer.open());

    const drawer = await screen.findByRole('dialog', { name: 'My cart' });
    expect(await within(drawer).findAllByTestId('cart-line')).toHaveLength(1);
    expect(within(drawer).getByText('Delivery in 10 minutes')).toBeInTheDocument();
    expect(within(drawer).getByTestId('cart-total')).toHaveTextContent('$9.45');

    await userEvent.click(within(drawer).getByRole('button', { name: /Proceed to checkout/ }));
    expect(router.state.location.pathname).toBe('/checkout');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('will not go to checkout while a line asks for more than the store has', async () => {
    signIn();
    mockApi({
      'GET /api/v1/cart': () =>
        cart([
          line({
            quantity: 4,
            available: 2,
            warning: { code: 'INSUFFICIENT_STOCK', message: 'Only 2 left' },
          }),
        ]),
    });
    renderApp(<CartDrawer />);
    act(() => cartDrawer.open());
    expect(await screen.findByText('Only 2 left')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Fix items above/ })).toBeDisabled();
    act(() => cartDrawer.close());
  });
});

describe('FreeDeliveryHint', () => {
  it('says how much more buys free delivery and shows the progress', () => {
    renderApp(<FreeDeliveryHint totals={totals({ amount_to_free_delivery_cents: 410 })} />);
    expect(screen.getByText('Add $4.10 more for free delivery')).toBeInTheDocument();
    // 1500 threshold, 410 to go: 73% of the way.
    expect(screen.getByRole('progressbar', { name: 'Progress to free delivery' })).toHaveAttribute(
      'aria-valuenow',
      '73',
    );
  });

  it('celebrates once reached and stays away when the store has no free delivery', () => {
    const { unmount } = renderApp(<FreeDeliveryHint totals={totals({ amount_to_free_delivery_cents: 0 })} />);
    expect(screen.getByText('Yay! You get free delivery on this order')).toBeInTheDocument();
    unmount();
    renderApp(<FreeDeliveryHint totals={totals({ free_delivery_threshold_cents: 0 })} />);
    expect(screen.queryByText(/free delivery/i)).not.toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });
});

describe('Bill', () => {
  it('lists the discount with its coupon, free delivery and the total', () => {
    renderApp(
      <Bill
        totals={totals({ discount_cents: 150, delivery_fee_cents: 0, total_cents: 496 })}
        couponCode="WELCOME10"
      />,
    );
    expect(screen.getByText('Discount (WELCOME10)').nextSibling).toHaveTextContent('−$1.50');
    expect(screen.getByText('Delivery fee').nextSibling).toHaveTextContent('FREE');
    expect(screen.getByTestId('cart-total')).toHaveTextContent('$4.96');
  });
});
