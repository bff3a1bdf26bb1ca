import { canonicalJson, canonicalSha256 } from '@educube/canonical-json';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Actor } from '@educube/oidc';
import type { GatewayContext } from './context';
import type { AuditReport } from './upstream/clients';

/** Canonical JSON (keys sorted), so equal variables give equal digests whatever their order. */
export const canonical = (value: unknown): string => canonicalJson(value ?? null);

export const variablesDigest = (variables: unknown): string => canonicalSha256(variables ?? {});

/**
 * Every operation a person runs is written to the hub's one audit log (identity's hash chain):
 * who, the operation, a digest of the variables (what was asked, not the values) and the
 * regions and schools the answer touched. Entries are sent in batches once a second; if identity
 * cannot take them they wait (up to 10,000) and are sent later, and each is also logged.
 */
export class AuditTrail implements OnModuleDestroy {
  private readonly logger = new Logger('gateway-audit');
  private pending: AuditReport[] = [];
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  dropped = 0;

  constructor(
    private readonly send: (entries: readonly AuditReport[]) => Promise<void>,
    flushMs = 1_000,
  ) {
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
  }

  record(actor: Actor | undefined, operation: string, variables: unknown, touched: Iterable<string>, outcome: 'allowed' | 'denied'): AuditReport | undefined {
    if (!actor || actor.kind !== 'person') return undefined;
    const entry: AuditReport = {
      at: new Date().toISOString(),
      actor: actor.subject,
      actorRoles: [...actor.roles],
      operation,
      variablesDigest: variablesDigest(variables),
      regions: [...new Set(touched)].sort().slice(0, 10_000),
      outcome,
    };
    this.logger.log(JSON.stringify({ event: 'graphql.audit', ...entry, regions: entry.regions.length }));
    this.pending.push(entry);
    if (this.pending.length > 10_000) {
      this.dropped += this.pending.length - 10_000;
      this.pending = this.pending.slice(-10_000);
    }
    return entry;
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      while (this.pending.length) {
        const batch = this.pending.slice(0, 1_000);
        try {
          await this.send(batch);
        } catch (error) {
          this.logger.warn(`audit entries wait: identity did not take them (${(error as Error).message})`);
          return;
        }
        this.pending = this.pending.slice(batch.length);
      }
    });
    return this.flushing;
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

/** Apollo's side: one audit entry per operation, once its answer is ready. */
export function auditPlugin(trail: AuditTrail): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, request, operation, errors, operationName }) {
          const kind = operation?.operation ?? 'query';
          // refused by a field's roles or by the limits checked before any resolver ran
          const denied = (errors ?? []).some((e) => ['FORBIDDEN', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED'].includes(String(e.extensions?.['code'])));
          trail.record(
            contextValue.req?.educubeActor as Actor | undefined,
            `${kind} ${operationName ?? request.operationName ?? 'anonymous'}`,
            request.variables,
            contextValue.touched ?? [],
            denied ? 'denied' : 'allowed',
          );
        },
      };
    },
  };
}
