// The service's events, typed: one bus, shared by the services that announce things and
// the shells that listen. Whoever cares about the number of listeners (polling) watches.
import { EventEmitter } from 'node:events';
import type { DeskEventName, DeskEvents } from '../../../shared/api';

export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly watchers: (() => void)[] = [];

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  emit<E extends DeskEventName>(event: E, payload: DeskEvents[E]): void {
    this.emitter.emit(event, payload);
  }

  on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void): () => void {
    this.emitter.on(event, listener);
    this.changed();
    return () => {
      this.emitter.off(event, listener);
      this.changed();
    };
  }

  listening(event: DeskEventName): boolean {
    return this.emitter.listenerCount(event) > 0;
  }

  /** Called whenever a listener comes or goes. */
  watch(watcher: () => void): void {
    this.watchers.push(watcher);
  }

  clear(): void {
    this.emitter.removeAllListeners();
  }

  private changed(): void {
    for (const watcher of this.watchers) watcher();
  }
}
