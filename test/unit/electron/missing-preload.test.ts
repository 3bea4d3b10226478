// The renderer's choice of DeskApi: the preload's when it loaded; on the desktop's own
// app:// origin without it, a clear error about the preload, never the HTTP client
// (whose errors speak of a server and an SSH tunnel); over http, the HTTP client.
import { describe, expect, it, vi } from 'vitest';
import type { DeskApi } from '../../../shared/api';
import { DeskError } from '../../../shared/errors';
import { DESK_METHODS } from '../../../shared/schemas';
import { pickDesk } from '../../../renderer/api';

const location = (href: string) => {
  const url = new URL(href);
  return { href, origin: url.origin, protocol: url.protocol, hash: url.hash, search: url.search, pathname: url.pathname };
};

describe('pickDesk', () => {
  it("takes the preload's window.desk when there is one", () => {
    const desk = { on: () => () => {} } as unknown as DeskApi;
    expect(pickDesk({ desk, location: location('app://desk/index.html'), storage: null, history: null })).toBe(desk);
  });

  it('on app://desk without window.desk, every call fails naming the preload, and nothing is fetched', async () => {
    const log = vi.fn();
    const fetch = vi.spyOn(globalThis, 'fetch');
    const desk = pickDesk({ desk: undefined, location: location('app://desk/index.html'), storage: null, history: null, log });
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toMatch(/preload\.cjs\) did not load/);
    for (const method of DESK_METHODS) {
      const call = (desk[method] as (request: unknown) => Promise<unknown>)({});
      await expect(call).rejects.toBeInstanceOf(DeskError);
      await expect(call).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/window\.desk.*preload\.cjs.*npm run build/) });
      await expect(call).rejects.not.toMatchObject({ message: expect.stringMatching(/SSH|server/) });
    }
    const off = desk.on('job:update', () => {});
    expect(off).toBeTypeOf('function');
    off();
    expect(fetch).not.toHaveBeenCalled();
    fetch.mockRestore();
  });

  it('over http, with no preload, uses the headless server and its token', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('{"ok":1}', { status: 200 }));
    const desk = pickDesk({ desk: undefined, location: location('http://127.0.0.1:7341/#token=tok-1'), storage: null, history: null });
    await expect(desk.getOverview({})).resolves.toEqual({ ok: 1 });
    expect(fetch).toHaveBeenCalledWith('http://127.0.0.1:7341/api/getOverview', expect.objectContaining({ headers: expect.objectContaining({ Authorization: 'Bearer tok-1' }) }));
    fetch.mockRestore();
  });
});
