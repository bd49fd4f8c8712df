import { useMutation } from '@tanstack/react-query';
import { publicApi, unwrap, type BodyOf } from '../../../lib/api';

export type RegisterInput = BodyOf<'/api/v1/auth/register'>;

export const useRegister = () =>
  useMutation({
    mutationFn: (body: RegisterInput) => unwrap(publicApi.POST('/api/v1/auth/register', { body })),
  });
