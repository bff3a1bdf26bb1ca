import { Controller, Get, Inject, Module, Query, Req, Res, type DynamicModule } from '@nestjs/common';
import { Api, Public } from '@educube/service-kit';
import { OidcLogin, type PendingLogin, type SessionClaims } from './oidc-login';
import {
  clearCookie,
  COOKIE_SECRET,
  CookiePlugin,
  LOGIN_COOKIE,
  readSignedCookie,
  SESSION_COOKIE,
  setSignedCookie,
  type CookieReply,
  type CookieRequest,
} from './session-cookies';
import { z } from 'zod';

const LOGIN_TTL_SECONDS = 600;

export interface AuthSettings {
  /** undefined: login is disabled (no OIDC_ISSUER). */
  readonly oidc?: { issuer: string; clientId: string; clientSecret: string; sessionSecret: string };
  /** The gateway's own base URL; undefined: taken from the request's Host header. */
  readonly publicUrl?: string;
  readonly sessionTtlSeconds: number;
}

const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

// Just what these handlers use of Fastify's request and reply (with @fastify/cookie's decorations),
// so the app needs no fastify types.
interface HttpRequest extends CookieRequest {
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
}
interface HttpReply extends CookieReply {
  status(code: number): HttpReply;
  header(name: string, value: string | string[]): HttpReply;
  send(body?: string): HttpReply;
}

/** A local path only ("/me", "/x?y"), never another origin ("//evil", "https://…"). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/me';
}

@Controller()
class AuthController {
  private readonly login?: OidcLogin;

  constructor(@Inject(AUTH_SETTINGS) private readonly settings: AuthSettings) {
    if (settings.oidc) this.login = new OidcLogin(settings.oidc);
  }

  @Public('the sign-in flow: it establishes who the caller is')
  @Api({
    summary: 'starts the sign-in at the issuer (302 there)',
    query: z.object({ returnTo: z.string().optional() }),
    response: { status: 302, description: 'to the issuer' },
    responses: [
      { status: 502, description: 'the issuer did not answer', schema: z.string(), contentType: 'text/html' },
      { status: 503, description: 'login disabled', schema: z.string(), contentType: 'text/html' },
    ],
  })
  @Get('login')
  async startLogin(@Req() req: HttpRequest, @Res() reply: HttpReply, @Query('returnTo') returnTo?: string): Promise<void> {
    if (!this.login) return void page(reply, 503, 'Login disabled', DISABLED);
    let target: { url: string; pending: PendingLogin };
    try {
      target = await this.login.authorizationUrl(this.callbackUrl(req), safeReturnTo(returnTo), LOGIN_TTL_SECONDS);
    } catch (e) {
      return void page(reply, 502, 'Sign-in unavailable', `<p>The identity provider did not answer: ${escapeHtml((e as Error).message)}</p>`);
    }
    setSignedCookie(reply, LOGIN_COOKIE, target.pending, { maxAgeSeconds: LOGIN_TTL_SECONDS, secure: this.secure() });
    reply.status(302).header('location', target.url).send();
  }

  @Public('the sign-in flow: it establishes who the caller is')
  @Api({
    summary: "the issuer's answer: sets the session cookie, 302 to where the sign-in started",
    query: z.object({ state: z.string().optional(), code: z.string().optional(), error: z.string().optional(), error_description: z.string().optional() }),
    response: { status: 302, description: 'signed in' },
    responses: [
      { status: 400, description: 'expired or foreign sign-in', schema: z.string(), contentType: 'text/html' },
      { status: 401, description: 'the issuer refused', schema: z.string(), contentType: 'text/html' },
    ],
  })
  @Get('auth/callback')
  async callback(@Req() req: HttpRequest, @Res() reply: HttpReply, @Query() query: Record<string, string | undefined>): Promise<void> {
    if (!this.login) return void page(reply, 503, 'Login disabled', DISABLED);
    const pending = readSignedCookie(req, LOGIN_COOKIE);
    // The login cookie is good for one answer from the issuer, whatever that answer is.
    clearCookie(reply, LOGIN_COOKIE, this.secure());
    const fail = (status: number, why: string) => page(reply, status, 'Sign-in failed', `<p>${escapeHtml(why)}</p><p><a href="/login">Try again</a></p>`);
    if (!pending) return void fail(400, 'This sign-in has expired or did not start here.');
    if (!query['state'] || query['state'] !== pending.state)
      return void fail(400, 'The answer from the identity provider does not match this sign-in (state).');
    if (query['error']) return void fail(401, `The identity provider said: ${query['error']} ${query['error_description'] ?? ''}`);
    if (!query['code']) return void fail(400, 'The identity provider sent no code.');
    let session: SessionClaims;
    try {
      // The redirect URI as sent in the authorization request, with the query the issuer answered with.
      const answered = new URL(this.callbackUrl(req));
      answered.search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      session = await this.login.complete(pending, answered, this.settings.sessionTtlSeconds);
    } catch (e) {
      return void fail(401, (e as Error).message);
    }
    setSignedCookie(reply, SESSION_COOKIE, session, { maxAgeSeconds: this.settings.sessionTtlSeconds, secure: this.secure() });
    reply.status(302).header('location', safeReturnTo(pending.returnTo)).send();
  }

  @Public('the sign-in flow: it establishes who the caller is')
  @Api({ summary: 'ends the session here and at the issuer', response: { status: 302, description: 'signed out' } })
  @Get('logout')
  async logout(@Req() req: HttpRequest, @Res() reply: HttpReply): Promise<void> {
    clearCookie(reply, SESSION_COOKIE, this.secure());
    // Ending the issuer's session too; if it cannot be reached, the local session is gone all the same.
    const elsewhere = this.login ? await this.login.logoutUrl(`${this.base(req)}/`).catch(() => undefined) : undefined;
    reply
      .status(302)
      .header('location', elsewhere ?? '/')
      .send();
  }

  @Public('the sign-in flow: it establishes who the caller is')
  @Api({
    summary: 'who the session says you are',
    response: { schema: z.string(), contentType: 'text/html' },
    responses: [{ status: 302, description: 'not signed in: to /login' }],
  })
  @Get('me')
  me(@Req() req: HttpRequest, @Res() reply: HttpReply): void {
    if (!this.login) return void page(reply, 503, 'Login disabled', DISABLED);
    const session = readSignedCookie(req, SESSION_COOKIE);
    if (!session) return void reply.status(302).header('location', '/login?returnTo=%2Fme').send();
    page(
      reply,
      200,
      'Who you are',
      `<table>
<tr><th>user</th><td id="username">${escapeHtml(session.preferred_username ?? '')}</td></tr>
<tr><th>subject</th><td id="sub">${escapeHtml(session.sub)}</td></tr>
<tr><th>roles</th><td id="roles">${escapeHtml(session.roles.join(', '))}</td></tr>
<tr><th>region</th><td id="region">${escapeHtml(session.region_code ?? '(none)')}</td></tr>
<tr><th>schools</th><td id="schools">${escapeHtml(session.school_codes.join(', ') || '(none)')}</td></tr>
<tr><th>signed in until</th><td>${new Date(session.exp * 1000).toISOString()}</td></tr>
</table><p><small>this app: ${escapeHtml(this.base(req))}</small></p><p><a href="/">cockpit</a> · <a href="/logout">sign out</a></p>`,
    );
  }

  private base(req: HttpRequest): string {
    if (this.settings.publicUrl) return this.settings.publicUrl.replace(/\/$/, '');
    const host = req.headers['host'];
    return `http://${typeof host === 'string' ? host : '127.0.0.1'}`;
  }
  private callbackUrl(req: HttpRequest): string {
    return `${this.base(req)}/auth/callback`;
  }
  private secure(): boolean {
    return this.settings.publicUrl?.startsWith('https:') ?? false;
  }
}

@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      controllers: [AuthController],
      providers: [{ provide: AUTH_SETTINGS, useValue: settings }, { provide: COOKIE_SECRET, useValue: settings.oidc?.sessionSecret }, CookiePlugin],
    };
  }
}

const DISABLED = '<p>Login is disabled on this gateway: <code>OIDC_ISSUER</code> is not set.</p>';

function page(reply: HttpReply, status: number, title: string, body: string): HttpReply {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>EduCube Hub · ${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;background:#0b1f33;color:#e8f1fb}a{color:#8cc8ff}
th{text-align:left;color:#9ab}td,th{padding:.3rem .8rem;border-bottom:1px solid #234}</style></head>
<body><h1>EduCube Hub · ${escapeHtml(title)}</h1>${body}</body></html>`);
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
