/**
 * What the real assessment engine makes of a simulated province, as `npm start` streams it: the
 * figures of the README's "What the engine makes of it". Not part of the library (nothing exports
 * it); a measuring tool for whoever changes the maturity spread.
 *
 *   node -r @swc-node/register libs/simulator/scripts/engine-spread.ts [--seed 1] [--schools 30] [--as-of 2026-12-07] [--days-back 3] [--schools-detail] [--unmet jiangsu]
 *
 * Like the feeder (tools/embedded/src/feeder.ts, simulation.ts): seed 1, 30 schools of 20 staff
 * and 120 students, maturity `spread`, quirks on, 150 events per school day, the stream from
 * `days-back` days before the as-of date (so each school's catch-up sync lands on its first day)
 * to the end of the as-of date; SchoolRegistered left out (identity places the schools) and so
 * are the events the contract refuses (the bad senders' dead letters). Each school's facts are
 * scored with `evaluateCatalog` + `scoreSheet` of `@educube/assessment-engine`, Ningxia's 23/48
 * against `regionalAverages` pooled over the province (`33`), as the assessment does — derived
 * items only, each school placed in its county as identity's tree places it (`regionCode`); "attested" adds the leaders' documentary items of Ningxia and Wenzhou as accepted
 * (leaders.ts: at most 3 schools of the top band without a quirk, the most mature first).
 * `--unmet <standard>` lists the derived items each school misses.
 *
 * The engine and the catalogs are loaded by path at run time, not imported: the simulator is
 * scope:shared and may not depend on the assessment's libs (nor would a static import keep the
 * project graph free of a cycle: the engine's specs use the simulator).
 */
import { commandLine } from '@educube/cli';
import { eventRegistry, SchoolRegisteredV1, type CloudEvent } from '@educube/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MATURITY_SPREAD } from '../src/maturity';
import { eventStream, simulateProvince, type SimSchool } from '../src/index';

// ---- the few shapes of the engine used here ----

interface GroupScore {
  readonly group: string;
  readonly points: number;
  readonly max?: number;
}
interface PointsVerdict {
  readonly kind: 'points';
  readonly total: number;
  readonly groups: readonly GroupScore[];
  readonly passed?: boolean;
  readonly stars?: number;
  readonly starsByScore?: number;
  readonly unmetVeto: readonly string[];
}
interface OtherVerdict {
  readonly kind: 'requirements' | 'weighted-parts' | 'levels';
  readonly passed?: boolean;
  readonly basicMet?: number;
  readonly score?: number;
  readonly level?: string | null;
}
type Verdict = PointsVerdict | OtherVerdict;
interface SheetRow {
  readonly itemId: string;
  readonly basis: string;
  readonly met: boolean;
  readonly maxPoints?: number;
}
type Facts = object;
interface Engine {
  readonly CLASSIFICATIONS: Record<string, unknown>;
  evaluateCatalog(catalog: unknown, table: unknown, facts: Facts, options: object): unknown[];
  scoreSheet(catalog: unknown, table: unknown, evidence: unknown[], attested?: Record<string, { met: boolean }>): { rows: SheetRow[]; verdict: Verdict };
  applyAll(facts: Facts, events: readonly CloudEvent[]): Facts;
  emptyFacts(school: string): Facts;
  regionalAverages(schools: readonly { regionCode: string; facts: Facts }[], prefix: string, options: object): { figures: Record<string, number> };
}
interface Catalogs {
  readonly CATALOGS: Record<string, unknown>;
}

const root = join(__dirname, '..', '..', '..');
const paths = (JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions
  .paths;
const load = <T>(alias: string): T => require(join(root, paths[alias]?.[0] ?? alias)) as T;
const engine = load<Engine>('@educube/assessment-engine');
const { CATALOGS } = load<Catalogs>('@educube/assessment-catalog');

// ---- settings ----

const { values } = commandLine({
  command: 'node -r @swc-node/register libs/simulator/scripts/engine-spread.ts',
  summary:
    'What the real assessment engine makes of a simulated province, as `npm start` streams it: per standard,\nhow the schools spread over the derived items (the figures of the simulator README). No servers.',
  options: {
    seed: { type: 'string', value: '<n|text>', description: 'the simulation seed (default 1)' },
    schools: { type: 'string', value: '<n>', description: 'schools in the province (default 30)' },
    'as-of': { type: 'string', value: '<YYYY-MM-DD>', description: 'the date the engine scores at (default 2026-12-07)' },
    'days-back': { type: 'string', value: '<n>', description: 'days of events before the as-of date (default 3)' },
    'schools-detail': { type: 'boolean', description: 'a line per school as well' },
    unmet: { type: 'string', value: '<standard>', description: 'list the derived items each school misses under that standard' },
  },
  examples: ['node -r @swc-node/register libs/simulator/scripts/engine-spread.ts --schools 30 --unmet jiangsu'],
  exitCodes: { 0: 'printed', 1: 'error' },
});
const arg = (name: string, fallback: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v : fallback;
};
const seed = /^\d+$/.test(arg('seed', '1')) ? Number(arg('seed', '1')) : arg('seed', '1');
const schools = Number(arg('schools', '30'));
const asOf = arg('as-of', '2026-12-07');
const daysBack = Number(arg('days-back', '3'));
const detail = values['schools-detail'] === true;
const unmetOf = arg('unmet', '');
const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const say = (line = ''): void => void process.stdout.write(`${line}\n`);

// ---- the province and its stream, as the feeder sends it ----

const province = simulateProvince({ seed, schools, teachersPerSchool: 20, studentsPerSchool: 120, maturity: 'spread', quirks: true });
// 全区: the assessment pools the schools of the school's province-level region (evidence-store.ts provinceOf)
const PROVINCE = (province.schools[0]?.regionCode ?? '33').slice(0, 2);
const from = new Date(`${addDays(asOf, -daysBack)}T10:00:00+08:00`);
const now = new Date(`${addDays(asOf, 1)}T00:00:00+08:00`);
const bySchool = new Map<string, CloudEvent[]>(province.schools.map((s) => [s.code, []]));
let refused = 0;
for (const e of eventStream(province, { seed, from, days: daysBack + 1 })) {
  if (e.type === SchoolRegisteredV1.type) continue; // identity's, never a school system's (tools/embedded pacing.ts sentBySchoolSystems)
  if (!eventRegistry.validate(e, { now }).ok) {
    refused += 1;
    continue;
  }
  bySchool.get(e.subject)?.push(e);
}
const facts = new Map(province.schools.map((s) => [s.code, engine.applyAll(engine.emptyFacts(s.code), bySchool.get(s.code) ?? [])]));
const figures = engine.regionalAverages(
  province.schools.map((s) => ({ regionCode: s.regionCode, facts: facts.get(s.code) as Facts })),
  PROVINCE,
  { asOf },
).figures;

const quirky = new Map<string, string>();
for (const q of province.quirks?.silent ?? []) quirky.set(q.schoolCode, `silent ${q.family}`);
for (const q of province.quirks?.badSenders ?? []) quirky.set(q.schoolCode, `bad ${q.family}`);
const leaders = new Set(
  province.schools
    .filter((s) => (s.maturity ?? 0) >= MATURITY_SPREAD[0].from && !quirky.has(s.code))
    .sort((a, b) => (b.maturity ?? 0) - (a.maturity ?? 0) || (a.code < b.code ? -1 : 1))
    .slice(0, 3)
    .map((s) => s.code),
);

const sheet = (standard: string, school: SimSchool, attest = false): { rows: SheetRow[]; verdict: Verdict } => {
  const table = engine.CLASSIFICATIONS[standard];
  const evidence = engine.evaluateCatalog(CATALOGS[standard], table, facts.get(school.code) as Facts, {
    asOf,
    regionCode: school.regionCode,
    regionalAverages: figures,
  });
  const first = engine.scoreSheet(CATALOGS[standard], table, evidence);
  if (!attest) return first;
  // what leaders.ts attests: the attested rows and the derived+attested ones (their events still count)
  const attested = Object.fromEntries(first.rows.filter((r) => r.basis === 'attested' || r.basis === 'derived+attested').map((r) => [r.itemId, { met: true }]));
  return engine.scoreSheet(CATALOGS[standard], table, evidence, attested);
};

// ---- the figures ----

const STANDARDS = ['ningxia', 'jiangsu', 'wenzhou', 'zhejiang', 'ningbo'] as const;
/** The standards whose attested and derived+attested items the leaders attest (leaders.ts LEADER_STANDARDS). */
const LEADER_STANDARDS = ['ningxia', 'wenzhou'] as const;
type Row = { school: SimSchool; v: Record<(typeof STANDARDS)[number], Verdict>; nxAttested?: PointsVerdict; wzAttested?: OtherVerdict };
const rows: Row[] = province.schools.map((school) => ({
  school,
  v: Object.fromEntries(STANDARDS.map((s) => [s, sheet(s, school).verdict])) as Row['v'],
  ...(leaders.has(school.code) && LEADER_STANDARDS.includes('ningxia') ? { nxAttested: sheet('ningxia', school, true).verdict as PointsVerdict } : {}),
  ...(leaders.has(school.code) && LEADER_STANDARDS.includes('wenzhou') ? { wzAttested: sheet('wenzhou', school, true).verdict as OtherVerdict } : {}),
}));
const pts = (v: Verdict): PointsVerdict => v as PointsVerdict;

say(
  `seed ${String(seed)}, ${schools} schools, from ${addDays(asOf, -daysBack)} to ${asOf}; ${[...bySchool.values()].reduce((n, l) => n + l.length, 0)} events scored, ${refused} refused by the contract`,
);
say(
  `regional figures (33): ${Object.entries(figures)
    .map(([k, v]) => `${k} ${v.toFixed(3)}`)
    .join(', ')}`,
);
if (detail) {
  say();
  say('school      maturity quirk              NX derived (stars; ★ unmet)        groups                         JS         WZ     ZJ  NB');
  for (const r of [...rows].sort((a, b) => pts(b.v.ningxia).total - pts(a.v.ningxia).total)) {
    const nx = pts(r.v.ningxia);
    const js = pts(r.v.jiangsu);
    const wz = r.v.wenzhou as OtherVerdict;
    const zj = r.v.zhejiang as OtherVerdict;
    const nb = r.v.ningbo as OtherVerdict;
    say(
      [
        r.school.code,
        String(r.school.maturity).padEnd(8),
        (quirky.get(r.school.code) ?? '').padEnd(18),
        `${String(nx.total).padStart(5)} ${nx.starsByScore ?? 0}★ (${nx.unmetVeto.join(',')})`.padEnd(34),
        nx.groups
          .map((g) => g.points)
          .join('/')
          .padEnd(30),
        `${String(js.total).padStart(5)} ${js.passed ? 'pass' : 'fail'}`,
        String(wz.level ?? '-').padEnd(6),
        String(zj.basicMet).padStart(3),
        String(Math.round((nb.score ?? 0) * 10) / 10).padStart(4),
        r.nxAttested ? `leader: ${r.nxAttested.total} with its attested items, ${r.nxAttested.stars}★; Wenzhou ${r.wzAttested?.level ?? '-'}` : '',
      ].join(' '),
    );
  }
}

if (unmetOf) {
  // which items of a standard the schools miss, and how many schools miss each (derived only)
  say();
  say(`${unmetOf}: items not met (derived), by school, most mature first`);
  const missed = new Map<string, number>();
  for (const r of [...rows].sort((a, b) => (b.school.maturity ?? 0) - (a.school.maturity ?? 0))) {
    const unmet = sheet(unmetOf, r.school).rows.filter((x) => !x.met && x.basis !== 'attested');
    for (const x of unmet) missed.set(x.itemId, (missed.get(x.itemId) ?? 0) + 1);
    say(
      `  ${r.school.code} ${String(r.school.maturity).padEnd(6)} ${unmet.map((x) => `${x.itemId}${x.maxPoints === undefined ? '' : `(${x.maxPoints})`}`).join(' ')}`,
    );
  }
  say(
    `  missed by: ${[...missed]
      .sort((a, b) => b[1] - a[1])
      .map(([id, k]) => `${id} ${k}`)
      .join(', ')}`,
  );
}

const nxTotals = rows.map((r) => pts(r.v.ningxia));
const band = (lo: number, hi: number) => nxTotals.filter((v) => v.total >= lo && v.total < hi);
const range = (vs: readonly PointsVerdict[]) => (vs.length ? `${Math.min(...vs.map((v) => v.total))}–${Math.max(...vs.map((v) => v.total))}` : '');
say();
say('Ningxia, derived points (stars by score; ★ veto only from four stars):');
for (const [label, lo, hi] of [
  ['≥ 90 (four stars and up by score)', 90, 101],
  ['80–90 (three stars)', 80, 90],
  ['70–80 (two stars)', 70, 80],
  ['50–70', 50, 70],
  ['< 50', 0, 50],
] as const) {
  const vs = band(lo, hi);
  say(`  ${label.padEnd(34)} ${String(vs.length).padStart(3)}  ${range(vs)}`);
}
const stars = (k: number) => nxTotals.filter((v) => (v.stars ?? 0) === k).length;
say(`  stars (derived only): 5★ ${stars(5)}, 4★ ${stars(4)}, 3★ ${stars(3)}, 2★ ${stars(2)}, 0★ ${stars(0)}`);
const vetoIds = ['3', '16', '19', '21', '23', '25', '48', '54'];
say(
  `  ★ items met (of ${rows.length} schools): ${vetoIds.map((id) => `${id}: ${nxTotals.filter((v) => !v.unmetVeto.includes(id)).length}`).join(', ')} (43 attested)`,
);
const withLeaders = rows.map((r) => r.nxAttested ?? pts(r.v.ningxia));
const starsL = (k: number) => withLeaders.filter((v) => (v.stars ?? 0) === k).length;
say(
  `  as npm start shows it (leaders' attested items accepted): 5★ ${starsL(5)}, 4★ ${starsL(4)}, 3★ ${starsL(3)}, 2★ ${starsL(2)}, 0★ ${starsL(0)}; leaders ${rows
    .filter((r) => r.nxAttested)
    .map((r) => `${r.school.code} ${pts(r.v.ningxia).total} → ${r.nxAttested?.total}`)
    .join(', ')}`,
);
const js = rows.map((r) => pts(r.v.jiangsu));
say(
  `Jiangsu (pass 80 of 110): ${js.filter((v) => v.passed).length} pass (${range(js.filter((v) => v.passed))}), ${js.filter((v) => !v.passed).length} fail (${range(js.filter((v) => !v.passed))})`,
);
const wz = rows.map((r) => r.v.wenzhou as OtherVerdict);
const levels = (vs: readonly OtherVerdict[]): string =>
  [...new Set(vs.map((v) => v.level ?? 'none'))].map((l) => `${l} ${vs.filter((v) => (v.level ?? 'none') === l).length}`).join(', ');
say(
  `Wenzhou (levels): ${levels(wz)}; as npm start shows it (leaders' attested items accepted): ${levels(rows.map((r) => r.wzAttested ?? (r.v.wenzhou as OtherVerdict)))}`,
);
const zj = rows.map((r) => (r.v.zhejiang as OtherVerdict).basicMet ?? 0);
say(`Zhejiang (basic items met of 65): ${Math.min(...zj)}–${Math.max(...zj)}; passed ${rows.filter((r) => r.v.zhejiang.passed).length}`);
const nb = rows.map((r) => (r.v.ningbo as OtherVerdict).score ?? 0);
say(`Ningbo (of 100): ${Math.round(Math.min(...nb) * 10) / 10}–${Math.round(Math.max(...nb) * 10) / 10}`);
