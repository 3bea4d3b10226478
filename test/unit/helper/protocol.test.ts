import { describe, expect, it } from 'vitest';
import { encode, LineSplitter, parseHelperMessage, parseShellMessage } from '../../../electron/helper/protocol';

describe('the helper protocol (ndjson)', () => {
  it('encodes one message per line; a payload with newlines stays on one line', () => {
    const line = encode({ id: 1, method: 'addRoot', payload: { path: '/a\nb' } });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(parseShellMessage(line.trim())).toEqual({ id: 1, method: 'addRoot', payload: { path: '/a\nb' } });
  });

  it('splits lines across chunks, a multi-byte character split between two chunks included', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l));
    const bytes = Buffer.from('{"a":"é"}\n{"b":2}\n\n{"c"', 'utf8');
    const cut = bytes.indexOf(0xc3) + 1; // inside é
    splitter.push(bytes.subarray(0, cut));
    splitter.push(bytes.subarray(cut));
    expect(lines).toEqual(['{"a":"é"}', '{"b":2}']);
    splitter.push(':3}\n');
    expect(lines).toEqual(['{"a":"é"}', '{"b":2}', '{"c":3}']);
  });

  it('drops an over-long line and says so', () => {
    const lines: string[] = [];
    let overflows = 0;
    const splitter = new LineSplitter((l) => lines.push(l), 10, () => overflows++);
    splitter.push('x'.repeat(11));
    splitter.push('y\n{"ok":1}\n');
    expect(overflows).toBe(1);
    expect(lines).toEqual(['{"ok":1}']);
  });

  it('reads only shell messages it knows: a numeric id and a method, or a known event to (un)subscribe', () => {
    expect(parseShellMessage('{"id":2,"subscribe":"job:update"}')).toEqual({ id: 2, subscribe: 'job:update' });
    expect(parseShellMessage('{"id":3,"unsubscribe":"job:log"}')).toEqual({ id: 3, unsubscribe: 'job:log' });
    for (const bad of ['nope', '[1]', '{"method":"getOverview"}', '{"id":"1","method":"x"}', '{"id":1.5,"method":"x"}', '{"id":4,"subscribe":"other"}', '{"id":5}']) {
      expect(parseShellMessage(bad), bad).toBeNull();
    }
  });

  it('reads the helper side: ready, answers, refusals with or without an id, events', () => {
    expect(parseHelperMessage('{"ready":{"pid":7}}')).toEqual({ ready: { pid: 7 } });
    expect(parseHelperMessage('{"id":1,"ok":true,"result":[1]}')).toEqual({ id: 1, ok: true, result: [1] });
    expect(parseHelperMessage('{"id":null,"ok":false,"error":{"code":"INVALID_INPUT","message":"m"}}')).toMatchObject({ id: null, ok: false });
    expect(parseHelperMessage('{"event":"containers:changed","payload":{"at":1}}')).toEqual({ event: 'containers:changed', payload: { at: 1 } });
    for (const bad of ['x', '{"event":"nope"}', '{"id":1,"ok":false}', '{"ready":true}']) expect(parseHelperMessage(bad), bad).toBeNull();
  });
});
