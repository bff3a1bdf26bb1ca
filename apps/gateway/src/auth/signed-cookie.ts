import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Small signed cookies: `base64url(JSON).base64url(HMAC-SHA256)`. The cookie's name is part of
 * what is signed, so a value minted for one purpose (the login cookie) is never accepted for
 * another (the session). Every value carries `exp` (seconds since the epoch) and is refused after it.
 */
export class CookieSigner {
  constructor(private readonly secret: string) {
    if (secret.length < 32) throw new Error('the session secret must be at least 32 characters');
  }

  sign(purpose: string, payload: Record<string, unknown> & { exp: number }): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(purpose, body)}`;
  }

  /** The payload, or undefined when the value is malformed, tampered with, signed for another purpose or expired. */
  verify<T extends { exp: number }>(purpose: string, value: string | undefined, now: Date = new Date()): T | undefined {
    if (!value) return undefined;
    const dot = value.indexOf('.');
    if (dot <= 0) return undefined;
    const body = value.slice(0, dot);
    const given = Buffer.from(value.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(purpose, body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (typeof payload !== 'object' || payload === null) return undefined;
    const exp = (payload as { exp?: unknown }).exp;
    if (typeof exp !== 'number' || exp * 1000 <= now.getTime()) return undefined;
    return payload as T;
  }

  private mac(purpose: string, body: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}.${body}`).digest('base64url');
  }
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!jar.has(name)) jar.set(name, part.slice(eq + 1).trim());
  }
  return jar;
}

export interface CookieOptions {
  readonly maxAgeSeconds: number;
  readonly secure: boolean;
  readonly path?: string;
}

/** HttpOnly and SameSite=Lax always: scripts never read it, and it rides along on the issuer's redirect back. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${value}`,
    `Path=${options.path ?? '/'}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
