import { useMutation } from '@tanstack/react-query';
import { api, ApiError, API_BASE } from '../../../lib/api';
import { session } from '../../../lib/session';

export const useRequestExport = () =>
  useMutation({
    mutationFn: () => api<{ job_id: string; download_url: string }>('/auth/me/export', { method: 'POST' }),
  });

/**
 * Fetches the finished export (409 while the job is still running) and hands it to the browser
 * as a download: the route needs the bearer token, so a plain link would not do.
 */
export async function downloadExport(jobId: string): Promise<'ready' | 'pending'> {
  const token = await session.accessToken();
  const res = await fetch(`${API_BASE}/auth/me/export/${jobId}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (res.status === 409) return 'pending';
  if (!res.ok) throw new ApiError(res.status, 'EXPORT_FAILED', 'The export could not be downloaded.');
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = 'cartwheel-my-data.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return 'ready';
}

export const useDeleteAccount = () =>
  useMutation({
    mutationFn: (password: string) => api<void>('/auth/me', { method: 'DELETE', body: { password } }),
    onSuccess: () => session.signOut(),
  });
