import { session } from './session';

export type FieldError = { field: string; message: string };

/** A failed API call: the problem+json body (RFC 9457) the server sends, or a network failure. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly errors: FieldError[] = [],
    public readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message for one form field (`body.email` or `email`), if the server named it. */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === field || e.field === `body.${field}`)?.message;
  }
}

export const isApiError = (err: unknown, status?: number): err is ApiError =>
  err instanceof ApiError && (status === undefined || err.status === status);

type Query = Record<string, string | number | boolean | undefined | null | string[]>;

export type ApiOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Send the signed-in user's access token (default true). */
  auth?: boolean;
};

export const API_BASE = '/api/v1';

export function toQueryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function toError(res: Response): Promise<ApiError> {
  const retryAfter = Number(res.headers.get('retry-after')) || undefined;
  try {
    const body = (await res.json()) as {
      code?: string;
      detail?: string;
      title?: string;
      errors?: FieldError[];
    };
    return new ApiError(
      res.status,
      body.code ?? 'ERROR',
      body.detail ?? body.title ?? res.statusText,
      body.errors,
      retryAfter,
    );
  } catch {
    return new ApiError(
      res.status,
      'ERROR',
      res.statusText || `Request failed (${res.status})`,
      [],
      retryAfter,
    );
  }
}

/**
 * The one way the app talks to the API. It only transports: JSON in and out, the access token
 * (refreshed when it expires), and errors turned into ApiError. No UI decisions happen here.
 */
export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const url = `${API_BASE}${path}${toQueryString(opts.query)}`;
  // Uploads (FormData, or a Blob such as a CSV file) go as they are; the browser sets their type.
  const raw = opts.body instanceof FormData || opts.body instanceof Blob;
  const send = (token: string | null) =>
    fetch(url, {
      method: opts.method ?? 'GET',
      signal: opts.signal,
      headers: {
        accept: 'application/json',
        ...(opts.body !== undefined && !raw ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...opts.headers,
      },
      body: raw ? (opts.body as BodyInit) : opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    });

  let res: Response;
  try {
    let token = opts.auth === false ? null : await session.accessToken();
    res = await send(token);
    // The token may have been revoked or rotated elsewhere: refresh once and retry.
    if (res.status === 401 && token) {
      token = await session.refresh(token);
      if (token) res = await send(token);
    }
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'Could not reach Cartwheel. Check your connection and try again.');
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export type Page<T> = { items: T[]; page: number; per_page: number; total: number; total_pages: number };
