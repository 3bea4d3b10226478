// The app:// handler against a real temporary dist/renderer, with a secret beside it
// that no URL may reach.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, resolveAppPath, serveAppFile } from '../../../electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/content-security';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'desk-protocol-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Checkpoint Desk</title>');
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(path.join(base, 'secret.txt'), 'do not serve');
  await writeFile(path.join(base, 'renderer-evil.txt'), 'nor this');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => serveAppFile(root, { url, method });

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
  });

  it('serves index.html with the CSP and its type', async () => {
    const response = await get('app://desk/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('Checkpoint Desk');
  });

  it('serves / as index.html', async () => {
    expect(await (await get('app://desk/')).text()).toContain('Checkpoint Desk');
  });

  it('serves assets with a type a module script accepts', async () => {
    const js = await get('app://desk/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://desk/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers a client-side route with the page', async () => {
    const response = await get('app://desk/jobs');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Checkpoint Desk');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://desk/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('refuses to write', async () => {
    expect((await get('app://desk/index.html', 'POST')).status).toBe(405);
  });

  it.each([
    'app://desk/../secret.txt',
    'app://desk/%2e%2e/secret.txt',
    'app://desk/%2e%2e%2fsecret.txt',
    'app://desk/assets/..%2f..%2fsecret.txt',
    'app://desk/..%5csecret.txt',
    'app://desk/%2e%2e/renderer-evil.txt',
    'app://desk/assets/link.txt',
    'app://desk/missing.js',
    'app://desk/%00index.html',
    'app://desk/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('gives %s a 404 and nothing from outside', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).not.toContain('do not serve');
    expect(body).not.toContain('nor this');
  });

  it('never resolves a path outside the root', () => {
    for (const url of ['app://desk/../../etc/passwd', 'app://desk/%2e%2e/%2e%2e/etc/passwd']) {
      const file = resolveAppPath(root, url);
      expect(file === null || file.startsWith(root + path.sep)).toBe(true);
    }
  });
});
