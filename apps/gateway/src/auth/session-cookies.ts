import fastifyCookie from '@fastify/cookie';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import { z } from 'zod';
import type { PendingLogin, SessionClaims } from './oidc-login';

export const SESSION_COOKIE = 'educube_session';
export const LOGIN_COOKIE = 'educube_login';

/** The secret @fastify/cookie signs with (HMAC-SHA256); undefined when login is disabled. */
export const COOKIE_SECRET = Symbol('COOKIE_SECRET');

/**
 * Registers @fastify/cookie on the gateway's Fastify instance with the session secret. Nest
 * calls this during `app.init()`, after it has added the routes but before the server is ready:
 * Fastify binds hooks to routes only when it gets ready, so the plugin's cookie parsing (onRequest)
 * and writing (onSend) apply to every route, and its decorators to every request and reply.
 */
@Injectable()
export class CookiePlugin implements OnModuleInit {
  constructor(
    private readonly host: HttpAdapterHost<FastifyAdapter>,
    @Inject(COOKIE_SECRET) private readonly secret: string | undefined,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.host.httpAdapter.getInstance().register(fastifyCookie, this.secret ? { secret: this.secret } : {});
  }
}

// Just what these helpers use of the plugin's request and reply decorations.
export interface CookieRequest {
  readonly cookies?: Record<string, string | undefined> | null;
  unsignCookie?(value: string): { valid: boolean; value: string | null };
}
export interface CookieReply {
  setCookie(name: string, value: string, options: CookieOptions): CookieReply;
  clearCookie(name: string, options: CookieOptions): CookieReply;
}
interface CookieOptions {
  signed?: boolean;
  httpOnly: boolean;
  sameSite: 'lax';
  path: string;
  secure: boolean;
  maxAge?: number;
}

// Each cookie's own shape: a value minted for one purpose (the login) never passes for the other (the session).
const schemas = {
  [SESSION_COOKIE]: z.strictObject({
    sub: z.string().min(1),
    preferred_username: z.string().optional(),
    roles: z.array(z.string()),
    region_code: z.string().optional(),
    school_codes: z.array(z.string()),
    exp: z.number(),
  }),
  [LOGIN_COOKIE]: z.strictObject({
    state: z.string().min(1),
    nonce: z.string().min(1),
    verifier: z.string().min(1),
    returnTo: z.string(),
    exp: z.number(),
  }),
};
interface Payloads {
  [SESSION_COOKIE]: SessionClaims;
  [LOGIN_COOKIE]: PendingLogin;
}
type CookieName = keyof Payloads;

/**
 * Sets a signed, HttpOnly, SameSite=Lax cookie carrying `payload` (base64url JSON): scripts never
 * read it, and it rides along on the issuer's redirect back. The browser drops it after maxAgeSeconds; reading
 * it checks the payload's own exp all the same.
 */
export function setSignedCookie<N extends CookieName>(
  reply: CookieReply,
  name: N,
  payload: Payloads[N],
  options: { maxAgeSeconds: number; secure: boolean },
): void {
  const value = Buffer.from(JSON.stringify(payload)).toString('base64url');
  reply.setCookie(name, value, { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: options.secure, maxAge: options.maxAgeSeconds });
}

export function clearCookie(reply: CookieReply, name: CookieName, secure: boolean): void {
  reply.clearCookie(name, { httpOnly: true, sameSite: 'lax', path: '/', secure });
}

/** The payload, or undefined when the cookie is missing, tampered with, of another shape or past its exp. */
export function readSignedCookie<N extends CookieName>(request: CookieRequest, name: N, now: Date = new Date()): Payloads[N] | undefined {
  const raw = request.cookies?.[name];
  if (!raw || !request.unsignCookie) return undefined;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = schemas[name].safeParse(json);
  if (!parsed.success || parsed.data.exp * 1000 <= now.getTime()) return undefined;
  return parsed.data as Payloads[N];
}
