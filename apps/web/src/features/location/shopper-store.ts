import { useEffect } from 'react';
import { storage } from '../../lib/storage';
import { useResolvedStore } from './api/resolve-store';
import { usePostalCode } from './location-store';

/** The store last resolved for a postal code on this device: "postal code:store id". */
const KEY = 'cw.store';

function remembered(postalCode: string): string | undefined {
  const [code, id] = storage.get(KEY)?.split(':') ?? [];
  return code === postalCode && id ? id : undefined;
}

/**
 * The id of the dark store serving the shopper's postal code, which catalog reads pass so stock
 * marks answer for it; undefined without a postal code or when nobody delivers there (stock
 * anywhere). While the store is looked up, the one last seen for this postal code stands in, so
 * a returning shopper's catalog reads need not wait for that lookup nor run twice.
 */
export function useShopperStoreId(): string | undefined {
  const postalCode = usePostalCode();
  const store = useResolvedStore(postalCode);
  const id = store.data?.warehouse.id;
  useEffect(() => {
    if (postalCode && id) storage.set(KEY, `${postalCode}:${id}`);
  }, [postalCode, id]);
  if (!postalCode) return undefined;
  return store.data === undefined ? remembered(postalCode) : id;
}
