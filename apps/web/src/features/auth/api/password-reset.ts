import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export const useForgotPassword = () =>
  useMutation({
    mutationFn: (email: string) =>
      api<{ message: string }>('/auth/forgot-password', { method: 'POST', body: { email }, auth: false }),
  });

export const useResetPassword = () =>
  useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      api<void>('/auth/reset-password', { method: 'POST', body, auth: false }),
  });
