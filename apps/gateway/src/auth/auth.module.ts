import { Controller, Get, Inject, Module, Query, Req, Res, type DynamicModule } from '@nestjs/common';
import { OidcLogin, type PendingLogin, type SessionClaims } from './oidc-login';
import { CookieSigner, parseCookies, serializeCookie } from './signed-cookie';

export const SESSION_COOKIE = 'educube_session';
export const LOGIN_COOKIE = 'educube_login';
const LOGIN_TTL_SECONDS = 600;

export interface AuthSettings {
  /** undefined: login is disabled (no OIDC_ISSUER). */
  readonly oidc?: { issuer: string; clientId: string; clientSecret: string; sessionSecret: string };
  /** The gateway's own base URL; undefined: taken from the request's Host header. */
  readonly publicUrl?: string;
  readonly sessionTtlSeconds: number;
}

const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

// Just what these handlers use of Fastify's request and reply, so the app needs no fastify types.
interface HttpRequest {
  readonly headers: Record<string, string | string[] | undefined>;
}
interface HttpReply {
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
  private readonly signer?: CookieSigner;

  constructor(@Inject(AUTH_SETTINGS) private readonly settings: AuthSettings) {
    if (settings.oidc) {
      this.login = new OidcLogin(settings.oidc);
      this.signer = new CookieSigner(settings.oidc.sessionSecret);
    }
  }

  @Get('login')
  async startLogin(@Req() req: HttpRequest, @Res() reply: HttpReply, @Query('returnTo') returnTo?: string): Promise<void> {
    if (!this.login || !this.signer) return void page(reply, 503, 'Login disabled', DISABLED);
    let target: { url: string; pending: PendingLogin };
    try {
      target = await this.login.authorizationUrl(this.callbackUrl(req), safeReturnTo(returnTo), LOGIN_TTL_SECONDS);
    } catch (e) {
      return void page(reply, 502, 'Sign-in unavailable', `<p>The identity provider did not answer: ${escapeHtml((e as Error).message)}</p>`);
    }
    reply
      .status(302)
      .header('set-cookie', serializeCookie(LOGIN_COOKIE, this.signer.sign(LOGIN_COOKIE, { ...target.pending }), { maxAgeSeconds: LOGIN_TTL_SECONDS, secure: this.secure() }))
      .header('location', target.url)
      .send();
  }

  @Get('auth/callback')
  async callback(@Req() req: HttpRequest, @Res() reply: HttpReply, @Query() query: Record<string, string | undefined>): Promise<void> {
    if (!this.login || !this.signer) return void page(reply, 503, 'Login disabled', DISABLED);
    const pending = this.signer.verify<PendingLogin>(LOGIN_COOKIE, cookies(req).get(LOGIN_COOKIE));
    const clearLogin = serializeCookie(LOGIN_COOKIE, '', { maxAgeSeconds: 0, secure: this.secure() });
    const fail = (status: number, why: string) => page(reply.header('set-cookie', clearLogin), status, 'Sign-in failed', `<p>${escapeHtml(why)}</p><p><a href="/login">Try again</a></p>`);
    if (!pending) return void fail(400, 'This sign-in has expired or did not start here.');
    if (!query['state'] || query['state'] !== pending.state) return void fail(400, 'The answer from the identity provider does not match this sign-in (state).');
    if (query['error']) return void fail(401, `The identity provider said: ${query['error']} ${query['error_description'] ?? ''}`);
    if (!query['code']) return void fail(400, 'The identity provider sent no code.');
    let session: SessionClaims;
    try {
      session = await this.login.complete(pending, query['code'], this.callbackUrl(req), this.settings.sessionTtlSeconds);
    } catch (e) {
      return void fail(401, (e as Error).message);
    }
    reply
      .status(302)
      .header('set-cookie', [clearLogin, serializeCookie(SESSION_COOKIE, this.signer.sign(SESSION_COOKIE, { ...session }), { maxAgeSeconds: this.settings.sessionTtlSeconds, secure: this.secure() })])
      .header('location', safeReturnTo(pending.returnTo))
      .send();
  }

  @Get('logout')
  async logout(@Req() req: HttpRequest, @Res() reply: HttpReply): Promise<void> {
    reply.header('set-cookie', serializeCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: this.secure() }));
    // Ending the issuer's session too; if it cannot be reached, the local session is gone all the same.
    const elsewhere = this.login ? await this.login.logoutUrl(`${this.base(req)}/`).catch(() => undefined) : undefined;
    reply.status(302).header('location', elsewhere ?? '/').send();
  }

  @Get('me')
  me(@Req() req: HttpRequest, @Res() reply: HttpReply): void {
    if (!this.signer) return void page(reply, 503, 'Login disabled', DISABLED);
    const session = this.signer.verify<SessionClaims>(SESSION_COOKIE, cookies(req).get(SESSION_COOKIE));
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
    return { module: AuthModule, controllers: [AuthController], providers: [{ provide: AUTH_SETTINGS, useValue: settings }] };
  }
}

const DISABLED = '<p>Login is disabled on this gateway: <code>OIDC_ISSUER</code> is not set.</p>';

function cookies(req: HttpRequest): Map<string, string> {
  const header = req.headers['cookie'];
  return parseCookies(Array.isArray(header) ? header.join('; ') : header);
}

function page(reply: HttpReply, status: number, title: string, body: string): HttpReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>EduCube Hub · ${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;background:#0b1f33;color:#e8f1fb}a{color:#8cc8ff}
th{text-align:left;color:#9ab}td,th{padding:.3rem .8rem;border-bottom:1px solid #234}</style></head>
<body><h1>EduCube Hub · ${escapeHtml(title)}</h1>${body}</body></html>`);
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
