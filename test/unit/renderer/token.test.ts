import { describe, expect, it, vi } from 'vitest';
import { TOKEN_KEY, readToken } from '../../../renderer/transport/token';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('readToken', () => {
  it('takes #token=T, keeps it for reloads and hides it from the address bar', () => {
    const storage = memoryStorage();
    const history = { replaceState: vi.fn() };
    const token = readToken({ location: { hash: '#token=abc', search: '', pathname: '/' }, storage, history });
    expect(token).toBe('abc');
    expect(storage.data.get(TOKEN_KEY)).toBe('abc');
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/');
  });

  it('takes ?token=T too', () => {
    const token = readToken({
      location: { hash: '', search: '?token=xyz', pathname: '/index.html' },
      storage: memoryStorage(),
      history: null,
    });
    expect(token).toBe('xyz');
  });

  it('falls back to the stored token after a reload', () => {
    const storage = memoryStorage({ [TOKEN_KEY]: 'kept' });
    expect(readToken({ location: { hash: '', search: '', pathname: '/' }, storage, history: null })).toBe('kept');
    expect(readToken({ location: { hash: '', search: '', pathname: '/' }, storage: null, history: null })).toBeNull();
  });
});
