import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { session } from '../../../lib/session';
import { json, mockApi, problem, renderApp, testUser } from '../../../test/app';
import { LoginForm } from './login-form';
import { SignupForm } from './signup-form';

async function fillSignup(password = 'short') {
  await userEvent.type(screen.getByLabelText('First name'), ' Ada ');
  await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com ');
  await userEvent.type(screen.getByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('SignupForm', () => {
  it("shows the server's field errors beside their fields", async () => {
    const api = mockApi({
      'POST /api/v1/auth/register': () =>
        problem(422, 'Validation failed', {
          code: 'VALIDATION',
          errors: [{ field: 'body.password', message: 'Must be at least 10 characters' }],
        }),
    });
    renderApp(<SignupForm onRegistered={() => {}} />);
    await fillSignup();

    await waitFor(() =>
      expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Must be at least 10 characters'),
    );
    expect(screen.getByLabelText('Password')).toBeInvalid();
    expect(screen.getByLabelText('Email')).toBeValid();
    expect(api.calls[0]?.body).toEqual({
      email: 'ada@example.com',
      password: 'short',
      first_name: 'Ada',
    });
  });

  it('says the email is taken on a 409, and hands the address on once registered', async () => {
    const answers = [problem(409, 'Email taken', { code: 'EMAIL_TAKEN' }), json(testUser, 201)];
    mockApi({ 'POST /api/v1/auth/register': () => answers.shift() });
    const onRegistered = vi.fn();
    renderApp(<SignupForm onRegistered={onRegistered} />);
    await fillSignup('long enough 1');
    expect(await screen.findByText('An account with this email already exists.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(onRegistered).toHaveBeenCalledWith('ada@example.com'));
  });
});

describe('LoginForm', () => {
  it('explains a wrong password and a lock-out with its wait, then signs in', async () => {
    const answers = [
      problem(401, 'Invalid credentials', { code: 'INVALID_CREDENTIALS' }),
      problem(429, 'Too many attempts', { code: 'RATE_LIMITED' }, { 'retry-after': '30' }),
      json({
        access_token: 'a',
        token_type: 'Bearer',
        expires_in: 900,
        refresh_token: 'r',
        refresh_expires_at: '2099-01-01T00:00:00.000Z',
        user: testUser,
      }),
    ];
    mockApi({ 'POST /api/v1/auth/login': () => answers.shift() });
    const onSignedIn = vi.fn();
    renderApp(<LoginForm onSignedIn={onSignedIn} />);
    await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong password');
    const submit = screen.getByRole('button', { name: 'Log in' });

    await userEvent.click(submit);
    expect(await screen.findByText('That email and password do not match an account.')).toBeInTheDocument();
    await userEvent.click(submit);
    expect(await screen.findByText('Too many attempts. Try again in 30 seconds.')).toBeInTheDocument();
    await userEvent.click(submit);
    await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(session.get().user?.email).toBe('ada@example.com');
    session.signOut();
  });
});
