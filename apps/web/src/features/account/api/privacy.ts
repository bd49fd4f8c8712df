import { useMutation } from '@tanstack/react-query';
import { api, isApiError, unwrap } from '../../../lib/api';
import { session } from '../../../lib/session';

export const useRequestExport = () =>
  useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/me/export')),
  });

/**
 * Fetches the finished export (409 while the job is still running) and hands it to the browser
 * as a download: the route needs the bearer token, so a plain link would not do.
 */
export async function downloadExport(jobId: string): Promise<'ready' | 'pending'> {
  let blob: Blob;
  try {
    blob = await unwrap(
      api.GET('/api/v1/auth/me/export/{id}', { params: { path: { id: jobId } }, parseAs: 'blob' }),
    );
  } catch (err) {
    if (isApiError(err, 409)) return 'pending';
    throw err;
  }
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
    mutationFn: (password: string) => unwrap(api.DELETE('/api/v1/auth/me', { body: { password } })),
    onSuccess: () => session.signOut(),
  });
