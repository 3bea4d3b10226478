// Keeps the address and the store in step: the store's view and selection write the
// hash (a new history entry, so Back goes back), and a hash the person changed (Back,
// a pasted link, a reload) is read into the store.
import { useEffect } from 'react';
import type { DeskStore } from '../store';
import { currentRoute, parseRoute, routeHash, type Route } from './route';

/** Puts the store where the route says. */
export function applyRoute(store: DeskStore, route: Route): void {
  const s = store.getState();
  s.setView(route.view);
  if (route.view === 'containers') {
    const open = s.selected;
    const want = route.container;
    if (want?.root !== open?.root || want?.id !== open?.id) void s.selectContainer(want);
  } else if (route.view === 'images') {
    if (route.image !== s.selectedImage) void s.selectImage(route.image);
  } else if (route.view === 'jobs') {
    if (route.job !== s.selectedJobId) void s.selectJob(route.job);
  }
}

/**
 * `initialHash`: the hash as the page was opened. The token reader clears the address
 * bar before the first render, so main.tsx keeps the route it held.
 */
export function useHashRoute(store: DeskStore, initialHash: string | null): void {
  useEffect(() => {
    const first = parseRoute(initialHash ?? window.location.hash);
    if (first) {
      applyRoute(store, first);
      window.history.replaceState(window.history.state, '', routeHash(first));
    } else {
      window.history.replaceState(window.history.state, '', routeHash(currentRoute(store.getState())));
    }
    // While a route is applied, the store passes through half-way states (the view
    // set, the selection not yet): those must not become history entries.
    let applying = false;
    const onHash = () => {
      const route = parseRoute(window.location.hash);
      if (!route) return;
      applying = true;
      try {
        applyRoute(store, route);
      } finally {
        applying = false;
      }
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    // One action is often several sets (the view, then what is open in it): they make
    // one history entry, written once the action's synchronous part is done.
    let scheduled = false;
    const off = store.subscribe(() => {
      if (applying || scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        const hash = routeHash(currentRoute(store.getState()));
        if (hash !== window.location.hash) window.history.pushState(null, '', hash);
      });
    });
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
      off();
    };
  }, [store, initialHash]);
}
