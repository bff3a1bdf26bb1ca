import { parseOrThrow, schoolCalendarSchema, type AlertsConfig } from '@educube/alerts';
import { alertsConfigVariable, jsonVariable } from '@educube/alert-streams';
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

export const alertsConfigEnv = {
  /** How often the warehouse evaluates its alert rules; 0 turns the timer off. */
  ALERTS_EVALUATE_MS: z.coerce.number().int().min(0).default(60_000),
  /** The rules' configuration as JSON (@educube/alerts' fields; any left out take their defaults). */
  ALERTS_CONFIG: alertsConfigVariable,
  /** `{ "holidays": [...], "makeupDays": [...] }`: the province's 节假日 and 调休 make-up days (China-time dates). */
  ALERTS_CALENDAR: jsonVariable((raw) => parseOrThrow(holidayCalendarSchema, raw ?? {}, 'alerts calendar')),
};
