import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server injects an inline React Refresh preamble, which the strict CSP in
// index.html forbids. The built renderer (what both shells load) keeps the CSP; only
// `vite dev` drops it.
function dropCspInDev(): Plugin {
  return {
    name: 'checkpoint-desk:drop-csp-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs, so the same build loads from file://, a custom protocol or
  // the headless server.
  base: './',
  plugins: [react(), dropCspInDev()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
  },
});
