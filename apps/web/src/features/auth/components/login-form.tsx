import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { InlineError, errorMessage } from '../../../components/states';
import { isApiError } from '../../../lib/api';
import { useLogin } from '../api/login';

export function LoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin();
  const err = login.error;

  let message: string | undefined;
  if (err) {
    if (isApiError(err, 401)) message = 'That email and password do not match an account.';
    else if (isApiError(err, 423)) message = err.message;
    else if (isApiError(err, 429))
      message = `Too many attempts. Try again${err.retryAfter ? ` in ${err.retryAfter} seconds` : ' shortly'}.`;
    else message = errorMessage(err);
  }

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        login.mutate({ email: email.trim(), password }, { onSuccess: onSignedIn });
      }}
    >
      <TextField
        label="Email"
        type="email"
        name="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={isApiError(err, 422) ? err.fieldError('email') : undefined}
      />
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <div className="text-right">
        <Link to="/forgot-password" className="text-sm font-semibold text-brand-700 hover:underline">
          Forgot password?
        </Link>
      </div>
      {message && <InlineError>{message}</InlineError>}
      <Button type="submit" size="lg" className="w-full" loading={login.isPending}>
        Log in
      </Button>
    </form>
  );
}
