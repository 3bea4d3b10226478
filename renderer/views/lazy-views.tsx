// The views and dialogs the first screen does not show, each in its own chunk: the page
// that paints the container list parses only what that list needs. They are fetched as
// soon as the list is on screen (preloadViews); from then on each renders at once, with
// no Suspense fallback in between, so opening a dialog never flashes "Loading…".
import { lazy, type ComponentType } from 'react';

function lazyView<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () => {
    pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // A chunk that failed to fetch (the shell restarted, say) is fetched again next time.
        pending = null;
        throw error;
      },
    );
    return pending;
  };
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function View(props: P) {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return { View, preload };
}

const images = lazyView(() => import('./ImagesView').then((m) => m.ImagesView));
const jobs = lazyView(() => import('./JobsView').then((m) => m.JobsView));
const runtime = lazyView(() => import('./RuntimeView').then((m) => m.RuntimeView));
const settings = lazyView(() => import('./SettingsView').then((m) => m.SettingsView));
const checkpoint = lazyView(() => import('./checkpoint/CheckpointDialog').then((m) => m.CheckpointDialog));
const restore = lazyView(() => import('./restore/RestoreDialog').then((m) => m.RestoreDialog));

export const ImagesView = images.View;
export const JobsView = jobs.View;
export const RuntimeView = runtime.View;
export const SettingsView = settings.View;
export const CheckpointDialog = checkpoint.View;
export const RestoreDialog = restore.View;

/** Fetches every chunk above; a failure shows when that view is opened, not here. */
export function preloadViews(): Promise<void> {
  return Promise.all([images, jobs, runtime, settings, checkpoint, restore].map((view) => view.preload().catch(() => undefined))).then(() => undefined);
}
