import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { formatDate, formatDateTime } from '../../lib/format';
import { useSession, type Role } from '../../lib/session';
import { fullName, useAdminUsers, useReactivateUser, useSetRole, useSuspendUser } from '../api/users';
import { useOutcomeToast } from '../components/actions';
import { FilterSelect } from '../components/filters';
import { ActionsHeader, PagedTable } from '../components/lists';
import { UserStatusBadge } from '../components/status';
import {
  Badge,
  Card,
  FilterBar,
  PageHeader,
  SearchBox,
  TableEmpty,
  td,
  th,
  useUrlFilters,
} from '../components/ui';
import type { AdminUser, UserStatus } from '../types';

const ROLES: Role[] = ['customer', 'staff', 'admin', 'rider'];
const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: r[0]!.toUpperCase() + r.slice(1) }));
const STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'suspended', label: 'Suspended' },
  { value: 'deleted', label: 'Deleted' },
];

function UserRow({ u, canChangeRoles }: { u: AdminUser; canChangeRoles: boolean }) {
  const { user: me } = useSession();
  const outcome = useOutcomeToast();
  const setRole = useSetRole();
  const suspend = useSuspendUser();
  const reactivate = useReactivateUser();
  const self = me?.id === u.id;
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
                outcome((x: AdminUser) => `${x.email} is now ${x.role}`),
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
                outcome(`${u.email} suspended`),
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
            onClick={() => reactivate.mutate(u.id, outcome(`${u.email} reactivated`))}
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
  const { values, page, bind, setPage } = useUrlFilters(['q', 'role', 'status'] as const);
  const users = useAdminUsers({
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
            {...bind('q')}
            className="w-full sm:w-72"
          />
          <FilterSelect
            label="Role"
            all="All roles"
            options={ROLE_OPTIONS}
            {...bind('role')}
            className="w-[calc(50%-0.25rem)] sm:w-36"
          />
          <FilterSelect
            label="Status"
            all="Any status"
            options={STATUS_OPTIONS}
            {...bind('status')}
            className="w-[calc(50%-0.25rem)] sm:w-36"
          />
        </FilterBar>
        <PagedTable
          label="Users"
          columns={6}
          query={users}
          page={page}
          onPage={setPage}
          noun="user"
          empty={<TableEmpty title="No users found">Try another search.</TableEmpty>}
          head={
            <tr>
              <th className={th}>User</th>
              <th className={th}>Role</th>
              <th className={th}>Status</th>
              <th className={`${th} hidden md:table-cell`}>Last sign-in</th>
              <th className={`${th} hidden lg:table-cell`}>Joined</th>
              <ActionsHeader />
            </tr>
          }
          row={(u) => <UserRow key={u.id} u={u} canChangeRoles={isAdmin} />}
        />
      </Card>
    </>
  );
}
