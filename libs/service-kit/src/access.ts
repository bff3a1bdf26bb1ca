import { createParamDecorator, HttpException, Injectable, RequestMethod, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { problemResponse, type ProblemDetails } from './problem';

/**
 * Who may call a route, declared on the route itself. There is no default: a route without a
 * declaration refuses every request (and the permission snapshot test fails), so opening a
 * route is always a visible line in a diff.
 */
export type AccessDeclaration =
  | { readonly kind: 'public'; readonly why: string }
  | {
      readonly kind: 'actors';
      /** realm roles that may call it: hub roles, `school_system`, `hub_service` */
      readonly roles: readonly string[];
      /** the scope rule the handler applies to what it returns, in words (the snapshot shows it) */
      readonly scope: string;
    };

export const ACCESS_METADATA = 'educube:access';

/** Anyone, without a token: probes, metrics, discovery, the sign-in flow. Say why. */
export const Public = (why: string) => SetMetadata(ACCESS_METADATA, { kind: 'public', why } satisfies AccessDeclaration);

/** Callers holding one of these roles, with the scope rule the handler applies. */
export const Allow = (roles: readonly string[], scope: string) => SetMetadata(ACCESS_METADATA, { kind: 'actors', roles, scope } satisfies AccessDeclaration);

/** What the guard needs of an actor; each service's handlers get the full actor. */
export interface AuthenticatedActor {
  readonly subject: string;
  readonly role: string;
}

/**
 * The authentication port: bearer header → actor, or a refusal carrying `status` (401/403),
 * `rule` and `path` (the OIDC adapter's AuthRefusal). Structural, so this platform lib
 * depends on no adapter.
 */
export interface Authenticator {
  /** `request`: the whole request, for a service that also accepts its own signed session (the gateway's cookie). */
  authenticate(authorization: string | readonly string[] | undefined, request?: CredentialRequest): Promise<AuthenticatedActor>;
}

/** What of a request an authenticator may read besides the Authorization header. */
export interface CredentialRequest {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

export interface Refusal {
  readonly status: 401 | 403;
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

export const isRefusal = (e: unknown): e is Refusal =>
  e instanceof Error && ((e as Partial<Refusal>).status === 401 || (e as Partial<Refusal>).status === 403) && typeof (e as Partial<Refusal>).rule === 'string';

class AccessRefusal extends Error implements Refusal {
  constructor(
    readonly status: 401 | 403,
    readonly rule: string,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** A refusal with its one reason, in the problem model every service answers in (`path` becomes a JSON Pointer). */
export function problemOf(status: number, title: string, detail: string, rule: string, path: string): ProblemDetails {
  return problemResponse(status, title, detail, [{ path, rule, message: detail }]);
}

/** A refusal as Nest's own exception, so whatever filter a controller has answers it with its status. */
export const refusalException = (r: Refusal): HttpException =>
  new HttpException(problemOf(r.status, r.status === 401 ? 'Unauthenticated' : 'Forbidden', r.message, r.rule, r.path), r.status);

/** A request the hook has authorised carries its actor here. */
export interface AuthorizedRequest {
  educubeActor?: AuthenticatedActor;
  educubeAccess?: AccessDeclaration;
}

/**
 * The request a handler serves: Fastify's for a controller route; for a GraphQL resolver, the one
 * its operation's context carries as `req` (a subscription's context carries a stand-in with the
 * actor its connection authenticated), so resolvers are authorised by the same guard.
 */
export function requestOf(ctx: ExecutionContext): (AuthorizedRequest & { headers?: Record<string, string | string[] | undefined> }) | undefined {
  if (ctx.getType<string>() === 'graphql') return (ctx.getArgByIndex(2) as { req?: AuthorizedRequest } | undefined)?.req;
  return ctx.switchToHttp().getRequest<AuthorizedRequest>();
}

/** The acting caller of a route or resolver declared with Allow (never set on a Public one). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext) => requestOf(ctx)?.educubeActor);

/** Decides a request against its route's declaration; the one place every service authorises. */
export async function authorize(
  declaration: AccessDeclaration,
  authorization: string | readonly string[] | undefined,
  authenticator: Authenticator | undefined,
  request?: CredentialRequest,
): Promise<AuthenticatedActor | undefined> {
  if (declaration.kind === 'public') return undefined;
  if (!authenticator)
    throw new AccessRefusal(
      401,
      'no-issuer',
      'authorization',
      'this service runs without an issuer (ALLOW_NO_ISSUER, development only): no token can be verified, so only public routes answer',
    );
  const actor = await authenticator.authenticate(authorization, request);
  if (!declaration.roles.includes(actor.role)) {
    throw new AccessRefusal(403, 'role', 'realm_access.roles', `a ${actor.role} may not call this route; it is for ${declaration.roles.join(', ')}`);
  }
  return actor;
}

/**
 * Nest's side of the rule: refuses a route that has no declaration, and authorises any request
 * the Fastify hook did not (it runs before the body is read; this is the net behind it).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator | undefined,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const declaration = this.reflector.getAllAndOverride<AccessDeclaration | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    if (!declaration)
      throw refusalException(
        new AccessRefusal(
          403,
          'declared-access',
          'route',
          `${context.getClass().name}.${context.getHandler().name} declares no access rule, so it answers no one`,
        ),
      );
    const request = requestOf(context);
    if (!request) throw refusalException(new AccessRefusal(401, 'bearer-token', 'authorization', 'no request to authorise: a bearer token is required'));
    if (request.educubeAccess === declaration) return true;
    try {
      // A GraphQL operation's endpoint verified the token once; each resolver checks its own roles.
      const verified = request.educubeActor;
      if (verified && declaration.kind === 'actors') {
        if (!declaration.roles.includes(verified.role))
          throw new AccessRefusal(403, 'role', 'realm_access.roles', `a ${verified.role} may not ask for this; it is for ${declaration.roles.join(', ')}`);
        return true;
      }
      if (declaration.kind === 'public') return true;
      request.educubeActor = await authorize(
        declaration,
        request.headers?.['authorization'],
        this.authenticator,
        request.headers ? (request as CredentialRequest) : undefined,
      );
    } catch (error) {
      throw isRefusal(error) ? refusalException(error) : error;
    }
    request.educubeAccess = declaration;
    return true;
  }
}

export interface RouteAccess {
  readonly method: string;
  /** as Fastify matches it: /v1/schools/:code */
  readonly path: string;
  readonly handler: string;
  readonly access: AccessDeclaration | undefined;
}

const joinPath = (...parts: string[]): string => {
  const joined = `/${parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
  return joined;
};

/**
 * Routes a service serves without a controller (the GraphQL endpoint a driver registers), with
 * their access declared where the service is defined; they join the snapshot and the hook's map.
 */
export const DECLARED_ROUTES = Symbol('DECLARED_ROUTES');

/** Every route of a running Nest app with its declared access, sorted: the permission snapshot. */
export function routeTable(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector, declared: readonly RouteAccess[] = []): RouteAccess[] {
  const routes: RouteAccess[] = [...declared];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    const type = wrapper.metatype as (abstract new (...args: never[]) => unknown) | undefined;
    if (!instance || !type) continue;
    const base = Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined;
    const bases = Array.isArray(base) ? base : [base ?? ''];
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as (...args: unknown[]) => unknown;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET';
      const access = reflector.getAllAndOverride<AccessDeclaration | undefined>(ACCESS_METADATA, [handler, type]);
      for (const b of bases)
        for (const p of Array.isArray(path) ? path : [path]) routes.push({ method, path: joinPath(b, p), handler: `${type.name}.${name}`, access });
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** `GET /v1/x` etc. → declaration, for the hook that authorises before the body is read. */
export function accessByRoute(routes: readonly RouteAccess[]): Map<string, AccessDeclaration> {
  const map = new Map<string, AccessDeclaration>();
  for (const r of routes) if (r.access) map.set(`${r.method} ${r.path}`, r.access);
  return map;
}

/** One line per route for the snapshot a reviewer reads: `GET /v1/feed  hub_service — scope`. */
export function describeRoutes(routes: readonly RouteAccess[]): string[] {
  return routes.map(
    (r) =>
      `${r.method.padEnd(6)} ${r.path.padEnd(52)} ${r.access === undefined ? 'UNDECLARED' : r.access.kind === 'public' ? `public — ${r.access.why}` : `${r.access.roles.join(', ')} — ${r.access.scope}`}`,
  );
}

/** The permission snapshot of a started service: one line per route, and the routes that declare nothing. */
export function permissionSnapshot(app: { get<T>(type: abstract new (...args: never[]) => T): T; get<T>(token: symbol, options: { strict: boolean }): T }): {
  text: string;
  undeclared: string[];
} {
  const routes = routeTable(app.get(DiscoveryService), app.get(MetadataScanner), app.get(Reflector), declaredRoutesOf(app));
  return { text: `${describeRoutes(routes).join('\n')}\n`, undeclared: routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path} (${r.handler})`) };
}

function declaredRoutesOf(app: { get<T>(token: symbol, options: { strict: boolean }): T }): readonly RouteAccess[] {
  try {
    return app.get<readonly RouteAccess[]>(DECLARED_ROUTES, { strict: false }) ?? [];
  } catch {
    return [];
  }
}
