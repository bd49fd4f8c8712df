import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api';
import { renderApp } from '../../test/app';
import { FormDialog, useDialogSave, useFormState } from './forms';
import { Input, Toggle } from './ui';

/** A create dialog as the screens write one: a name, a flag, and a save that may be refused. */
function NewTaxRate({ save, onClose }: { save: (body: object) => Promise<void>; onClose: () => void }) {
  const [f, field, set] = useFormState({ name: '', active: true });
  const { problem, setProblem, saved } = useDialogSave(onClose);
  return (
    <FormDialog
      title="New tax rate"
      onClose={onClose}
      onSubmit={() => {
        if (!f.name.trim()) return setProblem('Enter a name');
        const done = saved('Tax rate added');
        save(f).then(done.onSuccess, done.onError);
      }}
      problem={problem}
      pending={false}
      submitLabel="Add rate"
      columns={2}
    >
      <Input label="Name" {...field('name')} />
      <Toggle label="Active" checked={f.active} onChange={(v) => set('active', v)} />
    </FormDialog>
  );
}

describe('FormDialog', () => {
  it('sends the fields it holds, says so and closes', async () => {
    const save = vi.fn().mockResolvedValue(undefined);
    const onClose = vi.fn();
    renderApp(<NewTaxRate save={save} onClose={onClose} />);
    const dialog = screen.getByRole('dialog', { name: 'New tax rate' });
    expect(dialog).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Name'), 'Sales tax');
    await userEvent.click(screen.getByLabelText('Active'));
    await userEvent.click(screen.getByRole('button', { name: 'Add rate' }));
    expect(save).toHaveBeenCalledWith({ name: 'Sales tax', active: false });
    await waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    expect(screen.getByRole('status')).toHaveTextContent('Tax rate added');
  });

  it('keeps the dialog open with what is wrong: its own check, then the server refusal', async () => {
    const save = vi.fn().mockRejectedValue(new ApiError(409, 'CONFLICT', 'A rate for US already exists'));
    const onClose = vi.fn();
    renderApp(<NewTaxRate save={save} onClose={onClose} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add rate' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a name');
    expect(save).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText('Name'), 'Sales tax');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('A rate for US already exists'));
    expect(onClose).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('holds the submit button back until the form can be sent', () => {
    renderApp(
      <FormDialog
        title="Cancel order CW-1001"
        onClose={vi.fn()}
        onSubmit={vi.fn()}
        pending={false}
        submitLabel="Cancel order"
        cancelLabel="Keep order"
        danger
        canSubmit={false}
      >
        <p>The customer is told.</p>
      </FormDialog>,
    );
    expect(screen.getByRole('button', { name: 'Cancel order' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Keep order' })).toBeEnabled();
  });
});
