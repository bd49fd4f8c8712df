import type { ResponseOf } from '../../lib/api';

export type Address = ResponseOf<'/api/v1/auth/me/addresses'>[number];
/** The address form's fields: an address as the API returns it, less what the server sets. */
export type AddressInput = Omit<Address, 'id' | 'created_at' | 'updated_at'>;
