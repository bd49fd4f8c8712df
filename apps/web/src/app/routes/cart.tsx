import { useNavigate } from 'react-router';
import { ButtonLink } from '../../components/button';
import { ErrorState, PageLoader } from '../../components/states';
import { useCart } from '../../features/cart/api/get-cart';
import { CartContents, CheckoutButton, EmptyCart } from '../../features/cart/components/cart-drawer';
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
  return (
    <div className="mx-auto max-w-2xl px-4 py-6">
      <h1 className="mb-4 text-2xl font-extrabold tracking-tight">My cart</h1>
      <div className="rounded-2xl border border-line bg-white p-4">
        <CartContents cart={cart} />
      </div>
      <div className="sticky bottom-0 mt-4 bg-canvas py-3 pb-safe">
        <CheckoutButton cart={cart} onClick={() => navigate('/checkout')} />
      </div>
    </div>
  );
}
