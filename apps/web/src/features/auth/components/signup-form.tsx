import { useState } from 'react';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { InlineError, errorMessage } from '../../../components/states';
import { isApiError } from '../../../lib/api';
import { useRegister } from '../api/register';

export function SignupForm({ onRegistered }: { onRegistered: (email: string) => void }) {
  const [form, setForm] = useState({ first_name: '', last_name: '', email: '', password: '' });
  const register = useRegister();
  const err = register.error;
  const field = (name: keyof typeof form) => (isApiError(err, 422) ? err.fieldError(name) : undefined);
  const set = (name: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [name]: e.target.value }));

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        register.mutate(
          {
            email: form.email.trim(),
            password: form.password,
            first_name: form.first_name.trim(),
            last_name: form.last_name.trim() || undefined,
          },
          { onSuccess: (user) => onRegistered(user.email) },
        );
      }}
    >
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label="First name"
          name="first_name"
          autoComplete="given-name"
          required
          value={form.first_name}
          onChange={set('first_name')}
          error={field('first_name')}
        />
        <TextField
          label="Last name"
          name="last_name"
          autoComplete="family-name"
          value={form.last_name}
          onChange={set('last_name')}
          error={field('last_name')}
        />
      </div>
      <TextField
        label="Email"
        type="email"
        name="email"
        autoComplete="email"
        required
        value={form.email}
        onChange={set('email')}
        error={isApiError(err, 409) ? 'An account with this email already exists.' : field('email')}
      />
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="new-password"
        required
        minLength={10}
        value={form.password}
        onChange={set('password')}
        hint="At least 10 characters, with a letter and a digit."
        error={field('password')}
      />
      {err && !isApiError(err, 422) && !isApiError(err, 409) && (
        <InlineError>{errorMessage(err)}</InlineError>
      )}
      <Button type="submit" size="lg" className="w-full" loading={register.isPending}>
        Create account
      </Button>
    </form>
  );
}
