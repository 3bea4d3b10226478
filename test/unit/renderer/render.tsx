// Renders a view over a fresh store bound to a fake DeskApi.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createDeskStore, type DeskStore } from '../../../renderer/store';
import { DeskStoreProvider } from '../../../renderer/store-context';
import { preloadViews } from '../../../renderer/views/lazy-views';
import type { FakeDesk } from './fake-desk';

// The app loads these once its first list is on screen; a test renders them at once.
await preloadViews();

export function renderWithStore(ui: ReactElement, desk: FakeDesk): { store: DeskStore } & ReturnType<typeof render> {
  const store = createDeskStore(desk);
  const result = render(<DeskStoreProvider store={store}>{ui}</DeskStoreProvider>);
  return { store, ...result };
}
