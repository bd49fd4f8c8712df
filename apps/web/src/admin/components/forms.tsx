import { useState, type ChangeEvent, type ReactNode } from 'react';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { useToast } from '../../components/toast';
import { cn } from '../../lib/format';
import { problemText } from './ui';

/**
 * A form in a modal (create, edit, a decision that needs a reason): what went wrong on top, the
 * fields, then Cancel and the submit button, which shows progress while the request runs.
 */
export function FormDialog({
  title,
  open = true,
  onClose,
  onSubmit,
  problem,
  pending,
  submitLabel,
  cancelLabel = 'Cancel',
  danger,
  canSubmit = true,
  columns = 1,
  children,
}: {
  title: string;
  open?: boolean;
  onClose: () => void;
  onSubmit: () => void;
  problem?: ReactNode;
  pending: boolean;
  submitLabel: ReactNode;
  cancelLabel?: string;
  /** The submit button is red: it cancels or removes something. */
  danger?: boolean;
  canSubmit?: boolean;
  /** Fields side by side from `sm` up; a field spanning both says `sm:col-span-2`. */
  columns?: 1 | 2;
  children: ReactNode;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
        className={cn('grid gap-3 p-5', columns === 2 && 'sm:grid-cols-2')}
      >
        {problem && (
          <p
            role="alert"
            className={cn(
              'rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700',
              columns === 2 && 'sm:col-span-2',
            )}
          >
            {problem}
          </p>
        )}
        {children}
        <div className={cn('flex justify-end gap-2 pt-1', columns === 2 && 'sm:col-span-2')}>
          <Button variant="outline" size="sm" onClick={onClose}>
            {cancelLabel}
          </Button>
          <Button
            type="submit"
            variant={danger ? 'danger' : 'primary'}
            size="sm"
            disabled={!canSubmit}
            loading={pending}
          >
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * What a FormDialog's save needs: `problem` (the form's own check, or the server's refusal) and
 * `saved(message)`, called as the form is sent: it clears the last problem and gives the mutation
 * callbacks that toast and close on success, or keep the dialog open with the refusal.
 */
export function useDialogSave(onClose: () => void) {
  const notify = useToast();
  const [problem, setProblem] = useState<string | null>(null);
  const saved = (message: string) => {
    setProblem(null);
    return {
      onSuccess: () => {
        notify(message, 'success');
        onClose();
      },
      onError: (err: unknown) => setProblem(problemText(err)),
    };
  };
  return { problem, setProblem, saved };
}

type TextKeys<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F];

/**
 * A form's values, `field(key)` (the value and change handler of an input, textarea or select bound
 * to one of its text values), `set(key, value)` for the rest and `reset(values)` for all at once.
 */
export function useFormState<F extends object>(initial: F) {
  const [values, setValues] = useState(initial);
  const set = <K extends keyof F>(key: K, value: F[K]) => setValues((v) => ({ ...v, [key]: value }));
  const field = <K extends TextKeys<F>>(key: K) => ({
    value: values[key] as string,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      set(key, e.target.value as F[K]),
  });
  return [values, field, set, setValues] as const;
}
