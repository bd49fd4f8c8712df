import { api, isApiError, type ApiOptions } from '../../lib/api';

/** The server has no such route (a module another engineer has not shipped yet), not a missing record. */
export const isMissingRoute = (err: unknown) => isApiError(err, 404) && err.code === 'ROUTE_NOT_FOUND';

/** Calls a route that may not exist on this server yet: null instead of an error when it does not. */
export async function optionalApi<T>(path: string, opts?: ApiOptions): Promise<T | null> {
  try {
    return await api<T>(path, opts);
  } catch (err) {
    if (isMissingRoute(err)) return null;
    throw err;
  }
}
