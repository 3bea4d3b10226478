import { useEffect } from 'react';
import { AppHeader } from '../components/AppHeader';
import { Notices } from '../components/Notices';
import { Sidebar } from '../components/Sidebar';
import { useDesktopIntegration } from '../lib/desktop';
import { useServiceTheme } from '../lib/theme';
import { useHashRoute } from '../lib/use-hash-route';
import { openFirstScreen } from '../state/first-screen';
import { useDesk, useDeskStore } from '../store-context';
import { CheckpointDialog } from './checkpoint/CheckpointDialog';
import { ContainersView } from './ContainersView';
import { ImagesView } from './ImagesView';
import { JobsView } from './JobsView';
import { RestoreDialog } from './restore/RestoreDialog';
import { RuntimeView } from './RuntimeView';
import { SettingsView } from './SettingsView';

/** The shell: sidebar, header, the view the address names, and what floats above any view. */
export function App({ initialHash = null }: { initialHash?: string | null }) {
  const store = useDeskStore();
  useHashRoute(store, initialHash);
  // The desktop shell's menu and notifications, and the theme from the service's settings.
  useDesktopIntegration();
  useServiceTheme();
  const view = useDesk((s) => s.view);

  // The list first, then the rest (see first-screen.ts); a no-op when main.tsx began it.
  useEffect(() => {
    void openFirstScreen(store);
  }, [store]);

  return (
    <div className="app">
      <Sidebar />
      <div className="app-main">
        <AppHeader />
        <main className="content">
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
        </main>
      </div>
      <CheckpointDialog />
      <RestoreDialog />
      <Notices />
    </div>
  );
}
