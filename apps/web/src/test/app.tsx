import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { expect, onTestFinished, vi } from 'vitest';
import { ToastProvider } from '../components/toast';
import { createQueryClient } from '../lib/query-client';
import { session, type TokenResponse } from '../lib/session';

/** One request the app sent, as the server would see it. */
export type Call = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
};

/** A route's answer: a Response, or any other value sent as a 200 JSON body. */
type Handler = (call: Call) => unknown;

export const json = (body: unknown, status = 200) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/** An RFC 9457 refusal, as the server sends them. */
export const problem = (
  status: number,
  detail: string,
  extra: { code?: string; errors?: { field: string; message: string }[] } = {},
  headers: Record<string, string> = {},
) =>
  new Response(JSON.stringify({ status, title: detail, detail, code: extra.code ?? 'ERROR', ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

/** A response the test releases when it wants (to look at the screen while a request is in flight). */
export function deferred() {
  let resolve!: (r: Response) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<Response>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const matches = (route: string, call: Call) => {
  const [method, pattern] = route.split(' ') as [string, string];
  const re = new RegExp(`^${pattern.replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return method === call.method && re.test(call.path);
};

/**
 * Answers the app's requests at `fetch`, whichever client sends them. Routes are keyed
 * "METHOD /api/v1/path/{param}"; a request no route answers fails the test.
 */
export function mockApi(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const unrouted: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(new URL(String(input), location.href), init);
    const url = new URL(req.url);
    const text = await req.clone().text();
    const call: Call = {
      method: req.method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    calls.push(call);
    const route = Object.keys(routes).find((k) => matches(k, call));
    if (!route) {
      unrouted.push(`${call.method} ${call.path}`);
      return problem(501, `No mock for ${call.method} ${call.path}`);
    }
    const answer = await routes[route]!(call);
    return answer instanceof Response ? answer : json(answer);
  });
  vi.stubGlobal('fetch', fetch);
  onTestFinished(() => expect(unrouted, 'requests no mock answered').toEqual([]));
  return {
    calls,
    /** The calls to one route ("METHOD /path/{param}"). */
    to: (route: string) => calls.filter((c) => matches(route, c)),
  };
}

/**
 * Renders a screen as the app does (query client, toasts, router) at `path`. Returns the router,
 * so a test can read the URL the screen navigated to.
 */
export function renderApp(
  ui: ReactNode,
  { path = '/', route = '*' }: { path?: string; route?: string } = {},
) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({
    queries: { ...queryClient.getDefaultOptions().queries, retry: false },
  });
  const router = createMemoryRouter([{ path: route, element: ui }], { initialEntries: [path] });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>,
  );
  return { ...view, router, queryClient };
}

export const testUser: TokenResponse['user'] = {
  id: '0b0d3a52-6a43-4c55-9a38-1f1d4c3b2a10',
  email: 'ada@example.com',
  username: null,
  first_name: 'Ada',
  last_name: 'Lovelace',
  phone: null,
  date_of_birth: null,
  role: 'customer',
  email_verified: true,
  marketing_opt_in: false,
  notification_prefs: { order_updates: true, promotions: false, sms: false },
  created_at: '2026-01-01T00:00:00.000Z',
};

/** Signs a shopper in for this test (signed out again when it ends). */
export function signIn() {
  session.signIn({
    access_token: 'access-token',
    token_type: 'Bearer',
    expires_in: 900,
    refresh_token: 'refresh-token',
    refresh_expires_at: '2099-01-01T00:00:00.000Z',
    user: testUser,
  });
  onTestFinished(() => session.signOut());
}
