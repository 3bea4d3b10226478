import { useEffect } from 'react';
import { AppHeader } from '../components/AppHeader';
import { Notices } from '../components/Notices';
import { Sidebar } from '../components/Sidebar';
import { useDesktopIntegration } from '../lib/desktop';
import { useServiceTheme } from '../lib/theme';
import { useHashRoute } from '../lib/use-hash-route';
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
  useHashRoute(useDeskStore(), initialHash);
  // The desktop shell's menu and notifications, and the theme from the service's settings.
  useDesktopIntegration();
  useServiceTheme();
  const view = useDesk((s) => s.view);
  const refreshOverview = useDesk((s) => s.refreshOverview);
  const refreshContainers = useDesk((s) => s.refreshContainers);

  const refreshImages = useDesk((s) => s.refreshImages);
  const refreshJobs = useDesk((s) => s.refreshJobs);

  useEffect(() => {
    void refreshOverview();
    void refreshContainers();
    // Rows offer Restore from their images, and show the jobs running on them.
    void refreshImages();
    void refreshJobs();
  }, [refreshOverview, refreshContainers, refreshImages, refreshJobs]);

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
