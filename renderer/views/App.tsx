import { useEffect } from 'react';
import { AppHeader } from '../components/AppHeader';
import { Sidebar } from '../components/Sidebar';
import { useDesk } from '../store-context';
import { ContainersView } from './ContainersView';
import { SettingsView } from './SettingsView';

/** The shell: sidebar, header, and the view the sidebar picked. */
export function App() {
  const view = useDesk((s) => s.view);
  const refreshOverview = useDesk((s) => s.refreshOverview);
  const refreshContainers = useDesk((s) => s.refreshContainers);

  useEffect(() => {
    void refreshOverview();
    void refreshContainers();
  }, [refreshOverview, refreshContainers]);

  return (
    <div className="app">
      <Sidebar />
      <div className="app-main">
        <AppHeader />
        <main className="content">{view === 'containers' ? <ContainersView /> : <SettingsView />}</main>
      </div>
    </div>
  );
}
