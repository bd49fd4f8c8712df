import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api';
import { renderApp } from '../../test/app';
import { DeleteButton } from './actions';

/** A delete mutation whose request ends as `result` says. */
const removal = (result: () => Promise<{ code: string }>) => ({
  isPending: false,
  mutate: vi.fn(
    (_id: string, cb: { onSuccess: (r: { code: string }) => void; onError: (e: unknown) => void }) =>
      void result().then(cb.onSuccess, cb.onError),
  ),
});

describe('DeleteButton', () => {
  it('deletes only once the confirm says yes, and tells how it went', async () => {
    const remove = removal(() => Promise.resolve({ code: 'SPRING10' }));
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    renderApp(
      <DeleteButton
        question="Delete coupon SPRING10?"
        remove={remove}
        id="c1"
        done={(r) => `${r.code} deleted`}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(confirm).toHaveBeenLastCalledWith('Delete coupon SPRING10?');
    expect(remove.mutate).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(remove.mutate).toHaveBeenCalledWith('c1', expect.anything());
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('SPRING10 deleted'));
  });

  it('shows the server refusal', async () => {
    const remove = removal(() =>
      Promise.reject(new ApiError(409, 'CONFLICT', 'The category still has products')),
    );
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderApp(<DeleteButton question="Delete “Dairy”?" remove={remove} id="c1" done="Category deleted" />);
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('The category still has products'),
    );
  });
});
