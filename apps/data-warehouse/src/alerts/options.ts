import { AlertsInputError, parseAlertsConfig, parseOrThrow, schoolCalendarSchema, type AlertsConfig } from '@educube/alerts';
import { z } from 'zod';
import type { HolidayCalendar } from './observations';

export const ALERTS_OPTIONS = Symbol('ALERTS_OPTIONS');

export interface AlertsOptions {
  readonly config: AlertsConfig;
  readonly holidays: HolidayCalendar;
  /** how often the rules are evaluated; 0 = only when asked (tests) */
  readonly evaluateMs: number;
}

const holidayCalendarSchema = schoolCalendarSchema.pick({ holidays: true, makeupDays: true });

/**
 * A variable holding JSON, checked by `parse` (which throws an AlertsInputError): each problem
 * is reported under the variable's name with the field it is about, so the service refuses to
 * start saying e.g. `ALERTS_CONFIG: silentSource.silentAfterMinutes: Too small …`.
 */
const jsonVariable = <T>(parse: (raw: unknown) => T) =>
  z
    .string()
    .optional()
    .transform((text, ctx): T => {
      try {
        return parse(text === undefined ? undefined : (JSON.parse(text) as unknown));
      } catch (error) {
        if (error instanceof SyntaxError) ctx.addIssue({ code: 'custom', message: `is not JSON: ${error.message}` });
        else if (error instanceof AlertsInputError) for (const p of error.problems) ctx.addIssue({ code: 'custom', message: `${p.path || '(root)'}: ${p.message}` });
        else throw error;
        return z.NEVER;
      }
    });

export const alertsConfigEnv = {
  /** How often the warehouse evaluates its alert rules; 0 turns the timer off. */
  ALERTS_EVALUATE_MS: z.coerce.number().int().min(0).default(60_000),
  /** The rules' configuration as JSON (@educube/alerts' fields; any left out take their defaults). */
  ALERTS_CONFIG: jsonVariable(parseAlertsConfig),
  /** `{ "holidays": [...], "makeupDays": [...] }`: the province's 节假日 and 调休 make-up days (China-time dates). */
  ALERTS_CALENDAR: jsonVariable((raw) => parseOrThrow(holidayCalendarSchema, raw ?? {}, 'alerts calendar')),
};
