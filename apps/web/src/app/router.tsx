import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout, BareLayout } from './layout';
import { RouteError } from './routes/route-error';

/** Every screen is its own chunk, loaded when first visited (route-level code splitting). */
const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({
  Component: (await load()).default,
});

export const router = createBrowserRouter([
  // Back office and rider view: own layouts and route trees, loaded only when opened.
  { path: 'admin/*', ErrorBoundary: RouteError, lazy: page(() => import('../admin/admin-app')) },
  { path: 'rider/*', ErrorBoundary: RouteError, lazy: page(() => import('../rider/rider-app')) },
  {
    Component: AppLayout,
    ErrorBoundary: RouteError,
    children: [
      { index: true, lazy: page(() => import('./routes/home')) },
      { path: 'search', lazy: page(() => import('./routes/search')) },
      { path: 'c/:slug', lazy: page(() => import('./routes/category')) },
      { path: 'p/:slug', lazy: page(() => import('./routes/product')) },
      { path: 'cart', lazy: page(() => import('./routes/cart')) },
      { path: 'checkout', lazy: page(() => import('./routes/checkout')) },
      { path: 'orders', lazy: page(() => import('./routes/orders')) },
      { path: 'orders/:id', lazy: page(() => import('./routes/order')) },
      {
        path: 'account',
        lazy: page(() => import('./routes/account')),
      },
      { path: '*', lazy: page(() => import('./routes/not-found')) },
    ],
  },
  {
    Component: BareLayout,
    ErrorBoundary: RouteError,
    children: [
      { path: 'login', lazy: page(() => import('./routes/login')) },
      { path: 'signup', lazy: page(() => import('./routes/signup')) },
      { path: 'verify-email', lazy: page(() => import('./routes/verify-email')) },
      { path: 'forgot-password', lazy: page(() => import('./routes/forgot-password')) },
      { path: 'reset-password', lazy: page(() => import('./routes/reset-password')) },
    ],
  },
]);
