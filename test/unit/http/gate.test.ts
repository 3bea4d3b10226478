// One gate for every input: each DeskApi call, through dispatch, refuses bad input
// naming the field, and the service is never reached.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/desk/dispatch';
import type { DeskHandlers } from '../../../electron/desk/handlers';
import { DESK_METHODS } from '../../../shared/schemas';

function spyService() {
  const called: string[] = [];
  const service = new Proxy({}, { get: (_t, name: string) => async () => void called.push(name) }) as DeskHandlers;
  return { service, called };
}

describe('the validation gate', () => {
  it.each(DESK_METHODS)('%s refuses an unknown key, naming it, and calls nothing', async (method) => {
    const { service, called } = spyService();
    await expect(dispatch(service, method, { surprise: 1 })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: expect.stringContaining('surprise') } });
    await expect(dispatch(service, method, 'not an object')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(called).toEqual([]);
  });

  it.each([
    ['getContainer', { root: '/r', id: 'a/b' }, 'id'],
    ['getContainer', { root: '/r', id: '-rf' }, 'id'],
    ['getContainer', { root: '/r', id: 'x'.repeat(129) }, 'id'],
    ['getContainer', { root: 'r', id: 'a' }, 'root'],
    ['getContainer', { root: '/r/../etc', id: 'a' }, 'root'],
    ['getContainer', { root: '/r\u0000', id: 'a' }, 'root'],
    ['checkpoint', { root: '/r', id: 'a', imagePath: `/${'x'.repeat(5000)}` }, 'imagePath'],
    ['checkpoint', { root: '/r', id: 'a', extraFlags: ['; rm -rf /'] }, 'extraFlags.0'],
    ['checkpoint', { root: '/r', id: 'a', extraFlags: ['--ok', 'value'] }, 'extraFlags.1'],
    ['restore', { imagePath: '/i', id: '../x' }, 'id'],
    ['deleteImage', { path: '/' + '\u0000' }, 'path'],
    ['getJobLog', { jobId: '../../etc', offset: 0 }, 'jobId'],
  ] as const)('%s %j → INVALID_INPUT on %s', async (method, payload, field) => {
    const { service, called } = spyService();
    await expect(dispatch(service, method, payload)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field } });
    expect(called).toEqual([]);
  });

  it('an unknown call is NOT_FOUND', async () => {
    const { service, called } = spyService();
    await expect(dispatch(service, 'constructor', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(dispatch(service, '__proto__', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(called).toEqual([]);
  });
});

describe('the built renderer', () => {
  // Built here, into a temp dir, so the unit suite holds on a fresh clone before any build.
  it('carries a CSP that allows only its own scripts', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'desk-renderer-'));
    try {
      await build({ configFile: join(__dirname, '../../../vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
      const html = readFileSync(join(outDir, 'index.html'), 'utf8');
      const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(html).toMatch(/<script type="module"[^>]* src="\.\/assets\//);
      expect(html).not.toMatch(/<script>(?!<\/script>)/);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 60_000);
});
