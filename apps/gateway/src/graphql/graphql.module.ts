import { Controller, Get, Header, Inject, Logger, Module, NotFoundException, type DynamicModule } from '@nestjs/common';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { HttpAdapterHost } from '@nestjs/core';
import { sessionActor } from '../auth/session-authenticator';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { IdentityUnavailable, OrgDirectory, VisibleSchools } from '@educube/identity-client';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Actor } from '@educube/oidc';
import { Api, type Authenticator, AUTHENTICATOR, type AuthorizedRequest, isRefusal, Public } from '@educube/service-kit';
import { AuditTrail, auditPlugin } from './audit';
import { createContext, type GatewayContext, type Upstreams } from './context';
import { LiveFeed } from './live';
import { operationMetricsPlugin } from './metrics';
import { AlertResolver } from './resolvers/alert.resolver';
import { QueryResolver } from './resolvers/query.resolver';
import { RegionResolver, RegionStandingResolver } from './resolvers/region.resolver';
import { SchoolResolver } from './resolvers/school.resolver';
import { SubscriptionResolver } from './resolvers/subscription.resolver';
import { AssessmentApi, IdentityApi, Shared, UpstreamUnavailable, WarehouseApi, type Fetch } from './upstream/clients';
import { PEOPLE } from './visibility';
import { z } from 'zod';

export interface GraphqlSettings {
  readonly production: boolean;
  readonly identityUrl: string;
  readonly assessmentUrl: string;
  readonly warehouseUrl: string;
  /** The gateway's service-token fetch per audience (identity, assessment, warehouse). */
  readonly fetchFor: { readonly identity: Fetch; readonly assessment: Fetch; readonly warehouse: Fetch };
  readonly limits: { readonly maxDepth: number; readonly maxAliases: number; readonly maxCost: number; readonly maxTokens: number };
  readonly livePollMs: number;
  /** How long region-level answers of the services are shared between callers (0: not at all). */
  readonly sharedMs: number;
}

export const GRAPHQL_PATH = '/graphql';

/** Every resolver class: the schema is built from these, and each of their fields declares its access. */
export const RESOLVERS = [QueryResolver, AlertResolver, RegionResolver, RegionStandingResolver, SchoolResolver, SubscriptionResolver];

/** A WebSocket opened by a page of this origin (browsers always send Origin on WebSocket handshakes). */
export function sameOrigin(headers: Record<string, string | string[] | undefined>): boolean {
  const origin = headers['origin'];
  const host = headers['host'];
  if (typeof origin !== 'string' || typeof host !== 'string') return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
const logger = new Logger('gateway-graphql');

/** The routes Apollo serves, declared like any controller route: people with a gateway token. */
export const graphqlRoutes = () =>
  (['GET', 'POST'] as const).map((method) => ({
    method,
    path: GRAPHQL_PATH,
    handler: 'Apollo GraphQL',
    access: {
      kind: 'actors' as const,
      roles: PEOPLE,
      scope: 'people with a gateway token; school systems 403; each field declares its own roles and applies identity’s visibility rule',
    },
  }));

const GRAPHIQL_HTML = Symbol('GRAPHIQL_HTML');

@Controller()
class GraphiqlController {
  constructor(@Inject(GRAPHIQL_HTML) private readonly html: string | null) {}

  @Public('the GraphQL IDE page, outside production only; every query it sends needs a token')
  @Api({ summary: 'GraphiQL, outside production', response: { schema: z.string(), contentType: 'text/html' }, errors: [404] })
  @Get('graphiql')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    if (!this.html) throw new NotFoundException();
    return this.html;
  }
}

// GraphiQL from its CDN (the browser fetches it, not the gateway); paste a bearer token in Headers.
const graphiqlPage = (): string => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>EduCube Hub · GraphiQL</title>
<link rel="stylesheet" href="https://unpkg.com/graphiql@3/graphiql.min.css"></head><body style="margin:0"><div id="graphiql" style="height:100vh"></div>
<script crossorigin src="https://unpkg.com/react@18/umd/react.production.min.js"></script>
<script crossorigin src="https://unpkg.com/react-dom@18/umd/react-dom.production.min.js"></script>
<script crossorigin src="https://unpkg.com/graphiql@3/graphiql.min.js"></script>
<script>ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL,{fetcher:GraphiQL.createFetcher({url:'${GRAPHQL_PATH}'}),defaultHeaders:'{"Authorization":"Bearer <access token>"}',isHeadersEditorEnabled:true}));</script>
</body></html>`;

@Module({})
export class GatewayGraphqlModule {
  static forRoot(settings: GraphqlSettings): DynamicModule {
    const upstreams: Upstreams = {
      identity: new IdentityApi(settings.identityUrl, settings.fetchFor.identity),
      assessment: new AssessmentApi(settings.assessmentUrl, settings.fetchFor.assessment, new Shared(settings.sharedMs)),
      warehouse: new WarehouseApi(settings.warehouseUrl, settings.fetchFor.warehouse, new Shared(settings.sharedMs)),
      directory: new OrgDirectory(settings.identityUrl, settings.fetchFor.identity),
      visible: new VisibleSchools(settings.identityUrl, settings.fetchFor.identity),
    };
    const live = new LiveFeed(upstreams, settings.livePollMs);
    const audit = new AuditTrail((entries) => upstreams.identity.audit(entries));
    const armor = new ApolloArmor({
      maxDepth: { n: settings.limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
      maxAliases: { n: settings.limits.maxAliases },
      costLimit: { maxCost: settings.limits.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: true },
      maxTokens: { n: settings.limits.maxTokens },
      maxDirectives: { n: 20 },
      blockFieldSuggestion: { enabled: settings.production },
    }).protect();
    return {
      module: GatewayGraphqlModule,
      imports: [
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [AUTHENTICATOR, HttpAdapterHost],
          useFactory: (authenticator: Authenticator | undefined, host: HttpAdapterHost): ApolloDriverConfig => ({
            path: GRAPHQL_PATH,
            autoSchemaFile: true,
            sortSchema: true,
            graphiql: false,
            introspection: !settings.production,
            // resolvers of object fields are guarded too: every field declares who may read it
            fieldResolverEnhancers: ['guards'],
            // a refused field is an error in a 200 answer; refusals of the whole request are the hook's 401/403
            preserveHttpStatusForExecutionErrors: false,
            plugins: [...armor.plugins, auditPlugin(audit), operationMetricsPlugin()],
            validationRules: armor.validationRules,
            allowBatchedHttpRequests: false,
            includeStacktraceInErrorResponses: false,
            formatError: (formatted, error) => {
              // a service's own error text stays in the gateway's log; the caller learns which service and to retry
              const original = unwrapResolverError(error);
              if (original instanceof UpstreamUnavailable || original instanceof IdentityUnavailable) {
                logger.warn(`graphql: ${original.message}`);
                const service = original instanceof UpstreamUnavailable ? original.service : 'identity';
                return {
                  message: `${service} is unavailable right now; try again`,
                  path: formatted.path,
                  extensions: { code: 'SERVICE_UNAVAILABLE', service },
                };
              }
              return formatted;
            },
            context: async (first: unknown): Promise<GatewayContext> => {
              // Fastify request over HTTP (the hook verified its token); graphql-ws context over WebSocket
              const ws = first as { extra?: { actor?: Actor }; connectionInitReceived?: boolean };
              if (ws && typeof ws === 'object' && 'connectionInitReceived' in ws && ws.extra) {
                const req: AuthorizedRequest & { headers: Record<string, string> } = {
                  headers: {},
                  ...(ws.extra.actor ? { educubeActor: ws.extra.actor } : {}),
                };
                return createContext(req, upstreams);
              }
              return createContext(first as GatewayContext['req'], upstreams);
            },
            subscriptions: {
              'graphql-ws': {
                path: GRAPHQL_PATH,
                // the token is in the connection's init payload: { authorization: "Bearer …" }
                onConnect: async (ctx) => {
                  const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
                  const header =
                    typeof params['authorization'] === 'string'
                      ? params['authorization']
                      : typeof params['Authorization'] === 'string'
                        ? params['Authorization']
                        : undefined;
                  if (!authenticator) return false;
                  if (header === undefined) {
                    // a signed-in browser (the cockpit): its session cookie, from a page of this origin only
                    const request = (ctx.extra as { request?: { headers: Record<string, string | string[] | undefined> } }).request;
                    const actor =
                      request && sameOrigin(request.headers)
                        ? sessionActor({ headers: request.headers, server: host.httpAdapter.getInstance() as never })
                        : undefined;
                    if (!actor || actor.kind !== 'person' || !(PEOPLE as readonly string[]).includes(actor.role)) return false;
                    (ctx.extra as { actor?: Actor }).actor = actor;
                    return true;
                  }
                  try {
                    const actor = (await authenticator.authenticate(header)) as Actor;
                    if (actor.kind !== 'person' || !(PEOPLE as readonly string[]).includes(actor.role)) return false;
                    (ctx.extra as { actor?: Actor }).actor = actor;
                    return true;
                  } catch (error) {
                    if (isRefusal(error)) return false;
                    throw error;
                  }
                },
              },
            },
          }),
        }),
      ],
      controllers: [GraphiqlController],
      providers: [
        { provide: LiveFeed, useValue: live },
        { provide: AuditTrail, useValue: audit },
        { provide: GRAPHIQL_HTML, useValue: settings.production ? null : graphiqlPage() },
        ...RESOLVERS,
      ],
      exports: [AuditTrail, LiveFeed],
    };
  }
}
