import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { session, type TokenResponse } from '../../../lib/session';

export const login = (body: { email: string; password: string }) =>
  api<TokenResponse>('/auth/login', { method: 'POST', body, auth: false });

export const useLogin = () =>
  useMutation({
    mutationFn: login,
    onSuccess: (tokens) => session.signIn(tokens),
  });
