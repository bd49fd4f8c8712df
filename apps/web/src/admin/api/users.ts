import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type QueryOf } from '../../lib/api';
import type { Role } from '../../lib/session';
import type { AdminUser } from '../types';

export const useAdminUsers = (f: QueryOf<'/api/v1/admin/users'> & { page: number }) =>
  useQuery({
    queryKey: ['admin', 'users', 'list', f],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/users', { params: { query: { ...f, per_page: 25 } }, signal })),
    placeholderData: keepPreviousData,
  });

/** Active riders, for assigning deliveries and orders. */
export const useRiders = () =>
  useQuery({
    queryKey: ['admin', 'users', 'riders'],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/admin/users', {
          params: { query: { role: 'rider', status: 'active', per_page: 100 } },
          signal,
        }),
      ),
    select: (p) => p.items,
    staleTime: 5 * 60_000,
  });

export const fullName = (u: Pick<AdminUser, 'first_name' | 'last_name' | 'email'>) =>
  [u.first_name, u.last_name].filter(Boolean).join(' ') || u.email;

function useUserMutation<V>(fn: (v: V) => Promise<AdminUser>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}

export const useSetRole = () =>
  useUserMutation(({ id, role }: { id: string; role: Role }) =>
    unwrap(api.PUT('/api/v1/admin/users/{id}/role', { params: { path: { id } }, body: { role } })),
  );

export const useSuspendUser = () =>
  useUserMutation(({ id, reason }: { id: string; reason?: string }) =>
    unwrap(
      api.POST('/api/v1/admin/users/{id}/suspend', {
        params: { path: { id } },
        body: reason ? { reason } : {},
      }),
    ),
  );

export const useReactivateUser = () =>
  useUserMutation((id: string) =>
    unwrap(api.POST('/api/v1/admin/users/{id}/reactivate', { params: { path: { id } } })),
  );
