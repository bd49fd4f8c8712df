import type { Role } from '../platform/auth.js';
import type { IdentityService } from '../modules/identity/index.js';

/** Demo accounts for the zero-setup start; printed in the start banner. Never seeded in production. */
export const DEMO_ACCOUNTS: {
  role: Role;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}[] = [
  {
    role: 'admin',
    email: 'admin@cartwheel.dev',
    password: 'cartwheel-admin-1',
    firstName: 'Ada',
    lastName: 'Admin',
  },
  {
    role: 'staff',
    email: 'staff@cartwheel.dev',
    password: 'cartwheel-staff-1',
    firstName: 'Sam',
    lastName: 'Staff',
  },
  {
    role: 'customer',
    email: 'shopper@cartwheel.dev',
    password: 'cartwheel-shopper-1',
    firstName: 'Shay',
    lastName: 'Shopper',
  },
  {
    role: 'rider',
    email: 'rider@cartwheel.dev',
    password: 'cartwheel-rider-1',
    firstName: 'Ravi',
    lastName: 'Rider',
  },
];

export async function seedDemoAccounts(identity: IdentityService) {
  for (const a of DEMO_ACCOUNTS) await identity.ensureUser(a);
}
