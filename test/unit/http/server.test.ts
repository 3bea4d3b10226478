import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DESK_EVENTS, type DeskEvents } from '../../../shared/api';
import type { DeskService } from '../../../electron/desk/handlers';
import { startHttpShell, type HttpShell } from '../../../electron/http/server';

const TOKEN = 'unit-token-abcdef';

/** A service fake: records calls, so a test can prove a refused request reached nothing. */
function fakeDesk() {
  const calls: string[] = [];
  const listeners = new Set<(p: DeskEvents['containers:changed']) => void>();
  const desk = new Proxy({} as Record<string, unknown>, {
    get(_t, name: string) {
      if (name === 'on') {
        return (_e: string, fn: (p: DeskEvents['containers:changed']) => void) => {
          listeners.add(fn);
          return () => listeners.delete(fn);
        };
      }
      if (name === 'then') return undefined;
      return async (req: unknown) => {
        calls.push(name);
        return { method: name, req };
      };
    },
  }) as unknown as DeskService;
  return { desk, calls, emit: (p: DeskEvents['containers:changed']) => listeners.forEach((fn) => fn(p)), listeners };
}

function raw(shell: HttpShell, path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
  const url = new URL(shell.origin);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('the headless shell over HTTP', () => {
  const fake = fakeDesk();
  const staticDir = mkdtempSync(join(tmpdir(), 'desk-static-'));
  const logLines: string[] = [];
  let shell: HttpShell;
  const auth = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };

  beforeAll(async () => {
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>desk</title>');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(staticDir, '..', 'secret.txt'), 'secret');
    shell = await startHttpShell(fake.desk, { host: '127.0.0.1', port: 0, token: TOKEN, staticDir, log: (l) => logLines.push(l) });
  });
  afterAll(() => shell?.close());

  it('answers a call with its JSON result', async () => {
    const res = await raw(shell, '/api/getSettings', { method: 'POST', headers: auth, body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ method: 'getSettings', req: {} });
  });

  it('refuses a missing or wrong token with 401, and calls nothing', async () => {
    const before = fake.calls.length;
    for (const headers of [{}, { Authorization: 'Bearer nope' }, { Authorization: TOKEN }] as Record<string, string>[]) {
      const res = await raw(shell, '/api/getSettings', { method: 'POST', headers, body: '{}' });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body).error.code).toBe('UNAUTHORIZED');
    }
    expect(fake.calls.length).toBe(before);
  });

  it('refuses a foreign Host header with 403 (DNS rebinding)', async () => {
    const res = await raw(shell, '/api/getSettings', { method: 'POST', headers: { ...auth, Host: 'evil.example:80' }, body: '{}' });
    expect(res.status).toBe(403);
  });

  it('refuses a body that is not JSON, or fails its schema, with 400 naming the field', async () => {
    const notJson = await raw(shell, '/api/getSettings', { method: 'POST', headers: auth, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error).toMatchObject({ code: 'INVALID_INPUT', details: { field: '(body)' } });
    const badId = await raw(shell, '/api/getContainer', { method: 'POST', headers: auth, body: JSON.stringify({ root: '/r', id: '../x' }) });
    expect(badId.status).toBe(400);
    expect(JSON.parse(badId.body).error.details.field).toBe('id');
    const unknown = await raw(shell, '/api/rmRf', { method: 'POST', headers: auth, body: '{}' });
    expect(unknown.status).toBe(404);
    expect(fake.calls).not.toContain('getContainer');
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const res = await raw(shell, '/api/getSettings', { method: 'POST', headers: auth, body: Buffer.alloc(1024 * 1024 + 10, 32) });
    expect(res.status).toBe(413);
  });

  it('sends no CORS headers', async () => {
    const res = await raw(shell, '/api/getSettings', { method: 'POST', headers: { ...auth, Origin: 'http://evil.example' }, body: '{}' });
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('serves the page only with the token, and sets a cookie for the assets', async () => {
    const bare = await raw(shell, '/');
    expect(bare.status).toBe(401);
    expect(bare.body).toContain('needs its token');
    expect(bare.body).toContain('color-scheme');
    const wrong = await raw(shell, '/?token=not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('is not the Desk');
    expect(wrong.body).not.toContain('needs its token');
    const withToken = await raw(shell, `/?token=${TOKEN}`);
    expect(withToken.status).toBe(200);
    expect(String(withToken.headers['set-cookie'])).toContain('HttpOnly');
    const asset = await raw(shell, '/assets/app.js', { headers: { Cookie: `desk_token=${TOKEN}` } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('never serves a file outside the renderer folder', async () => {
    const cookie = { Cookie: `desk_token=${TOKEN}` };
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '//etc/passwd']) {
      const res = await raw(shell, path, { headers: cookie });
      expect(res.body, path).not.toContain('secret');
      expect(res.body, path).not.toContain('root:');
    }
  });

  it('streams events on the WebSocket, and refuses a foreign Origin or no token', async () => {
    const url = `${shell.origin.replace('http', 'ws')}/api/events?token=${TOKEN}`;
    const ws = new WebSocket(url, { headers: { Origin: shell.origin } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const message = new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))));
    fake.emit({ containers: [], roots: [], at: 1 });
    expect(JSON.parse(await message)).toEqual({ event: 'containers:changed', payload: { containers: [], roots: [], at: 1 } });
    ws.close();

    for (const [target, headers] of [
      [url, { Origin: 'http://evil.example' }],
      [url.replace(`token=${TOKEN}`, 'token=wrong'), {}],
    ] as const) {
      const refused = new WebSocket(target, { headers });
      const outcome = await new Promise<string>((resolve) => {
        refused.once('open', () => resolve('open'));
        refused.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        refused.once('error', (e) => resolve(e.message));
      });
      expect(outcome).not.toBe('open');
    }
  });

  it('holds one subscription to the service however many windows listen, and drops it on close', async () => {
    const own = fakeDesk();
    const second = await startHttpShell(own.desk, { host: '127.0.0.1', port: 0, token: TOKEN, staticDir, log: () => undefined });
    const subscribed = own.listeners.size;
    expect(subscribed).toBe(DESK_EVENTS.length);
    const url = `${second.origin.replace('http', 'ws')}/api/events?token=${TOKEN}`;
    const windows = [new WebSocket(url), new WebSocket(url)];
    await Promise.all(windows.map((ws) => new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))));
    expect(own.listeners.size).toBe(subscribed);
    const messages = windows.map((ws) => new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data)))));
    own.emit({ containers: [], roots: [], at: 2 });
    for (const message of await Promise.all(messages)) expect(JSON.parse(message)).toMatchObject({ payload: { at: 2 } });
    await second.close();
    expect(own.listeners.size).toBe(0);
  });

  it('keeps the token out of its log', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });
});
