import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { applyTheme, readTheme } from './lib/theme';
import { openFirstScreen } from './state/first-screen';
import { getDeskStore } from './store';
import { DeskStoreProvider } from './store-context';
import { App } from './views/App';
import './styles.css';

// Before the first render, so a saved override never flashes the system's scheme.
applyTheme(readTheme());

// The route the page was opened at: reading the token (on the store's creation) clears
// the address bar, and the route must survive that.
const initialHash = window.location.hash;

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

// The list's request leaves now, while React draws the shell, not after its first commit.
const store = getDeskStore();
void openFirstScreen(store);

createRoot(container).render(
  <StrictMode>
    <DeskStoreProvider store={store}>
      <App initialHash={initialHash} />
    </DeskStoreProvider>
  </StrictMode>,
);
