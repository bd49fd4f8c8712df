import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { session } from '../../../lib/session';

/** Signs out this session on the server, then locally (locally even if the server call fails). */
export const useLogout = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      session.signOut();
      queryClient.removeQueries({
        predicate: (q) => q.queryKey[0] !== 'products' && q.queryKey[0] !== 'categories',
      });
    },
  });
};
