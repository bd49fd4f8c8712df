/**
 * The typed Cartwheel API client: openapi-fetch over the types generated from the server's OpenAPI
 * document (src/schema.d.ts, `npm run generate`). Paths, parameters, bodies, responses and the
 * problem+json errors are all checked at compile time:
 *
 *   const api = createCartwheelClient({ baseUrl: 'http://localhost:3000', getAccessToken });
 *   const { data, error } = await api.GET('/api/v1/products/slug/{slug}', { params: { path: { slug } } });
 */
import createClient, {
  type Client,
  type ClientOptions,
  type ClientPathsWithMethod,
  type MethodResponse,
  type Middleware,
  type ParamsOption,
  type RequestBodyOption,
} from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** RFC 9457 problem details: the body of every error response (`code` is stable). */
export type Problem = components['schemas']['Problem'];

/** A value, or a function returning it (read on every request, so it can change over time). */
type Source<T> = T | (() => T | Promise<T>);

export type CartwheelClientOptions = {
  /** Origin of the API, e.g. `http://localhost:3000`; '' in the browser on the same origin. */
  baseUrl: string;
  /** Bearer access token for signed-in calls; nothing is sent while it returns null/undefined. */
  getAccessToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Guest cart token, sent as `X-Cart-Token` (the cart routes return it when they create a cart). */
  cartToken?: Source<string | null | undefined>;
  /** Anything else openapi-fetch accepts (custom fetch, headers, credentials…). */
  fetchOptions?: Omit<ClientOptions, 'baseUrl'>;
};

export type CartwheelClient = Client<paths>;

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
type PathOf<M extends Method> = ClientPathsWithMethod<CartwheelClient, M>;
type Operation<P extends keyof paths, M extends Method> = paths[P] extends Record<M, infer O> ? O : never;

/** What a route answers with when it succeeds, as the client returns it: `ResponseOf<'/api/v1/orders/{id}'>`. */
export type ResponseOf<P extends PathOf<M>, M extends Method = 'get'> = MethodResponse<CartwheelClient, M, P>;

/** The body a route takes, as the client sends it. */
export type BodyOf<P extends PathOf<M>, M extends Method = 'post'> = NonNullable<
  RequestBodyOption<Operation<P, M>>['body']
>;

/** A route's query parameters. */
export type QueryOf<P extends PathOf<M>, M extends Method = 'get'> = NonNullable<
  NonNullable<ParamsOption<Operation<P, M>>['params']>['query']
>;

const read = <T>(source: Source<T>): T | Promise<T> =>
  typeof source === 'function' ? (source as () => T | Promise<T>)() : source;

/**
 * Adds the credentials to each request. A header the caller set on the call itself wins, so one
 * request can act as someone else (e.g. an admin screen previewing a customer's cart).
 */
export function authMiddleware(
  options: Pick<CartwheelClientOptions, 'getAccessToken' | 'cartToken'>,
): Middleware {
  return {
    async onRequest({ request }) {
      if (options.getAccessToken && !request.headers.has('authorization')) {
        const token = await options.getAccessToken();
        if (token) request.headers.set('authorization', `Bearer ${token}`);
      }
      if (options.cartToken !== undefined && !request.headers.has('x-cart-token')) {
        const cartToken = await read(options.cartToken);
        if (cartToken) request.headers.set('x-cart-token', cartToken);
      }
      return request;
    },
  };
}

export function createCartwheelClient(options: CartwheelClientOptions): CartwheelClient {
  const client = createClient<paths>({ ...options.fetchOptions, baseUrl: options.baseUrl });
  client.use(authMiddleware(options));
  return client;
}
