import { lazy, Suspense } from 'react';
import { Navigate, useLocation, useRoutes, type RouteObject } from 'react-router';
import { PageLoader } from '../components/states';
import { useSession } from '../lib/session';
import { AdminLayout } from './layout';
import { NoAccess } from './screens/no-access';

// Each screen is its own chunk: opening the console loads the shell and the screen shown.
const Dashboard = lazy(() => import('./screens/dashboard'));
const Products = lazy(() => import('./screens/products'));
const ProductEdit = lazy(() => import('./screens/product-edit'));
const ProductImport = lazy(() => import('./screens/product-import'));
const Categories = lazy(() => import('./screens/categories'));
const Inventory = lazy(() => import('./screens/inventory'));
const Orders = lazy(() => import('./screens/orders'));
const OrderDetail = lazy(() => import('./screens/order-detail'));
const Deliveries = lazy(() => import('./screens/deliveries'));
const Coupons = lazy(() => import('./screens/coupons'));
const TaxRates = lazy(() => import('./screens/tax-rates'));
const Reviews = lazy(() => import('./screens/reviews'));
const Users = lazy(() => import('./screens/users'));
const Jobs = lazy(() => import('./screens/jobs'));
const Warehouses = lazy(() => import('./screens/warehouses'));
const Payments = lazy(() => import('./screens/payments'));
const PaymentDetail = lazy(() => import('./screens/payment-detail'));
const Refunds = lazy(() => import('./screens/refunds'));
const FraudHolds = lazy(() => import('./screens/fraud'));
const Mailbox = lazy(() => import('./screens/mailbox'));

// A route table (useRoutes) rather than <Routes>: the storefront bundle already carries its code.
const SCREENS: RouteObject[] = [
  { index: true, element: <Dashboard /> },
  { path: 'products', element: <Products /> },
  { path: 'products/new', element: <ProductEdit /> },
  { path: 'products/import', element: <ProductImport /> },
  { path: 'products/:id', element: <ProductEdit /> },
  { path: 'categories', element: <Categories /> },
  { path: 'inventory', element: <Inventory /> },
  { path: 'orders', element: <Orders /> },
  { path: 'orders/:id', element: <OrderDetail /> },
  { path: 'deliveries', element: <Deliveries /> },
  { path: 'coupons', element: <Coupons /> },
  { path: 'tax-rates', element: <TaxRates /> },
  { path: 'reviews', element: <Reviews /> },
  { path: 'users', element: <Users /> },
  { path: 'jobs', element: <Jobs /> },
  { path: 'warehouses', element: <Warehouses /> },
  { path: 'payments', element: <Payments /> },
  { path: 'payments/:id', element: <PaymentDetail /> },
  { path: 'refunds', element: <Refunds /> },
  { path: 'fraud', element: <FraudHolds /> },
  { path: 'mailbox', element: <Mailbox /> },
  { path: 'mailbox/:id', element: <Mailbox /> },
  { path: '*', element: <NotFound /> },
];

/** `/admin/*`: staff and admins only; everyone else is told so (or sent to sign in). */
export default function AdminApp() {
  const { user } = useSession();
  const location = useLocation();
  const screens = useRoutes(SCREENS);
  if (!user)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (user.role !== 'staff' && user.role !== 'admin') return <NoAccess user={user} />;
  return (
    <AdminLayout>
      <Suspense fallback={<PageLoader />}>{screens}</Suspense>
    </AdminLayout>
  );
}

function NotFound() {
  return (
    <div className="py-20 text-center">
      <h1 className="text-xl font-bold">Page not found</h1>
      <p className="mt-1 text-sm text-muted">There is no such page in the console.</p>
    </div>
  );
}
