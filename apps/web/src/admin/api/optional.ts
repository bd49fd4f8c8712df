import { isApiError } from '../../lib/api';

/** This server does not serve the route (a split deployment, SERVICES), not a missing record. */
export const isMissingRoute = (err: unknown) => isApiError(err, 404) && err.code === 'ROUTE_NOT_FOUND';

/** A call to a route this deployment may not serve: null instead of an error when it does not. */
export async function optional<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (err) {
    if (isMissingRoute(err)) return null;
    throw err;
  }
}
