import { useMutation } from '@tanstack/react-query';
import { publicApi, unwrap } from '../../../lib/api';
import { session } from '../../../lib/session';

export const useVerifyEmail = () =>
  useMutation({
    mutationFn: (token: string) => unwrap(publicApi.POST('/api/v1/auth/verify-email', { body: { token } })),
    // Signed in as the same person: their profile now says verified.
    onSuccess: (user) => {
      if (session.get().user?.id === user.id) session.setUser(user);
    },
  });

export const useResendVerification = () =>
  useMutation({
    mutationFn: (email: string) =>
      unwrap(publicApi.POST('/api/v1/auth/resend-verification', { body: { email } })),
  });
