import { Suspense, useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, ScrollRestoration, useLocation, useNavigation } from 'react-router';
import { UserIcon } from '../components/icons';
import { PageLoader } from '../components/states';
import { useToast } from '../components/toast';
import { displayName, useSession } from '../lib/session';
import { cn } from '../lib/format';
import { useCart } from '../features/cart/api/get-cart';
import { useLiveCart } from '../features/cart/api/live-cart';
import { useSetCartLocation } from '../features/cart/api/set-location';
import { CartBar, CartButton, CartDrawer } from '../features/cart/components/cart-drawer';
import { SearchBar } from '../features/catalog/components/search-bar';
import { LocationButton } from '../features/location/components/location-picker';
import { locationStore, usePostalCode } from '../features/location/location-store';

function Logo() {
  return (
    <Link to="/" className="flex shrink-0 items-center gap-1.5" aria-label="Cartwheel home">
      <img src="/favicon.svg" alt="" width={32} height={32} className="h-8 w-8" />
      <span className="hidden text-xl font-black tracking-tight text-brand-700 lg:inline">cartwheel</span>
    </Link>
  );
}

/** Keeps the cart's dark store in step with the postal code the shopper picked. */
function useCartFollowsLocation() {
  const postalCode = usePostalCode();
  const { data: cart } = useCart();
  const { mutate: setLocation } = useSetCartLocation();
  const notify = useToast();
  const tried = useRef<string | null>(null);
  useEffect(() => {
    // A cart that already has an address (another device) tells this one where the shopper is.
    if (cart?.postal_code && !postalCode) return locationStore.set(cart.postal_code);
    if (
      !cart ||
      !postalCode ||
      cart.postal_code === postalCode ||
      tried.current === `${cart.id}:${postalCode}`
    )
      return;
    tried.current = `${cart.id}:${postalCode}`;
    setLocation(postalCode, {
      onError: () =>
        notify(`We don’t deliver to ${postalCode} yet — your cart keeps its previous store.`, 'error'),
    });
  }, [cart, postalCode, setLocation, notify]);
}

function Header() {
  const { user } = useSession();
  const location = useLocation();
  const q = location.pathname === '/search' ? (new URLSearchParams(location.search).get('q') ?? '') : '';
  return (
    <header className="sticky top-0 z-30 border-b border-line bg-white/95 backdrop-blur">
      <div className="mx-auto flex max-w-7xl items-center gap-3 px-4 pt-3 pb-2 md:gap-5 md:py-3">
        <Logo />
        <div className="min-w-0 flex-1 md:max-w-60 md:flex-none">
          <LocationButton />
        </div>
        <SearchBar initial={q} className="hidden flex-1 md:block" />
        <NavLink
          to={user ? '/account' : '/login'}
          className="flex h-11 shrink-0 items-center gap-2 rounded-xl px-2 text-sm font-semibold hover:bg-black/5 md:px-3"
          aria-label={user ? `Account: ${displayName(user)}` : 'Log in'}
        >
          <UserIcon size={22} />
          <span className="hidden max-w-28 truncate md:inline">{user ? displayName(user) : 'Login'}</span>
        </NavLink>
        <div className="hidden md:block">
          <CartButton />
        </div>
      </div>
      <div className="px-4 pb-3 md:hidden">
        <SearchBar initial={q} />
      </div>
    </header>
  );
}

function Footer() {
  return (
    <footer className="mt-10 border-t border-line bg-white pb-24 md:pb-0">
      <div className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-8 text-sm text-muted md:flex-row md:items-center md:justify-between">
        <p>
          <span className="font-bold text-ink">Cartwheel</span> — groceries and essentials from your
          neighbourhood dark store, in minutes.
        </p>
        <nav aria-label="Footer" className="flex gap-4">
          <Link to="/orders" className="hover:text-ink">
            My orders
          </Link>
          <Link to="/account" className="hover:text-ink">
            Account
          </Link>
          <a href="/docs" className="hover:text-ink">
            API
          </a>
        </nav>
      </div>
    </footer>
  );
}

/** A thin bar at the top while a lazily loaded screen or its data is on the way. */
function NavigationProgress() {
  const navigation = useNavigation();
  return (
    <div
      aria-hidden="true"
      className={cn(
        'fixed inset-x-0 top-0 z-50 h-0.5 origin-left bg-brand-500 transition-transform duration-500',
        navigation.state === 'loading' ? 'scale-x-75' : 'scale-x-0',
      )}
    />
  );
}

export function AppLayout() {
  useLiveCart();
  useCartFollowsLocation();
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-white px-3 py-2 font-semibold focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <NavigationProgress />
      <Header />
      <main id="main" className="mx-auto w-full max-w-7xl flex-1">
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </main>
      <Footer />
      <CartBar />
      <CartDrawer />
      <ScrollRestoration />
    </div>
  );
}

/** Sign-in screens: no store header, just the card. */
export function BareLayout() {
  return (
    <main id="main" className="min-h-dvh bg-gradient-to-b from-brand-50 to-canvas">
      <Suspense fallback={<PageLoader />}>
        <Outlet />
      </Suspense>
      <ScrollRestoration />
    </main>
  );
}
