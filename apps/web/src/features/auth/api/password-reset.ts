import { useMutation } from '@tanstack/react-query';
import { publicApi, unwrap, type BodyOf } from '../../../lib/api';

export const useForgotPassword = () =>
  useMutation({
    mutationFn: (email: string) =>
      unwrap(publicApi.POST('/api/v1/auth/forgot-password', { body: { email } })),
  });

export const useResetPassword = () =>
  useMutation({
    mutationFn: (body: BodyOf<'/api/v1/auth/reset-password'>) =>
      unwrap(publicApi.POST('/api/v1/auth/reset-password', { body })),
  });
