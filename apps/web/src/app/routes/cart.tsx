import { useNavigate } from 'react-router';
import { ButtonLink } from '../../components/button';
import { ErrorState, PageLoader } from '../../components/states';
import { useCart } from '../../features/cart/api/get-cart';
import { CartBill, CartItems, CheckoutButton, EmptyCart } from '../../features/cart/components/cart-drawer';
import { usePageTitle } from '../components/page-title';

/** The cart as a page (links, no-JS-drawer fallback, and the PWA's cart shortcut). */
export default function CartPage() {
  usePageTitle('My cart');
  const { data: cart, isPending, error, refetch } = useCart();
  const navigate = useNavigate();
  if (isPending) return <PageLoader />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!cart || !cart.items.length)
    return <EmptyCart action={<ButtonLink to="/">Start shopping</ButtonLink>} />;
  const checkout = <CheckoutButton cart={cart} onClick={() => navigate('/checkout')} />;
  // Phones: one column with the way out pinned to the bottom. Wider: the lines, and beside them
  // the bill with the way out, kept in view while the list scrolls.
  return (
    <div className="mx-auto max-w-2xl px-4 py-6 md:max-w-5xl">
      <h1 className="mb-4 text-2xl font-extrabold tracking-tight">My cart</h1>
      <div className="grid gap-4 md:grid-cols-[1fr_360px] md:items-start md:gap-6">
        <section aria-label="Items" className="rounded-2xl border border-line bg-white p-4 md:p-5">
          <CartItems cart={cart} />
        </section>
        <aside
          aria-label="Bill"
          className="space-y-4 rounded-2xl border border-line bg-white p-4 md:sticky md:top-24 md:p-5"
        >
          <CartBill cart={cart} />
          <div className="hidden md:block">{checkout}</div>
        </aside>
      </div>
      <div className="sticky bottom-0 mt-4 bg-canvas py-3 pb-safe md:hidden">{checkout}</div>
    </div>
  );
}
