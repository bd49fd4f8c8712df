import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Address, AddressInput } from '../types';

const key = ['addresses'] as const;

export const useAddresses = (enabled = true) =>
  useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api<Address[]>('/auth/me/addresses', { signal }),
    enabled,
  });

export function useSaveAddress() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: Partial<AddressInput> }) =>
      id
        ? api<Address>(`/auth/me/addresses/${id}`, { method: 'PATCH', body: input })
        : api<Address>('/auth/me/addresses', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteAddress() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/auth/me/addresses/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
