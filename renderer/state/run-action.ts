// Every button-driven action: mark it busy, keep its error (with its code) for the
// view that started it, and tell the caller whether it worked.
import { DeskError, type DeskErrorShape } from '../../shared/errors';
import type { StoreApi } from 'zustand/vanilla';
import type { ActionName, DeskState } from './types';

export function toErrorShape(error: unknown): DeskErrorShape {
  return DeskError.from(error).toJSON();
}

export async function runAction(
  store: Pick<StoreApi<DeskState>, 'setState' | 'getState'>,
  name: ActionName,
  work: () => Promise<void>,
): Promise<boolean> {
  const mark = (busy: boolean, error: DeskErrorShape | null) =>
    store.setState((s) => ({
      pending: { ...s.pending, [name]: busy },
      actionErrors: { ...s.actionErrors, [name]: error },
    }));
  mark(true, null);
  try {
    await work();
    mark(false, null);
    return true;
  } catch (error) {
    mark(false, toErrorShape(error));
    return false;
  }
}
