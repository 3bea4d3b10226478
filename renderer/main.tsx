import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { applyTheme, readTheme } from './lib/theme';
import { getDeskStore } from './store';
import { DeskStoreProvider } from './store-context';
import { App } from './views/App';
import './styles.css';

// The contract's schemas come along with DESK_METHODS. Should anything here parse with
// them, zod must not probe `new Function`: the CSP forbids eval and reports the probe.
z.config({ jitless: true });

// Before the first render, so a saved override never flashes the system's scheme.
applyTheme(readTheme());

// The route the page was opened at: reading the token (on the store's creation) clears
// the address bar, and the route must survive that.
const initialHash = window.location.hash;

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

createRoot(container).render(
  <StrictMode>
    <DeskStoreProvider store={getDeskStore()}>
      <App initialHash={initialHash} />
    </DeskStoreProvider>
  </StrictMode>,
);
