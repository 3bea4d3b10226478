// The built renderer, served by the same containment rules as the desktop's app://.
import type { ServerResponse } from 'node:http';
import { APP_HOST, APP_SCHEME } from '../app-origin';
import { serveAppFile } from '../app-protocol';

export async function serveStatic(root: string, pathname: string, method: string, res: ServerResponse): Promise<void> {
  // Rebuilt from the raw path: `new URL` re-normalises it the way serveAppFile expects.
  const response = await serveAppFile(root, { url: `${APP_SCHEME}://${APP_HOST}${pathname}`, method });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  res.writeHead(response.status, headers);
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}
