import { AlertsInputError, parseAlertsConfig, type AlertsConfig, type Rule } from '@educube/alerts';
import { z } from 'zod';

/**
 * An environment variable holding JSON, checked by `parse` (which throws an AlertsInputError):
 * each problem is reported under the variable's name with the field it is about, so a service
 * refuses to start saying e.g. `ALERTS_CONFIG: silentSource.silentAfterMinutes: Too small …`.
 */
export const jsonVariable = <T>(parse: (raw: unknown) => T) =>
  z
    .string()
    .optional()
    .transform((text, ctx): T => {
      try {
        return parse(text === undefined ? undefined : (JSON.parse(text) as unknown));
      } catch (error) {
        if (error instanceof SyntaxError) ctx.addIssue({ code: 'custom', message: `is not JSON: ${error.message}` });
        else if (error instanceof AlertsInputError)
          for (const p of error.problems) ctx.addIssue({ code: 'custom', message: `${p.path || '(root)'}: ${p.message}` });
        else throw error;
        return z.NEVER;
      }
    });

/** `ALERTS_CONFIG`: the rules' configuration as JSON (@educube/alerts' fields; any left out take their defaults). */
export const alertsConfigVariable = jsonVariable(parseAlertsConfig);

const SETTINGS: Record<Rule, keyof AlertsConfig> = {
  'silent-source': 'silentSource',
  'reject-spike': 'rejectSpike',
  'indicator-regression': 'indicatorRegression',
  'attendance-anomaly': 'attendanceAnomaly',
};

/** Which of a service's rules the configuration switches off (their open alerts are to be retired). */
export const disabledRules = (config: AlertsConfig, owned: readonly Rule[]): Rule[] => owned.filter((rule) => !config[SETTINGS[rule]].enabled);
