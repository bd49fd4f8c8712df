import { useSyncExternalStore } from 'react';

/** Whether the cart drawer is open; any add control or header button can open it. */
let open = false;
const listeners = new Set<() => void>();

export const cartDrawer = {
  open() {
    open = true;
    listeners.forEach((l) => l());
  },
  close() {
    open = false;
    listeners.forEach((l) => l());
  },
};

export const useCartDrawerOpen = () =>
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => open,
    () => false,
  );
