import { isoDateTime, regionCode, schoolCode } from '@educube/contracts';
import { z } from 'zod';
import { severity } from './config';

// Alerts as events, past tense and versioned: `{ type, version, data }` like the review events.
// A published version never changes; a new field that old readers must not miss is a v2.

export const RULES = ['silent-source', 'reject-spike', 'indicator-regression', 'attendance-anomaly'] as const;
export const rule = z.enum(RULES);
export type Rule = z.infer<typeof rule>;

/** A part of a subject or id: no whitespace and no `:` (the separator of subjects and alert ids). */
export const idPart = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^\s:/]+$/, 'must not contain whitespace, ":" or "/"');

/** `<rule>:<subject>:<episode>`, e.g. `silent-source:3302030001:timetabling:2026-11-06T09:00:00.000Z`. */
export const alertId = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** Who acted: the same `{ subject, role }` the review events record. */
export const actorRef = z.strictObject({ subject: z.string().min(1).max(128), role: z.string().min(1).max(64) });
export type ActorRef = z.infer<typeof actorRef>;

export const message = z.strictObject({ zh: z.string().min(1).max(1000), en: z.string().min(1).max(1000) });
export type Message = z.infer<typeof message>;

/** Measured values and the thresholds they were compared with; a value may be text (a timestamp). */
export const measures = z.record(z.string().min(1).max(64), z.union([z.number(), z.string().max(200), z.null()]));
export type Measures = z.infer<typeof measures>;

export const AlertRaisedV1 = z.strictObject({
  type: z.literal('AlertRaised'),
  version: z.literal(1),
  data: z.strictObject({
    alertId,
    rule,
    severity,
    school: schoolCode,
    /** The school's county-level region (区/县), from identity's tree: the stream and scope key. */
    district: regionCode,
    /** What the rule watches, within the school: `3302030001:timetabling`, `3302030001:ningxia:item:18`. */
    subject: z.string().min(1).max(200),
    /** When this occurrence began (the last event of a silence, the first outlier day, the time raised). */
    episode: z.string().min(1).max(64),
    source: idPart.optional(),
    standard: idPart.optional(),
    itemId: z.string().min(1).max(64).optional(),
    message,
    observed: measures,
    thresholds: measures,
    raisedAt: isoDateTime,
  }),
});

export const AlertAcknowledgedV1 = z.strictObject({
  type: z.literal('AlertAcknowledged'),
  version: z.literal(1),
  data: z.strictObject({
    alertId,
    by: actorRef,
    at: isoDateTime,
    note: z
      .string()
      .max(2000)
      .refine((s) => s.trim().length > 0, { message: 'must not be blank' })
      .optional(),
  }),
});

/** Why an alert closed: its condition no longer holds, or its rule was switched off. */
export const RESOLUTION_REASONS = ['condition-cleared', 'rule-disabled'] as const;
export const resolutionReason = z.enum(RESOLUTION_REASONS);
export type ResolutionReason = z.infer<typeof resolutionReason>;

export const AlertResolvedV1 = z.strictObject({
  type: z.literal('AlertResolved'),
  version: z.literal(1),
  data: z.strictObject({ alertId, at: isoDateTime, reason: resolutionReason }),
});

export const alertEventSchema = z.discriminatedUnion('type', [AlertRaisedV1, AlertAcknowledgedV1, AlertResolvedV1]);

export type AlertRaised = z.infer<typeof AlertRaisedV1>;
export type AlertAcknowledged = z.infer<typeof AlertAcknowledgedV1>;
export type AlertResolved = z.infer<typeof AlertResolvedV1>;
export type AlertEvent = z.infer<typeof alertEventSchema>;

export const ALERT_STREAM_PREFIX = 'alerts-';

/** One stream per district: `alerts-330203`. Refuses anything but a 6-digit region code. */
export function alertStream(district: string): string {
  if (!regionCode.safeParse(district).success) throw new RangeError(`not a region code (6 digits): ${district}`);
  return `${ALERT_STREAM_PREFIX}${district}`;
}
