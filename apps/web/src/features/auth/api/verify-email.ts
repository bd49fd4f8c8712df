import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { session, type User } from '../../../lib/session';

export const useVerifyEmail = () =>
  useMutation({
    mutationFn: (token: string) =>
      api<User>('/auth/verify-email', { method: 'POST', body: { token }, auth: false }),
    // Signed in as the same person: their profile now says verified.
    onSuccess: (user) => {
      if (session.get().user?.id === user.id) session.setUser(user);
    },
  });

export const useResendVerification = () =>
  useMutation({
    mutationFn: (email: string) =>
      api<{ message: string }>('/auth/resend-verification', { method: 'POST', body: { email }, auth: false }),
  });
