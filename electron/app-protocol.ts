// Serves dist/renderer on app://desk/. Only files inside that folder can be reached:
// a request that resolves outside it, by `..`, encoded slashes or a symlink, is a 404.
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { SECURITY_HEADERS } from './content-security';

/** Privileges for the scheme; must be registered before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  // standard: real origin, relative URLs and 'self' in the CSP work; secure: treated
  // like https (no mixed content); fetch and CORS: Vite's module scripts load with
  // crossorigin and need a scheme that supports them.
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
} as const;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file a URL names inside `root`, or null when it is not ours or would escape.
 * Lexical only; `serveAppFile` also checks the real path for symlinks.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // A decoded NUL or backslash has no business in a renderer asset's name.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${path.posix.normalize(pathname)}`);
  return isWithin(file, base) ? file : null;
}

function isWithin(file: string, base: string): boolean {
  return file.startsWith(base + path.sep) && file !== base;
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Answers one app:// request from `root`. */
export async function serveAppFile(root: string, request: { url: string; method?: string }): Promise<Response> {
  if (request.method && request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405, headers: { ...SECURITY_HEADERS } });
  }
  let file = resolveAppPath(root, request.url);
  if (!file) return notFound();
  try {
    const realRoot = await realpath(root);
    // A path without an extension is a client-side route; the page handles it.
    if (path.extname(file) === '' && !(await isFile(file))) file = path.join(root, 'index.html');
    const real = await realpath(file);
    if (!isWithin(real, realRoot) || !(await isFile(real))) return notFound();
    const body = request.method === 'HEAD' ? null : await readFile(real);
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': mimeType(real), 'Cache-Control': 'no-cache' },
    });
  } catch {
    return notFound();
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
