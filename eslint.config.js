// The layering of ../shared/DESIGN.md, enforced: each zone may import only what its
// rule allows, so the shape holds as the code grows. Style is left to review.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = { group: ['node:*'], message: 'This zone runs outside Node; Node built-ins belong in electron/.' };
const ELECTRON = { name: 'electron', message: 'Only the desktop shell (electron/*.ts) may import electron.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    // The contract: runs in the main process and the renderer alike.
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [ELECTRON],
        patterns: [
          NODE_BUILTINS,
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ is the contract; it imports neither the service nor the UI.' },
        ],
      }],
    },
  },
  {
    // The UI: talks to the service only through the DeskApi in shared/.
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [ELECTRON],
        patterns: [
          NODE_BUILTINS,
          { group: ['**/electron/**'], message: 'The renderer reaches the service only through the DeskApi (shared/api.ts).' },
        ],
      }],
    },
  },
  {
    // The service: plain Node, and every file and process goes through its Host.
    files: ['electron/desk/**'],
    ignores: ['electron/desk/host/local-host.ts', 'electron/desk/host/append-queue.ts', 'electron/desk/host/ssh-host.ts', 'electron/desk/host/ssh/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'electron/desk/ is plain Node; it never imports electron.' },
          ...['node:fs', 'node:fs/promises', 'fs', 'fs/promises', 'node:child_process', 'child_process', 'execa'].map((name) => ({
            name,
            message: 'A service touches files and processes only through its Host (electron/desk/host/).',
          })),
        ],
      }],
    },
  },
  {
    files: ['electron/desk/host/local-host.ts', 'electron/desk/host/append-queue.ts', 'electron/desk/host/ssh-host.ts', 'electron/desk/host/ssh/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'electron/desk/ is plain Node; it never imports electron.' }] }],
    },
  },
);
