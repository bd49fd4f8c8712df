import { createCartwheelClient, type CartwheelClientOptions, type Problem } from '@cartwheel/client';
import { session } from './session';

export type { BodyOf, QueryOf, ResponseOf } from '@cartwheel/client';

export type FieldError = NonNullable<Problem['errors']>[number];

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

/** Empty filters (a cleared search box) are left out rather than sent as `q=`. */
function serializeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  return params.toString();
}

/**
 * Sends a request; when a signed-in call comes back 401 (the token was revoked or rotated
 * elsewhere), refreshes the session once and sends it again with the new token.
 */
async function fetchWithRefresh(request: Request): Promise<Response> {
  const sent = request.headers.get('authorization');
  if (!sent) return fetch(request);
  // A body can be read only once: keep a copy for the retry.
  const retry = request.clone();
  const res = await fetch(request);
  if (res.status !== 401) return res;
  const token = await session.refresh(sent.replace(/^Bearer /, ''));
  if (!token) return res;
  retry.headers.set('authorization', `Bearer ${token}`);
  return fetch(retry);
}

const fetchOptions: CartwheelClientOptions['fetchOptions'] = {
  fetch: fetchWithRefresh,
  querySerializer: serializeQuery,
  headers: { accept: 'application/json' },
};

/**
 * The one way the app talks to the API: the typed client generated from the server's OpenAPI
 * document, so paths, parameters, bodies and responses are checked at compile time. It only
 * transports; no UI decisions happen here. The app is served by the API, so the base URL is ''.
 */
export const api = createCartwheelClient({
  baseUrl: '',
  getAccessToken: () => session.accessToken(),
  fetchOptions,
});

/**
 * The same client without the access token, for public reads and for signing in: staff browsing
 * the storefront see what shoppers see (the catalog shows staff drafts), and those pages stay cached.
 */
export const publicApi = createCartwheelClient({ baseUrl: '', fetchOptions });

function toError(error: unknown, res: Response): ApiError {
  // problem+json, unless something between here and the server answered instead (a proxy, a 502 page).
  const p: Partial<Problem> = typeof error === 'object' && error !== null ? error : {};
  return new ApiError(
    res.status,
    p.code ?? 'ERROR',
    p.detail || p.title || res.statusText || `Request failed (${res.status})`,
    p.errors,
    Number(res.headers.get('retry-after')) || undefined,
  );
}

type Result = { data?: unknown; error?: unknown; response: Response };
/** What a call gives back when it succeeds (openapi-fetch's success branch). */
type DataOf<R> = R extends { data: infer D; error?: never } ? D : never;

/**
 * The data of a successful call, or an ApiError: the problem+json body of a refusal, or
 * NETWORK when the server could not be reached. A 204 gives undefined.
 */
export async function unwrap<R extends Result>(call: Promise<R>): Promise<DataOf<R>> {
  let result: R;
  try {
    result = await call;
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'Could not reach Cartwheel. Check your connection and try again.');
  }
  if (!result.response.ok) throw toError(result.error, result.response);
  return result.data as DataOf<R>;
}

/** Sends a body as multipart/form-data (uploads); fields left undefined are left out. */
export function formData(body: Record<string, string | Blob | undefined>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(body)) if (value !== undefined) form.set(key, value);
  return form;
}
