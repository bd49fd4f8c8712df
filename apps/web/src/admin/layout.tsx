import { useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { Link, NavLink, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import {
  BagIcon,
  CardIcon,
  ChevronDown,
  CloseIcon,
  GridIcon,
  ReceiptIcon,
  StarIcon,
  TagIcon,
  TruckIcon,
} from '../components/icons';
import { useLogout } from '../features/auth/api/logout';
import { cn } from '../lib/format';
import { displayName, useSession } from '../lib/session';
import {
  BoxIcon,
  CogIcon,
  DashboardIcon,
  ExternalIcon,
  LogoutIcon,
  MailIcon,
  MenuIcon,
  PercentIcon,
  RefundIcon,
  ShieldIcon,
  StoreIcon,
  UsersIcon,
} from './components/icons';

type NavItem = {
  to: string;
  label: string;
  icon: ComponentType<{ size?: number }>;
  end?: boolean;
  /** The server lets admins only (staff would get 403). */
  adminOnly?: boolean;
};

const NAV: { heading?: string; items: NavItem[] }[] = [
  { items: [{ to: '/admin', label: 'Dashboard', icon: DashboardIcon, end: true }] },
  {
    heading: 'Sales',
    items: [
      { to: '/admin/orders', label: 'Orders', icon: ReceiptIcon },
      { to: '/admin/deliveries', label: 'Deliveries', icon: TruckIcon },
      { to: '/admin/payments', label: 'Payments', icon: CardIcon },
      { to: '/admin/refunds', label: 'Refunds', icon: RefundIcon },
      { to: '/admin/fraud', label: 'Fraud holds', icon: ShieldIcon },
      { to: '/admin/coupons', label: 'Coupons', icon: TagIcon },
      { to: '/admin/tax-rates', label: 'Tax rates', icon: PercentIcon },
    ],
  },
  {
    heading: 'Catalog',
    items: [
      { to: '/admin/products', label: 'Products', icon: BagIcon },
      { to: '/admin/categories', label: 'Categories', icon: GridIcon },
      { to: '/admin/inventory', label: 'Inventory', icon: BoxIcon },
      { to: '/admin/reviews', label: 'Reviews', icon: StarIcon },
    ],
  },
  {
    heading: 'Operations',
    items: [
      { to: '/admin/warehouses', label: 'Dark stores', icon: StoreIcon },
      { to: '/admin/users', label: 'Users', icon: UsersIcon },
      { to: '/admin/jobs', label: 'Jobs', icon: CogIcon },
      { to: '/admin/mailbox', label: 'Mailbox', icon: MailIcon, adminOnly: true },
    ],
  },
];

function Nav({ onNavigate }: { onNavigate?: () => void }) {
  const { user } = useSession();
  const isAdmin = user?.role === 'admin';
  return (
    <nav aria-label="Admin" className="flex-1 overflow-y-auto px-3 py-3">
      {NAV.map((group, i) => (
        <div key={i} className="mb-4">
          {group.heading && (
            <div className="px-2 pb-1 text-[11px] font-semibold tracking-wider text-gray-500 uppercase">
              {group.heading}
            </div>
          )}
          <ul className="space-y-0.5">
            {group.items
              .filter((item) => isAdmin || !item.adminOnly)
              .map(({ to, label, icon: Icon, end }) => (
                <li key={to}>
                  <NavLink
                    to={to}
                    end={end}
                    onClick={onNavigate}
                    className={({ isActive }) =>
                      cn(
                        'flex items-center gap-2.5 rounded-lg px-2 py-1.5 text-sm font-medium',
                        isActive
                          ? 'bg-white text-ink shadow-card ring-1 ring-line'
                          : 'text-gray-700 hover:bg-black/5',
                      )
                    }
                  >
                    <Icon size={17} />
                    {label}
                  </NavLink>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

function Brand() {
  return (
    <Link to="/admin" className="flex items-center gap-2 px-5 py-4" aria-label="Cartwheel admin home">
      <img src="/favicon.svg" alt="" width={28} height={28} className="h-7 w-7" />
      <span className="font-black tracking-tight text-brand-700">cartwheel</span>
      <span className="rounded bg-gray-800 px-1.5 py-0.5 text-[10px] font-bold tracking-wide text-white uppercase">
        Admin
      </span>
    </Link>
  );
}

/** Name, role and the ways out: the storefront and signing out. */
function UserMenu() {
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const logout = useLogout();
  const navigate = useNavigate();
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  if (!user) return null;
  const initials = (user.first_name?.[0] ?? user.email[0] ?? '?').toUpperCase();
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex h-9 items-center gap-2 rounded-lg px-1.5 text-sm hover:bg-black/5"
      >
        <span className="flex h-7 w-7 items-center justify-center rounded-full bg-brand-600 text-xs font-bold text-white">
          {initials}
        </span>
        <span className="hidden text-left leading-tight sm:block">
          <span className="block font-semibold">{displayName(user)}</span>
          <span className="block text-xs text-muted capitalize">{user.role}</span>
        </span>
        <ChevronDown size={16} className="text-muted" />
      </button>
      {open && (
        <div
          role="menu"
          className="absolute right-0 z-40 mt-1 w-56 rounded-xl border border-line bg-white p-1 shadow-float"
        >
          <div className="border-b border-line px-3 py-2 text-xs text-muted">
            Signed in as
            <div className="truncate text-sm font-medium text-ink">{user.email}</div>
          </div>
          <Link
            role="menuitem"
            to="/"
            className="flex items-center gap-2 rounded-lg px-3 py-2 text-sm hover:bg-gray-50"
            onClick={() => setOpen(false)}
          >
            <ExternalIcon size={16} /> View storefront
          </Link>
          <button
            role="menuitem"
            type="button"
            className="flex w-full items-center gap-2 rounded-lg px-3 py-2 text-sm hover:bg-gray-50"
            onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}
          >
            <LogoutIcon size={16} /> Log out
          </button>
        </div>
      )}
    </div>
  );
}

/** Sidebar on desktop; on phones a drawer opened from the top bar (closes on navigation or Escape). */
export function AdminLayout({ children }: { children: ReactNode }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const drawerRef = useRef<HTMLDivElement>(null);
  const [lastPath, setLastPath] = useState(location.pathname);
  if (lastPath !== location.pathname) {
    setLastPath(location.pathname);
    setMenuOpen(false);
  }
  useEffect(() => {
    if (!menuOpen) return;
    drawerRef.current?.querySelector<HTMLElement>('a, button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setMenuOpen(false);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  return (
    <div className="min-h-dvh bg-[#f4f5f6]">
      <a
        href="#admin-main"
        className="sr-only z-50 rounded-lg bg-white px-3 py-2 font-semibold focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <aside className="fixed inset-y-0 left-0 z-30 hidden w-60 flex-col border-r border-line bg-[#ebedef] lg:flex">
        <Brand />
        <Nav />
      </aside>
      {menuOpen && (
        <div className="fixed inset-0 z-40 lg:hidden">
          <div
            className="absolute inset-0 bg-black/40"
            aria-hidden="true"
            onClick={() => setMenuOpen(false)}
          />
          <div
            ref={drawerRef}
            role="dialog"
            aria-modal="true"
            aria-label="Menu"
            className="absolute inset-y-0 left-0 flex w-72 max-w-[85vw] flex-col bg-[#ebedef] shadow-float"
          >
            <div className="flex items-center justify-between pr-3">
              <Brand />
              <button
                type="button"
                onClick={() => setMenuOpen(false)}
                className="rounded-lg p-2 text-muted hover:bg-black/5"
                aria-label="Close menu"
              >
                <CloseIcon size={20} />
              </button>
            </div>
            <Nav onNavigate={() => setMenuOpen(false)} />
          </div>
        </div>
      )}
      <div className="lg:pl-60">
        <header className="sticky top-0 z-20 flex h-14 items-center gap-2 border-b border-line bg-white/95 px-3 backdrop-blur md:px-6">
          <button
            type="button"
            className="rounded-lg p-2 hover:bg-black/5 lg:hidden"
            onClick={() => setMenuOpen(true)}
            aria-label="Open menu"
            aria-expanded={menuOpen}
          >
            <MenuIcon size={20} />
          </button>
          <Link to="/admin" className="font-black tracking-tight text-brand-700 lg:hidden">
            cartwheel <span className="text-xs font-bold text-muted">admin</span>
          </Link>
          <div className="flex-1" />
          <UserMenu />
        </header>
        <main id="admin-main" className="mx-auto w-full max-w-[1400px] px-3 py-5 md:px-6 md:py-6">
          {children}
        </main>
      </div>
      <ScrollRestoration />
    </div>
  );
}
