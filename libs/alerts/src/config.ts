import { z } from 'zod';
import { parseOrThrow } from './errors';

// One configuration object for every rule. Each field has a default, so `alertsConfig()` is
// the documented default configuration and a deployment overrides only what it changes
// (`alertsConfig({ silentSource: { silentAfterMinutes: 90 } })`). The README lists every field.

export const SEVERITIES = ['warning', 'critical'] as const;
export const severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severity>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):([0-5]\d)$/, 'must be a time of day HH:MM (China time), e.g. 07:30');
const minutesOf = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** School hours in China time; the end is exclusive and must come after the start. */
export const schoolHoursSchema = z
  .strictObject({ start: hhmm.default('07:30'), end: hhmm.default('17:30') })
  .refine((h) => minutesOf(h.end) > minutesOf(h.start), { message: 'end must be after start', path: ['end'] });
export type SchoolHours = z.infer<typeof schoolHoursSchema>;

const rate = z.number().min(0).max(1);

const silentSource = z.strictObject({
  enabled: z.boolean().default(true),
  /** School minutes without an event after which a source is silent (raised when strictly more have passed). */
  silentAfterMinutes: z.number().int().min(1).max(100_000).default(60),
  /** School hours for schools whose calendar gives none. */
  schoolHours: schoolHoursSchema.prefault({}),
  severity: severity.default('warning'),
});

const rejectSpike = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** The window the caller counts accepted and rejected events over, in minutes. */
    windowMinutes: z.number().int().min(1).max(1440).default(60),
    /** The days before the window the caller computes the source's baseline reject rate over. */
    baselineDays: z.number().int().min(1).max(90).default(7),
    /** Raise only with at least this many rejected events in the window. */
    minRejects: z.number().int().min(1).default(10),
    /** … and a window reject rate (rejected / (accepted + rejected)) of at least this. */
    minRate: rate.default(0.2),
    /** … and a window rate of at least this many times the baseline rate (a baseline of 0 is passed by any rate). */
    factor: z.number().min(1).max(1000).default(3),
    /** Hysteresis: an open alert resolves once the window has fewer rejected events than this … */
    clearBelowRejects: z.number().int().min(0).default(5),
    /** … or a window rate below this. In between, an open alert stays open and no new one is raised. */
    clearBelowRate: rate.default(0.1),
    severity: severity.default('warning'),
  })
  .superRefine((c, ctx) => {
    if (c.clearBelowRejects > c.minRejects)
      ctx.addIssue({ code: 'custom', path: ['clearBelowRejects'], message: `must not exceed minRejects (${c.minRejects})` });
    if (c.clearBelowRate > c.minRate) ctx.addIssue({ code: 'custom', path: ['clearBelowRate'], message: `must not exceed minRate (${c.minRate})` });
  });

const indicatorRegression = z.strictObject({
  enabled: z.boolean().default(true),
  /**
   * The caller compares standings at most this often (minutes; 0: at every change). An item lost
   * and regained within it — a replay, a burst of corrections — raises nothing; a loss that
   * still stands at the next comparison does.
   */
  compareEveryMinutes: z.number().int().min(0).max(1440).default(15),
  severity: z
    .strictObject({
      /** A met item no longer met. */
      item: severity.default('warning'),
      /** A ★ (veto) item no longer met: it caps the school's stars. */
      vetoItem: severity.default('critical'),
      /** A star lost. */
      star: severity.default('critical'),
    })
    .prefault({}),
});

const attendanceAnomaly = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** The baseline: the school's last this-many school days before the day judged. */
    baselineDays: z.number().int().min(3).max(365).default(20),
    /** Fewer school days of history than this: no judgement. */
    minSamples: z.number().int().min(3).default(10),
    /** Raise when |rate − median| / spread reaches this. */
    zThreshold: z.number().positive().max(100).default(3),
    /** Hysteresis: an open alert resolves once a day's |z| is below this. */
    clearBelowZ: z.number().min(0).max(100).default(2),
    /** The spread never counts as less than this (a rate, 0.01 = one percentage point), so a constant history does not divide by zero. */
    minSpread: z.number().positive().max(1).default(0.01),
    /** `below`: only a drop in attendance alerts; `both`: a jump too (often a duplicated feed). */
    direction: z.enum(['below', 'both']).default('both'),
    severity: severity.default('warning'),
  })
  .superRefine((c, ctx) => {
    if (c.minSamples > c.baselineDays) ctx.addIssue({ code: 'custom', path: ['minSamples'], message: `must not exceed baselineDays (${c.baselineDays})` });
    if (c.clearBelowZ > c.zThreshold) ctx.addIssue({ code: 'custom', path: ['clearBelowZ'], message: `must not exceed zThreshold (${c.zThreshold})` });
  });

export const alertsConfigSchema = z.strictObject({
  silentSource: silentSource.prefault({}),
  rejectSpike: rejectSpike.prefault({}),
  indicatorRegression: indicatorRegression.prefault({}),
  attendanceAnomaly: attendanceAnomaly.prefault({}),
});

export type AlertsConfig = z.output<typeof alertsConfigSchema>;
/** What a deployment writes: any field may be left out and takes its default. */
export type AlertsConfigInput = z.input<typeof alertsConfigSchema>;

/** The configuration with defaults filled in; throws an AlertsInputError naming each bad field. */
export const alertsConfig = (input: AlertsConfigInput = {}): AlertsConfig => parseOrThrow(alertsConfigSchema, input, 'alerts configuration');

export const DEFAULT_ALERTS_CONFIG: AlertsConfig = alertsConfig();

/** The same, for configuration read from a file or the environment (shape unknown until checked). */
export const parseAlertsConfig = (raw: unknown): AlertsConfig => parseOrThrow(alertsConfigSchema, raw ?? {}, 'alerts configuration');
