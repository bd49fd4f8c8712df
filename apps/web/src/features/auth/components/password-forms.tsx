import { useState } from 'react';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { InlineError, errorMessage } from '../../../components/states';
import { isApiError } from '../../../lib/api';
import { useForgotPassword, useResetPassword } from '../api/password-reset';

export function ForgotPasswordForm() {
  const [email, setEmail] = useState('');
  const forgot = useForgotPassword();
  if (forgot.isSuccess)
    return (
      <p role="status" className="rounded-xl bg-brand-50 p-4 text-sm text-brand-800">
        {forgot.data.message} The link works for one hour.
      </p>
    );
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        forgot.mutate(email.trim());
      }}
    >
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={isApiError(forgot.error, 422) ? forgot.error.fieldError('email') : undefined}
      />
      {forgot.error && !isApiError(forgot.error, 422) && (
        <InlineError>{errorMessage(forgot.error)}</InlineError>
      )}
      <Button type="submit" size="lg" className="w-full" loading={forgot.isPending}>
        Email me a reset link
      </Button>
    </form>
  );
}

export function ResetPasswordForm({ token, onDone }: { token: string; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const reset = useResetPassword();
  const err = reset.error;
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (password !== confirm) return setMismatch(true);
        setMismatch(false);
        reset.mutate({ token, password }, { onSuccess: onDone });
      }}
    >
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        hint="At least 10 characters, with a letter and a digit."
        error={isApiError(err, 422) ? err.fieldError('password') : undefined}
      />
      <TextField
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        required
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={mismatch ? 'The passwords do not match' : undefined}
      />
      {isApiError(err, 400) && (
        <InlineError>This reset link is invalid or has expired. Ask for a new one.</InlineError>
      )}
      {err && !isApiError(err, 400) && !isApiError(err, 422) && (
        <InlineError>{errorMessage(err)}</InlineError>
      )}
      <Button type="submit" size="lg" className="w-full" loading={reset.isPending}>
        Set new password
      </Button>
    </form>
  );
}
