// Views read the store through context, so a test can render them over its own store.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DeskState, DeskStore } from './store';

const StoreContext = createContext<DeskStore | null>(null);

export function DeskStoreProvider({ store, children }: { store: DeskStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for what lives beside the state (the job logs). */
export function useDeskStore(): DeskStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useDesk needs a DeskStoreProvider above it');
  return store;
}

/** Reads one piece of state; keep selectors to one field, or wrap them in useShallow. */
export function useDesk<T>(selector: (state: DeskState) => T): T {
  return useStore(useDeskStore(), selector);
}
