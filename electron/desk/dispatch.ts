// The one gate every shell goes through: a method name and an untrusted payload in,
// a parsed request to the service, a DeskError out on anything bad.
import { DeskError } from '../../shared/errors';
import { isDeskMethod, parseRequest, type DeskMethod } from '../../shared/schemas';
import type { DeskHandlers } from './handlers';

export async function dispatch(desk: DeskHandlers, method: string, payload: unknown): Promise<unknown> {
  if (!isDeskMethod(method)) {
    throw new DeskError('NOT_FOUND', `There is no DeskApi call named "${method}".`, { field: 'method' });
  }
  const request = parseRequest(method, payload);
  const handler = desk[method] as (request: unknown) => Promise<unknown>;
  return handler.call(desk, request);
}

export type { DeskMethod };
