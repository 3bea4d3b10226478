import { Suspense, useEffect } from 'react';
import { AppHeader } from '../components/AppHeader';
import { Notices } from '../components/Notices';
import { Sidebar } from '../components/Sidebar';
import { useDesktopIntegration } from '../lib/desktop';
import { useServiceTheme } from '../lib/theme';
import { useHashRoute } from '../lib/use-hash-route';
import { openFirstScreen } from '../state/first-screen';
import { useDesk, useDeskStore } from '../store-context';
import { ContainersView } from './ContainersView';
import { CheckpointDialog, ImagesView, JobsView, preloadViews, RestoreDialog, RuntimeView, SettingsView } from './lazy-views';

/** The shell: sidebar, header, the view the address names, and what floats above any view. */
export function App({ initialHash = null }: { initialHash?: string | null }) {
  const store = useDeskStore();
  useHashRoute(store, initialHash);
  // The desktop shell's menu and notifications, and the theme from the service's settings.
  useDesktopIntegration();
  useServiceTheme();
  const view = useDesk((s) => s.view);

  const listShown = useDesk((s) => s.containers !== null || s.containersError !== null);
  const checkpointOpen = useDesk((s) => s.checkpoint !== null);
  const restoreOpen = useDesk((s) => s.restore !== null);

  // The list first, then the rest (see first-screen.ts); a no-op when main.tsx began it.
  useEffect(() => {
    void openFirstScreen(store);
  }, [store]);
  // The other views' chunks once the first screen has what it came for.
  useEffect(() => {
    if (listShown) void preloadViews();
  }, [listShown]);

  return (
    <div className="app">
      <Sidebar />
      <div className="app-main">
        <AppHeader />
        <main className="content">
          <Suspense fallback={<p className="muted">Loading…</p>}>
          {view === 'containers' ? (
            <ContainersView />
          ) : view === 'images' ? (
            <ImagesView />
          ) : view === 'jobs' ? (
            <JobsView />
          ) : view === 'runtime' ? (
            <RuntimeView />
          ) : (
            <SettingsView />
          )}
          </Suspense>
        </main>
      </div>
      <Suspense fallback={null}>
        {checkpointOpen && <CheckpointDialog />}
        {restoreOpen && <RestoreDialog />}
      </Suspense>
      <Notices />
    </div>
  );
}
