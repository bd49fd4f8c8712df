import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { User } from '../../../lib/session';

export type RegisterInput = { email: string; password: string; first_name: string; last_name?: string };

export const useRegister = () =>
  useMutation({
    mutationFn: (body: RegisterInput) => api<User>('/auth/register', { method: 'POST', body, auth: false }),
  });
