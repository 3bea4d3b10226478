import type { DeskApi } from '../shared/api';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser on the headless server. */
    desk?: DeskApi;
  }
}

export {};
