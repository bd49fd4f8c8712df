import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { session, type User } from '../../../lib/session';

export const useMe = () =>
  useQuery({
    queryKey: ['me'],
    queryFn: async ({ signal }) => {
      const me = await api<User>('/auth/me', { signal });
      session.setUser(me);
      return me;
    },
  });

export type ProfilePatch = Partial<
  Pick<User, 'first_name' | 'last_name' | 'phone' | 'date_of_birth' | 'marketing_opt_in'> & {
    notification_prefs: Partial<User['notification_prefs']>;
  }
>;

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProfilePatch) => api<User>('/auth/me', { method: 'PATCH', body: patch }),
    onSuccess: (me) => {
      session.setUser(me);
      queryClient.setQueryData(['me'], me);
    },
  });
}
