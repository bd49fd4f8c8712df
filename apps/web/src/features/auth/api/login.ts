import { useMutation } from '@tanstack/react-query';
import { publicApi, unwrap, type BodyOf } from '../../../lib/api';
import { session } from '../../../lib/session';

export const login = (body: BodyOf<'/api/v1/auth/login'>) =>
  unwrap(publicApi.POST('/api/v1/auth/login', { body }));

export const useLogin = () =>
  useMutation({
    mutationFn: login,
    onSuccess: (tokens) => session.signIn(tokens),
  });
