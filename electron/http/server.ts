// The headless shell's HTTP server: the built renderer, POST /api/<method>, and the
// event WebSocket, all behind the token, the Host check, and no CORS at all.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { DESK_EVENTS } from '../../shared/api';
import { DeskError, HTTP_STATUS } from '../../shared/errors';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../content-security';
import { dispatch } from '../desk/dispatch';
import type { DeskService } from '../desk/handlers';
import { eventJson } from './event-json';
import { serveStatic } from './static-files';
import { bearerToken, cookieToken, queryToken, tokenCookie, tokensMatch } from './token';
import { UNAUTHORIZED_SCRIPT_HASH, unauthorizedHtml } from './unauthorized-page';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpShellOptions {
  host: string;
  port: number;
  token: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Request log; never given the token. */
  log?: (line: string) => void;
}

export interface HttpShell {
  server: Server;
  /** http://host:port */
  origin: string;
  close(): Promise<void>;
}

export async function startHttpShell(desk: DeskService, options: HttpShellOptions): Promise<HttpShell> {
  const log = options.log ?? (() => {});
  let allowedHosts = new Set<string>();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      log(`error ${req.method} ${safePath(req)}: ${(error as Error).message}`);
      if (!res.headersSent) sendError(res, DeskError.from(error));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (!allowedHosts.has(req.headers.host ?? '')) {
      // DNS rebinding: a foreign name that resolves here must not reach the API.
      return sendError(res, new DeskError('FORBIDDEN', 'This Host header is not the one the Desk is bound to.'));
    }
    if (url.pathname.startsWith('/api/')) {
      if (!tokensMatch(bearerToken(req), options.token)) {
        return sendError(res, new DeskError('UNAUTHORIZED', 'Missing or wrong token: send Authorization: Bearer <token>.'));
      }
      return handleApi(req, res, url.pathname.slice('/api/'.length));
    }
    const fromQuery = queryToken(url);
    const authorized = [fromQuery, cookieToken(req), bearerToken(req)].some((t) => tokensMatch(t, options.token));
    if (!authorized) return sendUnauthorizedPage(res, fromQuery || cookieToken(req) || bearerToken(req) ? 'wrong' : 'missing');
    if (fromQuery) res.setHeader('Set-Cookie', tokenCookie(options.token));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' });
      return void res.end();
    }
    await serveStatic(options.staticDir, url.pathname, req.method, res);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'POST', 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify({ error: { code: 'INVALID_INPUT', message: 'API calls are POST requests.' } }));
    }
    const body = await readBody(req);
    let payload: unknown;
    try {
      payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      throw new DeskError('INVALID_INPUT', 'The request body is not JSON. Send one JSON object, the call\'s argument.', { field: '(body)' });
    }
    const started = performance.now();
    // The start too: a call that never answers shows as a start with no end.
    log(`POST /api/${method} …`);
    const result = await dispatch(desk, method, payload);
    log(`POST /api/${method} 200 ${Math.round(performance.now() - started)}ms`);
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(result));
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n\r\n`);
    };
    if (!allowedHosts.has(req.headers.host ?? '')) return refuse(403, 'Forbidden');
    // Browsers always send Origin on a WebSocket; another page's script must not listen in.
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.has(originHost(origin))) return refuse(403, 'Forbidden');
    if (url.pathname !== '/api/events') return refuse(404, 'Not Found');
    const token = queryToken(url) ?? bearerToken(req) ?? cookieToken(req);
    if (!tokensMatch(token, options.token)) return refuse(401, 'Unauthorized');
    sockets.handleUpgrade(req, socket, head, (ws) => ws.on('error', () => ws.terminate()));
  });

  // One subscription for every socket (the server tracks them): an event is encoded once,
  // however many windows listen; a job:log batch of 30 MB is not copied per window.
  const offs = DESK_EVENTS.map((event) =>
    desk.on(event, (payload) => {
      if (sockets.clients.size === 0) return;
      // Bytes, sent as a text frame: the page reads JSON text.
      const frame = eventJson(event, payload);
      for (const ws of sockets.clients) if (ws.readyState === ws.OPEN) ws.send(frame, { binary: false });
    }),
  );

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (error) {
    // A port in use: no server, so no subscription left on the service.
    offs.forEach((off) => off());
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const hostPart = options.host.includes(':') ? `[${options.host}]` : options.host;
  allowedHosts = new Set([`${hostPart}:${port}`]);
  // Over an SSH tunnel people type localhost; it names the same loopback.
  if (options.host === '127.0.0.1' || options.host === '::1') allowedHosts.add(`localhost:${port}`);

  return {
    server,
    origin: `http://${hostPart}:${port}`,
    close: async () => {
      offs.forEach((off) => off());
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      return reject(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(): DeskError {
  return new DeskError('PAYLOAD_TOO_LARGE', `The request body is over ${MAX_BODY_BYTES} bytes.`);
}

function sendError(res: ServerResponse, error: DeskError): void {
  res.writeHead(HTTP_STATUS[error.code], { ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: error.toJSON() }));
}

function sendUnauthorizedPage(res: ServerResponse, problem: 'missing' | 'wrong'): void {
  res.writeHead(401, {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY.replace("script-src 'self'", `script-src ${UNAUTHORIZED_SCRIPT_HASH}`),
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(unauthorizedHtml(problem));
}

function originHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return '';
  }
}

/** The path without its query, which may hold the token. */
function safePath(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0]!;
}
