import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { Checkbox, TextField } from '../../components/field';
import { ChevronRight, PlusIcon, ReceiptIcon } from '../../components/icons';
import { ErrorState, InlineError, Skeleton, errorMessage } from '../../components/states';
import { useToast } from '../../components/toast';
import { isApiError } from '../../lib/api';
import { cn, formatDateTime } from '../../lib/format';
import { displayName, useSession } from '../../lib/session';
import { useDeleteAddress, useAddresses } from '../../features/addresses/api/addresses';
import { AddressText, AddressTitle } from '../../features/addresses/components/address-card';
import { AddressForm } from '../../features/addresses/components/address-form';
import type { Address } from '../../features/addresses/types';
import { useLoginHistory } from '../../features/account/api/login-history';
import { downloadExport, useDeleteAccount, useRequestExport } from '../../features/account/api/privacy';
import { useMe, useUpdateProfile } from '../../features/account/api/profile';
import { useLogout } from '../../features/auth/api/logout';
import { RequireAuth } from '../components/require-auth';
import { usePageTitle } from '../components/page-title';

const TABS = [
  { id: 'profile', label: 'Profile' },
  { id: 'addresses', label: 'Addresses' },
  { id: 'security', label: 'Sign-in activity' },
  { id: 'privacy', label: 'Privacy & data' },
] as const;
type Tab = (typeof TABS)[number]['id'];

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-2xl border border-line bg-white p-4 md:p-6" aria-label={title}>
      <h2 className="mb-4 text-lg font-extrabold">{title}</h2>
      {children}
    </section>
  );
}

function Profile() {
  const me = useMe();
  const update = useUpdateProfile();
  const notify = useToast();
  const [draft, setDraft] = useState<Record<string, string | boolean> | null>(null);
  if (me.isPending) return <Skeleton className="h-64 w-full rounded-2xl" />;
  if (me.error) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  const u = me.data;
  const v = draft ?? {
    first_name: u.first_name ?? '',
    last_name: u.last_name ?? '',
    phone: u.phone ?? '',
    date_of_birth: u.date_of_birth ?? '',
    marketing_opt_in: u.marketing_opt_in,
    order_updates: u.notification_prefs.order_updates,
    promotions: u.notification_prefs.promotions,
  };
  const set = (k: string, val: string | boolean) => setDraft({ ...v, [k]: val });
  const err = update.error;
  const fe = (f: string) => (isApiError(err, 422) ? err.fieldError(f) : undefined);
  return (
    <Card title="Profile">
      <form
        className="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate(
            {
              first_name: String(v.first_name).trim(),
              last_name: String(v.last_name).trim() || null,
              phone: String(v.phone).trim() || null,
              date_of_birth: String(v.date_of_birth) || null,
              marketing_opt_in: !!v.marketing_opt_in,
              notification_prefs: { order_updates: !!v.order_updates, promotions: !!v.promotions },
            },
            {
              onSuccess: () => {
                setDraft(null);
                notify('Profile saved', 'success');
              },
            },
          );
        }}
      >
        <p className="text-sm text-muted">
          {u.email}{' '}
          {u.email_verified ? (
            <span className="font-semibold text-brand-700">· verified</span>
          ) : (
            <>
              {'· '}
              <Link to="/verify-email" className="font-semibold text-amber-700 underline">
                not verified yet
              </Link>
            </>
          )}
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="First name"
            autoComplete="given-name"
            value={String(v.first_name)}
            onChange={(e) => set('first_name', e.target.value)}
            error={fe('first_name')}
          />
          <TextField
            label="Last name"
            autoComplete="family-name"
            value={String(v.last_name)}
            onChange={(e) => set('last_name', e.target.value)}
            error={fe('last_name')}
          />
          <TextField
            label="Phone"
            type="tel"
            autoComplete="tel"
            placeholder="+14155550123"
            value={String(v.phone)}
            onChange={(e) => set('phone', e.target.value)}
            error={fe('phone')}
            hint="International format, e.g. +14155550123"
          />
          <TextField
            label="Date of birth"
            type="date"
            autoComplete="bday"
            value={String(v.date_of_birth)}
            onChange={(e) => set('date_of_birth', e.target.value)}
            error={fe('date_of_birth')}
          />
        </div>
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-medium">Emails</legend>
          <Checkbox
            label="Order updates"
            checked={!!v.order_updates}
            onChange={(e) => set('order_updates', e.target.checked)}
          />
          <Checkbox
            label="Offers and promotions"
            checked={!!v.promotions}
            onChange={(e) => set('promotions', e.target.checked)}
          />
          <Checkbox
            label="I agree to receive marketing"
            checked={!!v.marketing_opt_in}
            onChange={(e) => set('marketing_opt_in', e.target.checked)}
          />
        </fieldset>
        {err && !isApiError(err, 422) && <InlineError>{errorMessage(err)}</InlineError>}
        <Button type="submit" loading={update.isPending} disabled={!draft}>
          Save changes
        </Button>
      </form>
    </Card>
  );
}

function Addresses() {
  const addresses = useAddresses();
  const remove = useDeleteAddress();
  const [editing, setEditing] = useState<Address | 'new' | null>(null);
  return (
    <Card title="Addresses">
      {addresses.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : addresses.error ? (
        <ErrorState error={addresses.error} onRetry={() => void addresses.refetch()} />
      ) : (
        <div className="space-y-3">
          {addresses.data.length === 0 && editing === null && (
            <p className="text-sm text-muted">No saved addresses yet. Add one for faster checkout.</p>
          )}
          <ul className="space-y-2">
            {addresses.data.map((a) =>
              editing !== 'new' && editing?.id === a.id ? (
                <li key={a.id} className="rounded-xl border border-line p-4">
                  <AddressForm
                    address={a}
                    onSaved={() => setEditing(null)}
                    onCancel={() => setEditing(null)}
                  />
                </li>
              ) : (
                <li
                  key={a.id}
                  className="flex items-start justify-between gap-3 rounded-xl border border-line p-3"
                >
                  <span className="flex flex-col">
                    <AddressTitle address={a} />
                    <AddressText address={a} />
                  </span>
                  <span className="flex shrink-0 gap-1">
                    <Button size="sm" variant="ghost" onClick={() => setEditing(a)}>
                      Edit
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      className="text-red-600"
                      onClick={() => remove.mutate(a.id)}
                      aria-label={`Delete address ${a.label ?? a.line1}`}
                    >
                      Delete
                    </Button>
                  </span>
                </li>
              ),
            )}
          </ul>
          {editing === 'new' ? (
            <div className="rounded-xl border border-dashed border-line p-4">
              <AddressForm
                onSaved={() => setEditing(null)}
                onCancel={() => setEditing(null)}
                defaults={{ is_default_shipping: addresses.data.length === 0 }}
              />
            </div>
          ) : (
            <Button variant="outline" onClick={() => setEditing('new')}>
              <PlusIcon size={16} /> Add address
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}

const EVENT_LABEL: Record<string, string> = {
  register: 'Account created',
  login_succeeded: 'Signed in',
  login_failed: 'Wrong password entered',
  login_blocked: 'Sign-in blocked',
  account_locked: 'Account locked after failed attempts',
  refresh_reuse_detected: 'Suspicious session reuse — signed out',
  logout: 'Signed out',
  logout_all: 'Signed out everywhere',
  email_verified: 'Email verified',
  password_changed: 'Password changed',
  password_reset_requested: 'Password reset requested',
  password_reset: 'Password reset',
  role_changed: 'Role changed',
  suspended: 'Account suspended',
  reactivated: 'Account reactivated',
  data_export_requested: 'Data export requested',
  account_deleted: 'Account deleted',
};

function Security() {
  const [page, setPage] = useState(1);
  const history = useLoginHistory(page);
  return (
    <Card title="Sign-in activity">
      {history.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : history.error ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <>
          <ul className="divide-y divide-line text-sm">
            {history.data.items.map((e) => (
              <li key={e.id} className="flex flex-wrap justify-between gap-2 py-2.5">
                <span>
                  <span className="font-semibold">{EVENT_LABEL[e.type] ?? e.type.replace(/_/g, ' ')}</span>
                  <span className="block max-w-md truncate text-xs text-muted">
                    {[e.ip, e.user_agent].filter(Boolean).join(' · ')}
                  </span>
                </span>
                <span className="text-xs text-muted">{formatDateTime(e.created_at)}</span>
              </li>
            ))}
          </ul>
          {history.data.total_pages > 1 && (
            <div className="mt-3 flex justify-between">
              <Button size="sm" variant="ghost" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                ← Newer
              </Button>
              <Button
                size="sm"
                variant="ghost"
                disabled={page >= history.data.total_pages}
                onClick={() => setPage(page + 1)}
              >
                Older →
              </Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}

function Privacy() {
  const exportReq = useRequestExport();
  const [exportState, setExportState] = useState<'idle' | 'pending' | 'ready' | 'error'>('idle');
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [password, setPassword] = useState('');
  const del = useDeleteAccount();
  const navigate = useNavigate();

  const tryDownload = async (jobId: string, attempt = 0): Promise<void> => {
    try {
      const state = await downloadExport(jobId);
      if (state === 'ready') return setExportState('ready');
      if (attempt > 20) return setExportState('pending');
      await new Promise((r) => setTimeout(r, 1500));
      return tryDownload(jobId, attempt + 1);
    } catch {
      setExportState('error');
    }
  };

  return (
    <div className="space-y-4">
      <Card title="Export my data">
        <p className="mb-4 text-sm text-muted">
          A JSON file with your profile, addresses, orders, reviews and account activity. It is prepared in
          the background and downloads when ready.
        </p>
        <Button
          variant="outline"
          loading={exportReq.isPending || exportState === 'pending'}
          onClick={() =>
            exportReq.mutate(undefined, {
              onSuccess: (r) => {
                setExportState('pending');
                void tryDownload(r.job_id);
              },
            })
          }
        >
          {exportState === 'pending' ? 'Preparing your file…' : 'Export my data'}
        </Button>
        {exportState === 'ready' && (
          <p role="status" className="mt-2 text-sm font-semibold text-brand-700">
            Downloaded cartwheel-my-data.json
          </p>
        )}
        {(exportState === 'error' || exportReq.error) && (
          <div className="mt-2">
            <InlineError>
              {exportReq.error
                ? errorMessage(exportReq.error)
                : 'The export could not be downloaded. Try again.'}
            </InlineError>
          </div>
        )}
      </Card>
      <Card title="Delete my account">
        <p className="mb-4 text-sm text-muted">
          Your personal details are erased and you are signed out everywhere. Orders are kept, without your
          name, for accounting. This cannot be undone.
        </p>
        <Button variant="danger" onClick={() => setConfirmOpen(true)}>
          Delete my account
        </Button>
      </Card>
      <Dialog open={confirmOpen} onClose={() => setConfirmOpen(false)} title="Delete your account?">
        <form
          className="space-y-4 p-5"
          onSubmit={(e) => {
            e.preventDefault();
            del.mutate(password, { onSuccess: () => navigate('/', { replace: true }) });
          }}
        >
          <p className="text-sm">Enter your password to confirm. This cannot be undone.</p>
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={isApiError(del.error, 400) ? 'Password is incorrect' : undefined}
          />
          {del.error && !isApiError(del.error, 400) && <InlineError>{errorMessage(del.error)}</InlineError>}
          <div className="flex gap-2">
            <Button type="submit" variant="danger" loading={del.isPending} disabled={!password}>
              Delete permanently
            </Button>
            <Button variant="ghost" onClick={() => setConfirmOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}

function AccountScreen() {
  const [params, setParams] = useSearchParams();
  const tab = (TABS.find((t) => t.id === params.get('tab'))?.id ?? 'profile') as Tab;
  const { user } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  usePageTitle('My account');
  return (
    <div className="px-4 py-4 md:py-6">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-extrabold tracking-tight">Hi, {user ? displayName(user) : ''}</h1>
          <p className="text-sm text-muted">{user?.email}</p>
        </div>
        <Button
          variant="outline"
          size="sm"
          loading={logout.isPending}
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/', { replace: true }) })}
        >
          Log out
        </Button>
      </div>
      <div className="grid gap-4 md:grid-cols-[220px_1fr] md:gap-6">
        <nav
          aria-label="Account"
          className="scrollbar-none -mx-4 flex gap-2 overflow-x-auto px-4 md:mx-0 md:flex-col md:px-0"
        >
          <Link
            to="/orders"
            className="flex shrink-0 items-center justify-between gap-2 rounded-xl border border-line bg-white px-3 py-2 text-sm font-semibold md:py-3"
          >
            <span className="flex items-center gap-2">
              <ReceiptIcon size={16} /> My orders
            </span>
            <ChevronRight size={16} className="hidden md:block" />
          </Link>
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              onClick={() => setParams({ tab: t.id }, { replace: true })}
              aria-current={tab === t.id ? 'page' : undefined}
              className={cn(
                'shrink-0 rounded-xl px-3 py-2 text-left text-sm font-semibold md:py-3',
                tab === t.id ? 'bg-brand-600 text-white' : 'border border-line bg-white hover:bg-gray-50',
              )}
            >
              {t.label}
            </button>
          ))}
        </nav>
        <div>
          {tab === 'profile' && <Profile />}
          {tab === 'addresses' && <Addresses />}
          {tab === 'security' && <Security />}
          {tab === 'privacy' && <Privacy />}
        </div>
      </div>
    </div>
  );
}

export default function AccountPage() {
  return (
    <RequireAuth>
      <AccountScreen />
    </RequireAuth>
  );
}
