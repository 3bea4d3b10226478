// The service's side of the DeskApi: each call takes its already-parsed request.
import type { DeskEventName, DeskEvents, DeskResults } from '../../shared/api';
import type { DeskMethod, Request } from '../../shared/schemas';

export type DeskHandlers = {
  [M in DeskMethod]: (request: Request<M>) => Promise<DeskResults[M]>;
};

export interface DeskEventSource {
  /** Subscribes; while anyone listens the service polls the roots every 3 s. */
  on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void): () => void;
}

export interface DeskService extends DeskHandlers, DeskEventSource {
  readonly dataDir: string;
  close(): Promise<void>;
}
