import type { DeskErrorShape } from '../../../shared/errors';

/** Whatever a call rejected with, as the shape ErrorBlock shows. */
export function errorShape(error: unknown): DeskErrorShape {
  const e = error as Partial<DeskErrorShape> | null;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') return e as DeskErrorShape;
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
