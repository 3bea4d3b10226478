// Bundles the desktop shell: main.ts (with the service) and preload.ts, each into one
// CommonJS file. The preload must be one file: a sandboxed preload can require only
// 'electron', so the build fails if anything else is left as a require.
// It also bundles the privileged helper into one executable file, desk-helper.cjs, the
// fixed path a sudoers line or the polkit action names.
// Usage: node scripts/build-electron.mjs [--outdir DIR] [--helper-only]   (default dist/electron)
import { build } from 'esbuild';
import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg > 0 ? path.resolve(process.argv[outdirArg + 1] ?? '') : path.join(root, 'dist', 'electron');

/**
 * What dockerode's dependencies load only if they can, each inside try/catch: ssh2's
 * native bindings (sshcrypto.node, cpu-features), which esbuild cannot bundle, and
 * debug's optional supports-color, which is not installed. Each becomes a require that
 * throws, as on a machine where the addon was never built or the package never added,
 * so every bundle stays one self-contained file. (The Desk never uses dockerode's SSH
 * transport: remote hosts go through OpenSSH.)
 */
const OPTIONAL_ABSENT = /\.node$|^supports-color$/;

function optionalModulesAbsent() {
  return {
    name: 'optional-modules-absent',
    setup(build) {
      build.onResolve({ filter: OPTIONAL_ABSENT }, (args) => ({ path: args.path, namespace: 'optional-module-absent' }));
      build.onLoad({ filter: /.*/, namespace: 'optional-module-absent' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`${args.path}: an optional module, not bundled`)});`,
        loader: 'js',
      }));
    },
  };
}

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  external: ['electron'],
  plugins: [optionalModulesAbsent()],
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

// In a CJS bundle import.meta is empty; point import.meta.url at the bundle itself so
// ESM dependencies that use it (to find their own files) still get a file URL.
const importMetaShim = {
  banner: { js: 'const __import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__import_meta_url' },
};

// The helper runs as root under sudo/pkexec, with their clean environment: plain node
// from PATH, no tsx, nothing from the person's shell.
const buildHelper = async () => {
  const outfile = path.join(outdir, 'desk-helper.cjs');
  await build({
    ...common,
    entryPoints: [path.join(root, 'electron/helper/desk-helper.ts')],
    outfile,
    external: [],
    banner: { js: `#!/usr/bin/env node\n${importMetaShim.banner.js}` },
    define: importMetaShim.define,
    target: 'node20',
  });
  await chmod(outfile, 0o755);
  return outfile;
};

if (process.argv.includes('--helper-only')) {
  console.log(`build-electron: wrote ${await buildHelper()}`);
  process.exit(0);
}

await Promise.all([
  buildHelper(),
  build({
    ...common,
    ...importMetaShim,
    entryPoints: [path.join(root, 'electron/main.ts')],
    outfile: path.join(outdir, 'main.cjs'),
    // Electron 45 ships Node 22.
    target: 'node22',
  }),
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/preload.ts')],
    outfile: path.join(outdir, 'preload.cjs'),
    // zod comes along for DESK_METHODS (shared/schemas.ts); minified it parses fast.
    minify: true,
    // Electron 45 ships Chromium 140.
    target: 'chrome140',
  }),
]);

const preload = await readFile(path.join(outdir, 'preload.cjs'), 'utf8');
const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
const stray = required.filter((name) => name !== 'electron');
if (stray.length > 0) {
  console.error(`build-electron: the sandboxed preload would require ${stray.join(', ')}; only 'electron' is available there.`);
  process.exit(1);
}

console.log(`build-electron: wrote ${path.join(outdir, 'main.cjs')}, preload.cjs and desk-helper.cjs`);
