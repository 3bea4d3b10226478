// Calls to the headless shell's API from an e2e test, with the test token.
import type { APIRequestContext } from '@playwright/test';
import { E2E_TOKEN } from '../../playwright.config';

export async function call<T>(request: APIRequestContext, method: string, body: unknown = {}): Promise<T> {
  const res = await request.post(`/api/${method}`, { data: body, headers: { Authorization: `Bearer ${E2E_TOKEN}` } });
  const json = await res.json();
  if (!res.ok()) throw new Error(`${method}: ${JSON.stringify(json)}`);
  return json as T;
}

export const openDesk = `/#token=${E2E_TOKEN}`;
