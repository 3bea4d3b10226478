// A value kept for a remote host: answered as is while fresh, answered while it is asked
// again once stale, waited for once too old; a failed or refused load is never kept.
import { describe, expect, it } from 'vitest';
import { Revalidating } from '../../../electron/desk/revalidating';

function clockedLoader<T>(values: (() => T)[]) {
  let clock = 1000;
  let loads = 0;
  const load = async () => values[loads++]!();
  return { load, loads: () => loads, now: () => clock, advance: (ms: number) => (clock += ms) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Revalidating', () => {
  it('loads once while fresh, and shares one load among concurrent callers', async () => {
    const l = clockedLoader([() => 'a', () => 'b']);
    const cache = new Revalidating(l.load, { freshMs: 100, maxAgeMs: 1000, now: l.now });
    expect(await Promise.all([cache.get(), cache.get()])).toEqual(['a', 'a']);
    l.advance(99);
    expect(await cache.get()).toBe('a');
    expect(l.loads()).toBe(1);
  });

  it('answers a stale value at once and refreshes it behind the caller, once', async () => {
    const l = clockedLoader([() => 'a', () => 'b']);
    const cache = new Revalidating(l.load, { freshMs: 100, maxAgeMs: 1000, now: l.now });
    await cache.get();
    l.advance(100);
    expect(await Promise.all([cache.get(), cache.get()])).toEqual(['a', 'a']);
    await settle();
    expect(l.loads()).toBe(2);
    expect(await cache.get()).toBe('b');
    expect(l.loads()).toBe(2);
  });

  it('waits for a new value once the kept one is older than the maximum age', async () => {
    const l = clockedLoader([() => 'a', () => 'b']);
    const cache = new Revalidating(l.load, { freshMs: 100, maxAgeMs: 1000, now: l.now });
    await cache.get();
    l.advance(1000);
    expect(await cache.get()).toBe('b');
  });

  it('keeps neither a failed load nor a refused value: the next call waits for a new one', async () => {
    const l = clockedLoader<string>([
      () => 'a',
      () => {
        throw new Error('host gone');
      },
      () => 'unusable',
      () => 'c',
    ]);
    const cache = new Revalidating(l.load, { freshMs: 100, maxAgeMs: 1000, keep: (v) => v !== 'unusable', now: l.now });
    await cache.get();
    l.advance(150);
    // The stale answer; its refresh fails, and drops it.
    expect(await cache.get()).toBe('a');
    await settle();
    expect(await cache.get()).toBe('unusable');
    expect(await cache.get()).toBe('c');
    expect(l.loads()).toBe(4);
  });

  it('forget: the next call waits, and a load started before it does not fill the cache', async () => {
    let release: (v: string) => void = () => undefined;
    let loads = 0;
    const cache = new Revalidating(
      () => (++loads === 1 ? new Promise<string>((resolve) => (release = resolve)) : Promise.resolve(`v${loads}`)),
      { freshMs: 100, maxAgeMs: 1000 },
    );
    const first = cache.get();
    cache.forget();
    release('old');
    expect(await first).toBe('old');
    expect(await cache.get()).toBe('v2');
    expect(await cache.get()).toBe('v2');
    expect(loads).toBe(2);
  });
});
