import { startTestIssuer, type TestIssuer, type TestTokenSpec } from '@educube/oidc/testing';
import { startService, type RunningService } from '@educube/service-kit';
import { gatewayService, type GatewayConfig } from '../../service';
import { startFakeServices, type FakeServices, type FakeWorld } from './fake-services';

export interface TestGateway {
  readonly url: string;
  readonly issuer: TestIssuer;
  readonly fakes: FakeServices;
  readonly running: RunningService<GatewayConfig>;
  /** POST /graphql as the holder of `spec` (no spec: no token); the HTTP status and the parsed answer. */
  graphql(
    spec: TestTokenSpec | undefined,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{
    status: number;
    body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[] };
  }>;
  close(): Promise<void>;
}

/** The gateway, started as in production, against a test issuer and the fake services. */
export async function startTestGateway(world?: FakeWorld, env: Record<string, string> = {}): Promise<TestGateway> {
  const issuer = await startTestIssuer();
  const fakes = await startFakeServices(world);
  const running = (await startService(gatewayService, {
    PORT: '0',
    LOG_LEVEL: 'silent',
    OIDC_ISSUER: issuer.issuer,
    OIDC_CLIENT_SECRET: 'test-client-secret',
    SESSION_SECRET: 'graphql-test-session-secret-0123456789',
    SERVICE_CLIENT_SECRET: 'test-service-secret',
    IDENTITY_URL: fakes.url,
    ASSESSMENT_URL: `${fakes.url}/assessment`,
    WAREHOUSE_URL: `${fakes.url}/warehouse`,
    LIVE_POLL_MS: '200',
    UPSTREAM_SHARED_MS: '0',
    ...env,
  })) as RunningService<GatewayConfig>;
  return {
    url: running.url,
    issuer,
    fakes,
    running,
    async graphql(spec, query, variables) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(spec ? await issuer.bearer(spec) : {}) };
      const res = await fetch(`${running.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : {} };
    },
    async close() {
      await running.close();
      await fakes.close();
      await issuer.close();
    },
  };
}
