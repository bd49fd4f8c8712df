import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';
import type { Role } from '../../lib/session';
import type { AdminUser, UserStatus } from '../types';

export const useAdminUsers = (f: { q?: string; role?: Role; status?: UserStatus; page: number }) =>
  useQuery({
    queryKey: ['admin', 'users', 'list', f],
    queryFn: ({ signal }) => api<Page<AdminUser>>('/admin/users', { signal, query: { ...f, per_page: 25 } }),
    placeholderData: keepPreviousData,
  });

/** Active riders, for assigning deliveries and orders. */
export const useRiders = () =>
  useQuery({
    queryKey: ['admin', 'users', 'riders'],
    queryFn: ({ signal }) =>
      api<Page<AdminUser>>('/admin/users', {
        signal,
        query: { role: 'rider', status: 'active', per_page: 100 },
      }),
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
    api<AdminUser>(`/admin/users/${id}/role`, { method: 'PUT', body: { role } }),
  );

export const useSuspendUser = () =>
  useUserMutation(({ id, reason }: { id: string; reason?: string }) =>
    api<AdminUser>(`/admin/users/${id}/suspend`, { method: 'POST', body: reason ? { reason } : {} }),
  );

export const useReactivateUser = () =>
  useUserMutation((id: string) => api<AdminUser>(`/admin/users/${id}/reactivate`, { method: 'POST' }));
