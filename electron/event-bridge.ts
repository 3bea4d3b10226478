// Carries service events to every window. The service polls runsc while anyone
// listens, so it is subscribed only while at least one window is open. A page cannot
// receive IPC before its DOM exists, so events raised earlier are queued per window
// and flushed at dom-ready.
import { DESK_EVENTS, IPC_EVENT_CHANNEL, type DeskEventName } from '../shared/api';
import type { DeskEventSource } from './desk/handlers';

/** The part of Electron's WebContents this module uses. */
export interface EventSink {
  send(channel: string, message: unknown): void;
  isDestroyed(): boolean;
  once(event: 'dom-ready' | 'destroyed', listener: () => void): unknown;
}

export interface EventMessage {
  event: DeskEventName;
  payload: unknown;
}

/** A page that never loads must not make the queue grow without end. */
export const MAX_QUEUED = 200;

interface Target {
  ready: boolean;
  queue: EventMessage[];
}

export interface EventBridge {
  /** Starts delivering to a window; it is dropped when its contents are destroyed. */
  attach(contents: EventSink): void;
  /** How many windows are attached (for tests and logs). */
  readonly size: number;
  /** Drops every window and unsubscribes from the service. */
  close(): void;
}

export function createEventBridge(source: DeskEventSource): EventBridge {
  const targets = new Map<EventSink, Target>();
  let unsubscribe: (() => void) | null = null;

  const deliver = (event: DeskEventName, payload: unknown) => {
    const message: EventMessage = { event, payload };
    for (const [contents, target] of targets) {
      if (contents.isDestroyed()) {
        detach(contents);
      } else if (target.ready) {
        contents.send(IPC_EVENT_CHANNEL, message);
      } else {
        target.queue.push(message);
        if (target.queue.length > MAX_QUEUED) target.queue.shift();
      }
    }
  };

  const subscribe = () => {
    const offs = DESK_EVENTS.map((name) => source.on(name, (payload) => deliver(name, payload)));
    unsubscribe = () => offs.forEach((off) => off());
  };

  const detach = (contents: EventSink) => {
    if (!targets.delete(contents)) return;
    if (targets.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  };

  return {
    attach(contents) {
      if (targets.has(contents) || contents.isDestroyed()) return;
      const target: Target = { ready: false, queue: [] };
      targets.set(contents, target);
      contents.once('dom-ready', () => {
        target.ready = true;
        const queued = target.queue.splice(0);
        if (contents.isDestroyed()) return;
        for (const message of queued) contents.send(IPC_EVENT_CHANNEL, message);
      });
      contents.once('destroyed', () => detach(contents));
      if (!unsubscribe) subscribe();
    },
    get size() {
      return targets.size;
    },
    close() {
      for (const contents of [...targets.keys()]) detach(contents);
    },
  };
}
