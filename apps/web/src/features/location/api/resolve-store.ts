import { useQuery } from '@tanstack/react-query';
import { isApiError, publicApi, unwrap } from '../../../lib/api';

export const resolveStore = (postalCode: string, signal?: AbortSignal) =>
  unwrap(publicApi.GET('/api/v1/stores/resolve', { params: { query: { postal_code: postalCode } }, signal }));

/** The dark store for a postal code; `null` when nobody delivers there (404 NOT_SERVICEABLE). */
export const useResolvedStore = (postalCode: string | null) =>
  useQuery({
    queryKey: ['stores', 'resolve', postalCode],
    queryFn: async ({ signal }) => {
      try {
        return await resolveStore(postalCode!, signal);
      } catch (err) {
        if (isApiError(err, 404)) return null;
        throw err;
      }
    },
    enabled: !!postalCode,
    staleTime: 5 * 60_000,
  });
