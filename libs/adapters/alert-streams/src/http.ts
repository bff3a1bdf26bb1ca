import { regionCode } from '@educube/contracts';
import { actorRef, AlertAcknowledgedV1, alertCounts, type ActorRef, type AlertCounts, type AlertView, type Problem } from '@educube/alerts';
import { z } from 'zod';

// The alerts API every alert owner serves the same way (the warehouse for ingestion and
// attendance alerts, the assessment for indicator regressions), so the gateway reads both with
// one client:
//   GET  /v1/alerts?region=<code>[&status=open|all][&limit=N]    officers (their subtree) and services
//   POST /v1/alerts/:alertId/acknowledge  { district, note?, by? }
//        by: required from the hub's service (the gateway names the officer it verified),
//            refused from a person (the token names them)

export const MAX_ALERTS_LIMIT = 1000;

export const alertsQuerySchema = z.strictObject({
  region: regionCode,
  status: z.enum(['open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(MAX_ALERTS_LIMIT).default(200),
});
export type AlertsQuery = z.output<typeof alertsQuerySchema>;

export const acknowledgeRequestSchema = z.strictObject({
  /** The district whose stream holds the alert (the list answer gives it with each alert). */
  district: regionCode,
  note: AlertAcknowledgedV1.shape.data.shape.note,
  by: actorRef.optional(),
});
export type AcknowledgeRequest = z.output<typeof acknowledgeRequestSchema>;

export interface AlertsAnswer {
  readonly region: { readonly code: string; readonly name: string; readonly level: string };
  readonly status: 'open' | 'all';
  /** When the owner last evaluated its rules (null: not yet since it started). */
  readonly evaluatedAt: string | null;
  /** Counts over every alert matching the query, not only the `limit` listed. */
  readonly counts: AlertCounts;
  readonly alerts: readonly AlertView[];
}

export function alertsAnswer(region: AlertsAnswer['region'], query: AlertsQuery, all: readonly AlertView[], evaluatedAt: Date | undefined): AlertsAnswer {
  return { region, status: query.status, evaluatedAt: evaluatedAt?.toISOString() ?? null, counts: alertCounts(all), alerts: all.slice(0, query.limit) };
}

/** The HTTP status of a refused acknowledgement: unknown alert 404, a state that forbids it 409, a bad request 400. */
export function acknowledgeRefusalStatus(problems: readonly Problem[]): 400 | 404 | 409 {
  if (problems.some((p) => p.rule === 'alert.unknown')) return 404;
  if (problems.some((p) => p.rule === 'alert.acknowledged' || p.rule === 'alert.resolved')) return 409;
  return 400;
}

/** Who calls: the hub's service, or a person their token names. */
export type AlertsCaller = { readonly kind: 'service' } | { readonly kind: 'person'; readonly subject: string; readonly role: string };

/**
 * Who acknowledges: the officer the hub's service names in `by` (it verified them), or the person
 * calling, as their token says. A person's district must still be checked against their region.
 */
export function acknowledgerOf(
  caller: AlertsCaller,
  by: ActorRef | undefined,
): { readonly ok: true; readonly by: ActorRef } | { readonly ok: false; readonly problems: readonly Problem[] } {
  if (caller.kind === 'service')
    return by
      ? { ok: true, by }
      : {
          ok: false,
          problems: [{ path: 'by', rule: 'required', message: "the hub's service acknowledges for an officer: name them in by { subject, role }" }],
        };
  if (by)
    return { ok: false, problems: [{ path: 'by', rule: 'by.fromToken', message: 'a person acknowledges as themselves (the token names them); leave by out' }] };
  return { ok: true, by: { subject: caller.subject, role: caller.role } };
}

/** zod's issues as the problems the services answer with (path, rule, message). */
export const problemsOfZod = (error: z.ZodError): Problem[] =>
  error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', rule: i.code, message: i.message }));
