import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type BodyOf } from '../../../lib/api';
import { session } from '../../../lib/session';

export const useMe = () =>
  useQuery({
    queryKey: ['me'],
    queryFn: async ({ signal }) => {
      const me = await unwrap(api.GET('/api/v1/auth/me', { signal }));
      session.setUser(me);
      return me;
    },
  });

export type ProfilePatch = BodyOf<'/api/v1/auth/me', 'patch'>;

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProfilePatch) => unwrap(api.PATCH('/api/v1/auth/me', { body: patch })),
    onSuccess: (me) => {
      session.setUser(me);
      queryClient.setQueryData(['me'], me);
    },
  });
}
