import { useSyncExternalStore } from 'react';
import { storage } from '../../lib/storage';

/** The shopper's delivery postal code, remembered on this device and shared by its tabs. */
const KEY = 'cw.postal_code';
const listeners = new Set<() => void>();
let current = storage.get(KEY);

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    current = e.newValue;
    listeners.forEach((l) => l());
  });
}

export const locationStore = {
  get: () => current,
  set(postalCode: string | null) {
    current = postalCode;
    storage.set(KEY, postalCode);
    listeners.forEach((l) => l());
  },
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

export const usePostalCode = () =>
  useSyncExternalStore(locationStore.subscribe, locationStore.get, locationStore.get);
