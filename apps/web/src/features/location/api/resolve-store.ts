import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../lib/api';

export type ResolvedStore = {
  postal_code: string;
  eta_minutes: number;
  warehouse: { id: string; code: string; name: string; address: { city: string; postal_code: string } };
};

export const resolveStore = (postalCode: string, signal?: AbortSignal) =>
  api<ResolvedStore>('/stores/resolve', { signal, auth: false, query: { postal_code: postalCode } });

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
