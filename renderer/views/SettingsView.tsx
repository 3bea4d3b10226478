import { useEffect } from 'react';
import { ErrorBlock } from '../components/ErrorBlock';
import { useDesk } from '../store-context';
import { AddRootForm } from './settings/AddRootForm';
import { CudaPathForm } from './settings/CudaPathForm';
import { RootsTable } from './settings/RootsTable';
import { RunscBinariesForm } from './settings/RunscBinariesForm';
import { RunscForm } from './settings/RunscForm';
import { ThemeForm } from './settings/ThemeForm';
import { HostsSection } from './hosts/HostsSection';

export function SettingsView() {
  const settings = useDesk((s) => s.settings);
  const settingsError = useDesk((s) => s.settingsError);
  const overview = useDesk((s) => s.overview);
  const loadSettings = useDesk((s) => s.loadSettings);

  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);

  return (
    <div className="view settings-view">
      <div className="view-head">
        <h1>Settings</h1>
      </div>
      <ThemeForm />
      {settingsError && <ErrorBlock error={settingsError} />}
      {settings ? (
        <>
          <RunscForm settings={settings} foundPath={overview?.runsc.path ?? null} />
          <RunscBinariesForm settings={settings} binaries={overview?.runscBinaries ?? []} />
          <CudaPathForm settings={settings} foundPath={overview?.gpu?.cudaCheckpoint.path ?? null} />
        </>
      ) : (
        !settingsError && <p className="muted">Reading settings…</p>
      )}
      <section className="card" aria-labelledby="roots-title">
        <h2 id="roots-title">Roots</h2>
        <p className="small muted">
          Each runsc root the Desk lists containers from, with the global flags passed before every subcommand for it.
        </p>
        <RootsTable roots={overview?.roots ?? []} />
        <AddRootForm />
      </section>
      <HostsSection />
    </div>
  );
}
