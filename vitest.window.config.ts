import { defineConfig } from 'vitest/config';

// The real Electron window, on a machine that has Electron's binary and a display (or
// Xvfb): on demand, outside `npm test`, since no CI machine here can fetch the binary.
export default defineConfig({
  test: { include: ['test/window/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 60_000 },
});
