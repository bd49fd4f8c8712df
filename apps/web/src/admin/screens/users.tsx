import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { useToast } from '../../components/toast';
import { formatDate, formatDateTime } from '../../lib/format';
import { useSession, type Role } from '../../lib/session';
import { fullName, useAdminUsers, useReactivateUser, useSetRole, useSuspendUser } from '../api/users';
import { UserStatusBadge } from '../components/status';
import {
  Badge,
  Card,
  DataTable,
  FilterBar,
  PageHeader,
  Pager,
  SearchBox,
  Select,
  TableEmpty,
  problemText,
  td,
  th,
  useUrlFilters,
} from '../components/ui';
import type { AdminUser, UserStatus } from '../types';

const ROLES: Role[] = ['customer', 'staff', 'admin', 'rider'];

function UserRow({ u, canChangeRoles }: { u: AdminUser; canChangeRoles: boolean }) {
  const { user: me } = useSession();
  const notify = useToast();
  const setRole = useSetRole();
  const suspend = useSuspendUser();
  const reactivate = useReactivateUser();
  const self = me?.id === u.id;
  const fail = (e: unknown) => notify(problemText(e), 'error');
  return (
    <tr className="hover:bg-gray-50">
      <td className={td}>
        <div className="font-medium">{fullName(u)}</div>
        <div className="text-xs text-muted">
          {u.email}
          {!u.email_verified && ' · unverified'}
        </div>
      </td>
      <td className={td}>
        {canChangeRoles && !self && u.status !== 'deleted' ? (
          <select
            aria-label={`Role of ${u.email}`}
            id={`role-${u.id}`}
            value={u.role}
            disabled={setRole.isPending}
            onChange={(e) =>
              setRole.mutate(
                { id: u.id, role: e.target.value as Role },
                { onSuccess: (x) => notify(`${x.email} is now ${x.role}`, 'success'), onError: fail },
              )
            }
            className="h-8 rounded-lg border border-line bg-white px-2 text-sm capitalize"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        ) : (
          <Badge
            tone={
              u.role === 'admin'
                ? 'violet'
                : u.role === 'staff'
                  ? 'blue'
                  : u.role === 'rider'
                    ? 'amber'
                    : 'gray'
            }
          >
            {u.role}
          </Badge>
        )}
      </td>
      <td className={td}>
        <UserStatusBadge status={u.status} />
        {u.locked_until && new Date(u.locked_until) > new Date() && (
          <div className="text-xs text-red-700">Locked out</div>
        )}
      </td>
      <td className={`${td} hidden text-muted md:table-cell`}>
        {u.last_login_at ? formatDateTime(u.last_login_at) : 'Never'}
      </td>
      <td className={`${td} hidden text-muted lg:table-cell`}>{formatDate(u.created_at)}</td>
      <td className={`${td} text-right`}>
        {self ? (
          <span className="text-xs text-muted">You</span>
        ) : u.status === 'active' ? (
          <Button
            size="sm"
            variant="ghost"
            className="text-red-700"
            loading={suspend.isPending}
            onClick={() => {
              const reason = window.prompt(
                `Suspend ${u.email}? They are signed out everywhere. Reason (optional):`,
              );
              if (reason === null) return;
              suspend.mutate(
                { id: u.id, reason: reason.trim() || undefined },
                { onSuccess: () => notify(`${u.email} suspended`, 'success'), onError: fail },
              );
            }}
          >
            Suspend
          </Button>
        ) : u.status === 'suspended' ? (
          <Button
            size="sm"
            variant="ghost"
            loading={reactivate.isPending}
            onClick={() =>
              reactivate.mutate(u.id, {
                onSuccess: () => notify(`${u.email} reactivated`, 'success'),
                onError: fail,
              })
            }
          >
            Reactivate
          </Button>
        ) : null}
      </td>
    </tr>
  );
}

export default function Users() {
  usePageTitle('Users');
  const { user } = useSession();
  const { values, page, set } = useUrlFilters(['q', 'role', 'status'] as const);
  const { data, isPending, error, refetch } = useAdminUsers({
    q: values.q || undefined,
    role: (values.role || undefined) as Role | undefined,
    status: (values.status || undefined) as UserStatus | undefined,
    page,
  });
  const isAdmin = user?.role === 'admin';
  return (
    <>
      <PageHeader
        title="Users"
        description={
          isAdmin
            ? 'Find accounts, change roles, suspend and reactivate.'
            : 'Find accounts, suspend and reactivate. Only admins change roles.'
        }
      />
      <Card flush>
        <FilterBar>
          <SearchBox
            label="Search users"
            placeholder="Email, name or username"
            value={values.q}
            onChange={(q) => set({ q })}
            className="w-full sm:w-72"
          />
          <Select
            label="Role"
            hideLabel
            value={values.role}
            onChange={(e) => set({ role: e.target.value })}
            className="w-[calc(50%-0.25rem)] sm:w-36"
          >
            <option value="">All roles</option>
            {ROLES.map((r) => (
              <option key={r} value={r} className="capitalize">
                {r}
              </option>
            ))}
          </Select>
          <Select
            label="Status"
            hideLabel
            value={values.status}
            onChange={(e) => set({ status: e.target.value })}
            className="w-[calc(50%-0.25rem)] sm:w-36"
          >
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="suspended">Suspended</option>
            <option value="deleted">Deleted</option>
          </Select>
        </FilterBar>
        <DataTable
          label="Users"
          columns={6}
          loading={isPending}
          error={error}
          onRetry={() => void refetch()}
          isEmpty={data?.items.length === 0}
          empty={<TableEmpty title="No users found">Try another search.</TableEmpty>}
          head={
            <tr>
              <th className={th}>User</th>
              <th className={th}>Role</th>
              <th className={th}>Status</th>
              <th className={`${th} hidden md:table-cell`}>Last sign-in</th>
              <th className={`${th} hidden lg:table-cell`}>Joined</th>
              <th className={`${th} text-right`}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          }
        >
          {data?.items.map((u) => (
            <UserRow key={u.id} u={u} canChangeRoles={isAdmin} />
          ))}
        </DataTable>
        {data && (
          <Pager
            page={page}
            totalPages={data.total_pages}
            total={data.total}
            onPage={(p) => set({ page: p })}
            noun="user"
          />
        )}
      </Card>
    </>
  );
}
