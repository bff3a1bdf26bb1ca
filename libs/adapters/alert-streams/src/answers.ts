import { actorRef, AlertRaisedV1, resolutionReason, rule, severity } from '@educube/alerts';
import { isoDateTime } from '@educube/contracts';
import { z } from 'zod';

// The answers of the alerts HTTP contract, as every alert owner (the warehouse, the assessment)
// serves them, built from the alert events' own schemas: an alert is its AlertRaised data and what
// happened to it since, so a field the events gain shows here too.

const count = z.number().int().min(0);

const alertView = AlertRaisedV1.shape.data.extend({
  status: z.enum(['raised', 'acknowledged', 'resolved']),
  acknowledged: z.object({ by: actorRef, at: isoDateTime, note: z.string().optional() }).optional(),
  resolved: z.object({ at: isoDateTime, reason: resolutionReason }).optional(),
});

/** `GET /v1/alerts`. */
export const alertsListAnswer = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.string().meta({ description: 'province, city or district' }) }),
  status: z.enum(['open', 'all']),
  evaluatedAt: isoDateTime.nullable().meta({ description: 'when the owner last evaluated its rules (null: not yet since it started)' }),
  counts: z
    .object({
      total: count,
      bySeverity: z.record(severity, count),
      byRule: z.record(rule, z.object({ total: count, warning: count, critical: count })),
    })
    .meta({ description: 'over every alert matching the query, not only the `limit` listed' }),
  alerts: z.array(alertView).meta({ description: 'most urgent first' }),
});

/** `POST /v1/alerts/{alertId}/acknowledge`. */
export const acknowledgeAnswer = z.object({
  alert: alertView,
  appended: count.meta({ description: 'events the acknowledgement appended to the district stream' }),
});
