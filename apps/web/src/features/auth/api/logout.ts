import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { session } from '../../../lib/session';

/** Signs out this session on the server, then locally (locally even if the server call fails). */
export const useLogout = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    onSettled: () => {
      session.signOut();
      queryClient.removeQueries({
        predicate: (q) => q.queryKey[0] !== 'products' && q.queryKey[0] !== 'categories',
      });
    },
  });
};
