import type { ApolloServerPlugin } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import { metricsRegistry } from '@educube/service-kit';
import { Histogram } from 'prom-client';

export const graphqlOperationSeconds = new Histogram({
  name: 'educube_graphql_operation_seconds',
  help: 'GraphQL operations from request to response, by operation name (bounded) and type',
  labelNames: ['operation', 'type'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/** Distinct operation names kept as labels; later names read `other`, so a client cannot grow the series without bound. */
export const MAX_OPERATION_NAMES = 100;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const TYPES = new Set(['query', 'mutation', 'subscription']);

/** The label of an operation name: anonymous, other (malformed, or past the first MAX_OPERATION_NAMES seen), or the name. */
export function operationLabel(name: string | null | undefined, seen: Set<string>): string {
  if (!name) return 'anonymous';
  if (!NAME.test(name)) return 'other';
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATION_NAMES) return 'other';
  seen.add(name);
  return name;
}

/** Apollo's side: each operation's latency, observed once its response is ready (a refused one too). */
export function operationMetricsPlugin(): ApolloServerPlugin {
  const seen = new Set<string>();
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operation, operationName, request }) {
          const type = operation?.operation && TYPES.has(operation.operation) ? operation.operation : 'unknown';
          // a document that did not parse or validate names no operation a client can rely on: `unknown`
          const label = operation ? operationLabel(operationName ?? request.operationName, seen) : 'unknown';
          graphqlOperationSeconds.observe({ operation: label, type }, (performance.now() - started) / 1000);
          trace.getActiveSpan()?.setAttributes({ 'graphql.operation.name': label, 'graphql.operation.type': type });
        },
      };
    },
  };
}
