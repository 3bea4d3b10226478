// The event bridge: queue before dom-ready, flush after, subscribe only while a window
// is open.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { DESK_EVENTS, IPC_EVENT_CHANNEL, type DeskEventName } from '../../../shared/api';
import type { DeskEventSource } from '../../../electron/desk/handlers';
import { createEventBridge, MAX_QUEUED, type EventSink } from '../../../electron/event-bridge';

function fakeSource() {
  const listeners = new Map<DeskEventName, Set<(payload: unknown) => void>>();
  const source: DeskEventSource = {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const fn = listener as (payload: unknown) => void;
      set.add(fn);
      return () => set.delete(fn);
    },
  };
  const listening = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);
  const raise = (payload: unknown, event: DeskEventName = DESK_EVENTS[0]!) =>
    listeners.get(event)?.forEach((fn) => fn(payload));
  return { source, listening, raise };
}

function fakeContents() {
  const emitter = new EventEmitter();
  const sent: unknown[] = [];
  let destroyed = false;
  const contents: EventSink = {
    send: (channel, message) => {
      expect(channel).toBe(IPC_EVENT_CHANNEL);
      sent.push(message);
    },
    isDestroyed: () => destroyed,
    once: (event, listener) => emitter.once(event, listener),
  };
  return {
    contents,
    sent,
    ready: () => emitter.emit('dom-ready'),
    destroy: () => {
      destroyed = true;
      emitter.emit('destroyed');
    },
  };
}

const event = DESK_EVENTS[0]!;

describe('createEventBridge', () => {
  it('does not subscribe until a window is attached', () => {
    const { source, listening } = fakeSource();
    createEventBridge(source);
    expect(listening()).toBe(0);
  });

  it('subscribes to every event once a window is attached', () => {
    const { source, listening } = fakeSource();
    const bridge = createEventBridge(source);
    bridge.attach(fakeContents().contents);
    bridge.attach(fakeContents().contents);
    expect(listening()).toBe(DESK_EVENTS.length);
  });

  it('queues events until dom-ready, then flushes them in order', () => {
    const { source, raise } = fakeSource();
    const bridge = createEventBridge(source);
    const win = fakeContents();
    bridge.attach(win.contents);
    raise(1);
    raise(2);
    expect(win.sent).toEqual([]);
    win.ready();
    expect(win.sent).toEqual([
      { event, payload: 1 },
      { event, payload: 2 },
    ]);
    raise(3);
    expect(win.sent).toHaveLength(3);
    expect(win.sent[2]).toEqual({ event, payload: 3 });
  });

  it('keeps the queue bounded, dropping the oldest', () => {
    const { source, raise } = fakeSource();
    const bridge = createEventBridge(source);
    const win = fakeContents();
    bridge.attach(win.contents);
    for (let i = 0; i < MAX_QUEUED + 10; i++) raise(i);
    win.ready();
    expect(win.sent).toHaveLength(MAX_QUEUED);
    expect(win.sent[0]).toEqual({ event, payload: 10 });
  });

  it('unsubscribes when the last window is destroyed, and again when one opens', () => {
    const { source, listening, raise } = fakeSource();
    const bridge = createEventBridge(source);
    const a = fakeContents();
    const b = fakeContents();
    bridge.attach(a.contents);
    bridge.attach(b.contents);
    a.destroy();
    expect(listening()).toBe(DESK_EVENTS.length);
    b.destroy();
    expect(bridge.size).toBe(0);
    expect(listening()).toBe(0);

    const c = fakeContents();
    bridge.attach(c.contents);
    c.ready();
    raise('again');
    expect(c.sent).toEqual([{ event, payload: 'again' }]);
    expect(a.sent).toEqual([]);
  });

  it('never sends to destroyed contents', () => {
    const { source, raise } = fakeSource();
    const bridge = createEventBridge(source);
    const win = fakeContents();
    bridge.attach(win.contents);
    win.ready();
    // Destroyed without the event having fired yet.
    (win.contents as { isDestroyed: () => boolean }).isDestroyed = () => true;
    raise('late');
    expect(win.sent).toEqual([]);
    expect(bridge.size).toBe(0);
  });

  it('close drops every window and unsubscribes', () => {
    const { source, listening } = fakeSource();
    const bridge = createEventBridge(source);
    bridge.attach(fakeContents().contents);
    bridge.close();
    expect(listening()).toBe(0);
  });
});
