import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type BodyOf } from '../../../lib/api';

const key = ['addresses'] as const;

export const useAddresses = (enabled = true) =>
  useQuery({
    queryKey: key,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/auth/me/addresses', { signal })),
    enabled,
  });

export function useSaveAddress() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: BodyOf<'/api/v1/auth/me/addresses'> }) =>
      id
        ? unwrap(api.PATCH('/api/v1/auth/me/addresses/{id}', { params: { path: { id } }, body: input }))
        : unwrap(api.POST('/api/v1/auth/me/addresses', { body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteAddress() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/auth/me/addresses/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
