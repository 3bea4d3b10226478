// The headless shell's token: compared in constant time, carried by header, query or
// the cookie set on the first page load.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const COOKIE_NAME = 'desk_token';

export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Hashing first makes the comparison constant-time whatever the lengths. */
export function tokensMatch(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

export function queryToken(url: URL): string | null {
  return url.searchParams.get('token');
}

export function cookieToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE_NAME) return decodeURIComponent(value.join('='));
  }
  return null;
}

export function tokenCookie(token: string): string {
  // HttpOnly: page scripts never see it; Strict: no other site's request carries it.
  return `${COOKIE_NAME}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
}
