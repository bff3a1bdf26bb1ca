/**
 * The simulated province of `npm start`: its settings (EDUCUBE_SIM_*), and one school-system
 * client per simulated school. The issuer and the feeder are separate processes; both build
 * the same province from the same settings (the simulator is deterministic) and derive each
 * client's secret from one secret of the run, so nothing but a few variables passes between them.
 */
import { simulatedSchoolSystems, type SchoolSystemClient } from '@educube/embedded-issuer';
import { simulateProvince, type Province } from '@educube/simulator';

export interface SimulationSettings {
  readonly enabled: boolean;
  readonly schools: number;
  readonly seed: string;
  /** events per second at most while replaying history */
  readonly ratePerSecond: number;
  /** whole days of history before today that are replayed first */
  readonly daysBack: number;
  /** events per school on a school day (the simulator's default is 150) */
  readonly eventsPerSchoolPerDay: number;
  /**
   * People per school. Smaller than the simulator's 900 students and 60 staff by default: identity
   * takes people commands slowly today (30 schools × 250 people ≈ 32,000 commands took 8 minutes
   * on PGlite), and every event must name a person identity knows before the warehouse takes it.
   */
  readonly studentsPerSchool: number;
  readonly teachersPerSchool: number;
  /**
   * Each school's maturity (the simulator's `maturity` option): `spread` (the default) spreads
   * the schools from starters to leaders so the verdicts show the real range; a number 0–1
   * gives every school that one; `off` is the stream of old, every school near zero.
   */
  readonly maturity: 'spread' | number | 'off';
  /** A few silent sources and bad senders (the simulator's `quirks`); on by default. */
  readonly quirks: boolean;
  /**
   * EDUCUBE_SIM_LEADERS: `on` (the default) or `off`. When on, the few most mature schools of
   * the spread (leaders.ts: at most 3 in the simulator's leaders' band, none with a quirk) get
   * their Ningxia documentary (attested) items through the review chain once the feeder has
   * replayed the history: each uploads one document per item and attests it as its CIO, and
   * every level of the chain accepts it, all through the assessment's HTTP API, so `npm start`
   * shows a few Ningxia schools at ≥ 95 (five stars). The issuer registers those CIOs' and
   * reviewers' clients (person-like client credentials, secrets from the run's secret).
   */
  readonly leaders: boolean;
}

export function simulationSettings(env: NodeJS.ProcessEnv): SimulationSettings {
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number within ${min}–${max}, got "${raw}"`);
    return Math.floor(n);
  };
  const mode = (env['EDUCUBE_SIM'] ?? 'on').toLowerCase();
  const off = (v: string) => ['off', '0', 'false', 'no'].includes(v);
  const rawMaturity = (env['EDUCUBE_SIM_MATURITY'] || 'spread').toLowerCase();
  let maturity: SimulationSettings['maturity'];
  if (rawMaturity === 'spread' || rawMaturity === 'on') maturity = 'spread';
  else if (rawMaturity === 'off' || rawMaturity === 'none' || rawMaturity === 'false' || rawMaturity === 'no') maturity = 'off';
  else {
    const m = Number(rawMaturity);
    if (!Number.isFinite(m) || m < 0 || m > 1)
      throw new Error(`EDUCUBE_SIM_MATURITY must be spread, off or a number within 0–1, got "${env['EDUCUBE_SIM_MATURITY']}"`);
    maturity = m;
  }
  return {
    enabled: !['off', '0', 'false', 'no'].includes(mode),
    schools: int('EDUCUBE_SIM_SCHOOLS', 30, 1, 10_000),
    seed: env['EDUCUBE_SIM_SEED'] || '1',
    ratePerSecond: int('EDUCUBE_SIM_RATE', 200, 1, 1_000_000),
    daysBack: int('EDUCUBE_SIM_DAYS_BACK', 3, 0, 366),
    eventsPerSchoolPerDay: int('EDUCUBE_SIM_EVENTS_PER_DAY', 150, 1, 100_000),
    studentsPerSchool: int('EDUCUBE_SIM_STUDENTS', 120, 1, 10_000),
    teachersPerSchool: int('EDUCUBE_SIM_TEACHERS', 20, 2, 1_000),
    maturity,
    quirks: !off((env['EDUCUBE_SIM_QUIRKS'] || 'on').toLowerCase()),
    leaders: !off((env['EDUCUBE_SIM_LEADERS'] || 'on').toLowerCase()),
  };
}

/** The variables that carry the settings to a child process. */
export function settingsEnv(s: SimulationSettings): Record<string, string> {
  return {
    EDUCUBE_SIM: s.enabled ? 'on' : 'off',
    EDUCUBE_SIM_SCHOOLS: String(s.schools),
    EDUCUBE_SIM_SEED: s.seed,
    EDUCUBE_SIM_RATE: String(s.ratePerSecond),
    EDUCUBE_SIM_DAYS_BACK: String(s.daysBack),
    EDUCUBE_SIM_EVENTS_PER_DAY: String(s.eventsPerSchoolPerDay),
    EDUCUBE_SIM_STUDENTS: String(s.studentsPerSchool),
    EDUCUBE_SIM_TEACHERS: String(s.teachersPerSchool),
    EDUCUBE_SIM_MATURITY: String(s.maturity),
    EDUCUBE_SIM_QUIRKS: s.quirks ? 'on' : 'off',
    EDUCUBE_SIM_LEADERS: s.leaders ? 'on' : 'off',
  };
}

/** A numeric seed stays a number, so `EDUCUBE_SIM_SEED=1` is the province of `{ seed: 1 }` in the simulator's docs. */
const seedOf = (seed: string): number | string => (/^\d+$/.test(seed) ? Number(seed) : seed);

export function province(s: SimulationSettings): Province {
  return simulateProvince({
    seed: seedOf(s.seed),
    schools: s.schools,
    studentsPerSchool: s.studentsPerSchool,
    teachersPerSchool: s.teachersPerSchool,
    ...(s.maturity === 'off' ? {} : { maturity: s.maturity }),
    quirks: s.quirks,
  });
}

export { seedOf };

/** One school system per simulated school (DEV ONLY: secrets derive from the run's secret). */
export const schoolSystemClients = (schoolCodes: readonly string[], runSecret: string): SchoolSystemClient[] =>
  simulatedSchoolSystems(schoolCodes, runSecret, 'sim-school');
