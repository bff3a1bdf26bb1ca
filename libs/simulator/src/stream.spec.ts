import { ALL_EVENTS, eventRegistry, FAMILIES, UPCASTERS, type CloudEvent, type PersonRef } from '@educube/contracts';
import { dailyRhythm, eventStream, expectedEventCount, simulateProvince, type Province, type StreamOptions } from './index';

// 2026-11-02 is a Monday: five school days
const FROM = new Date('2026-11-02T00:00:00+08:00');

const take = (it: Iterable<CloudEvent>, n: number): CloudEvent[] => {
  const out: CloudEvent[] = [];
  for (const e of it) {
    if (out.length === n) break;
    out.push(e);
  }
  return out;
};

/** Every {system, localId} object anywhere in an event's data. */
function refsIn(value: unknown, out: PersonRef[] = []): PersonRef[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o['system'] === 'string' && typeof o['localId'] === 'string' && Object.keys(o).length === 2)
      out.push({ system: o['system'], localId: o['localId'] });
    else Object.values(o).forEach((v) => refsIn(v, out));
  }
  return out;
}

const linkedRefs = (province: Province): Set<string> => {
  const keys = new Set<string>();
  for (const c of province.peopleCommands) if (c.type === 'LinkId') keys.add(`${c.data.ref.system}/${c.data.ref.localId}`);
  return keys;
};

describe('eventStream: a 20-school province over five school days', () => {
  const province = simulateProvince({ seed: 7, schools: 20 });
  const options: StreamOptions = { seed: 7, from: FROM, days: 5 };
  const events = [...eventStream(province, options)];
  const now = new Date('2026-11-07T00:00:00+08:00');

  it('yields exactly the expected number of events', () => {
    expect(events).toHaveLength(expectedEventCount(province, options));
    expect(events).toHaveLength(20 * 5 * 150);
  });

  it('validates every event against the published contract with zero problems', () => {
    const failures: { type: string; problems: unknown }[] = [];
    for (const e of events) {
      const result = eventRegistry.validate(e, { now });
      if (!result.ok && failures.length < 10) failures.push({ type: e.type, problems: result.problems });
    }
    expect(failures).toEqual([]);
  });

  it('covers all seven families, attendance and timetabling first', () => {
    const byFamily = new Map<string, number>();
    const byType = new Map<string, number>();
    for (const e of events) {
      const family = e.type.split('.')[2]!;
      byFamily.set(family, (byFamily.get(family) ?? 0) + 1);
      byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
    }
    expect([...byFamily.keys()].sort()).toEqual([...FAMILIES].sort());
    // all 62 v1 types, for this seed; the simulated systems are old producers: they send v1 of a
    // type that has a v2 (LessonTimetabled), which readers upcast (issue 16)
    const newer = new Set(UPCASTERS.map((u) => u.to.type));
    expect(ALL_EVENTS.filter((d) => !newer.has(d.type) && !byType.has(d.type)).map((d) => d.name)).toEqual([]);
    expect(UPCASTERS.every((u) => byType.has(u.from.type))).toBe(true);
    const share = (f: string) => (byFamily.get(f) ?? 0) / events.length;
    expect(share('timetabling') + share('attendance')).toBeGreaterThan(0.5);
    for (const rare of ['asset', 'resource', 'space', 'grading', 'roster']) expect(share(rare)).toBeLessThan(share('timetabling'));
    const table = FAMILIES.map((f) => `${f.padEnd(12)} ${String(byFamily.get(f) ?? 0).padStart(6)}  ${(share(f) * 100).toFixed(1).padStart(5)} %`).join('\n');
    console.log(`families over ${events.length} events (20 schools, 5 school days)\n${table}\n${byType.size} of ${ALL_EVENTS.length} event types seen`);
  });

  it('keeps each school’s events in time order, within the days asked for, with a morning peak', () => {
    const last = new Map<string, string>();
    for (const e of events) {
      expect(e.time >= '2026-11-02T00:00:00+08:00' && e.time < '2026-11-07T00:00:00+08:00').toBe(true);
      expect(e.source).toBe(`/schools/${e.subject}/${e.type.split('.')[2]}`);
      expect(e.time >= (last.get(e.subject) ?? '')).toBe(true);
      last.set(e.subject, e.time);
    }
    const perQuarter = new Array<number>(96).fill(0);
    for (const e of events) perQuarter[Math.floor((Number(e.time.slice(11, 13)) * 60 + Number(e.time.slice(14, 16))) / 15)]! += 1;
    const peak = Math.max(...perQuarter);
    expect(perQuarter.indexOf(peak)).toBe(30); // 07:30–07:45
    expect(peak / (events.length / 96)).toBeGreaterThan(8);
  });

  it('names only persons identity has links for', () => {
    const linked = linkedRefs(province);
    let refs = 0;
    for (const e of events) {
      for (const r of refsIn(e.data)) {
        refs += 1;
        if (!linked.has(`${r.system}/${r.localId}`)) throw new Error(`${e.type} names ${r.system}/${r.localId}, which no LinkId covers`);
      }
    }
    expect(refs).toBeGreaterThan(events.length / 2);
  });

  it('names unlinked persons in about unlinkedRate of the events that name persons', () => {
    const linked = linkedRefs(province);
    let withPersons = 0;
    let unlinked = 0;
    for (const e of eventStream(province, { ...options, unlinkedRate: 0.05 })) {
      const refs = refsIn(e.data);
      if (refs.length === 0) continue;
      withPersons += 1;
      if (refs.some((r) => !linked.has(`${r.system}/${r.localId}`))) unlinked += 1;
      expect(eventRegistry.validate(e, { now }).ok).toBe(true);
    }
    expect(unlinked / withPersons).toBeGreaterThan(0.04);
    expect(unlinked / withPersons).toBeLessThan(0.06);
  });
});

describe('eventStream: determinism and ids', () => {
  const province = simulateProvince({ seed: 1, schools: 5 });

  it('repeats itself for the same seed and differs for another', () => {
    const a = [...eventStream(province, { seed: 1, from: FROM, days: 2 })];
    const b = [...eventStream(simulateProvince({ seed: 1, schools: 5 }), { seed: 1, from: FROM, days: 2 })];
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = [...eventStream(province, { seed: 2, from: FROM, days: 2 })];
    expect(c).toHaveLength(a.length);
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
    expect(c.filter((e, i) => e.id === a[i]!.id)).toHaveLength(0);
  });

  it('gives 200,000 events 200,000 distinct ids, and says how fast it generates them', () => {
    const big = simulateProvince({ seed: 3, schools: 100 });
    const options = { seed: 3, from: FROM, days: 2, eventsPerSchoolPerDay: 1000 };
    expect(expectedEventCount(big, options)).toBe(200_000);
    const ids = new Set<string>();
    const started = performance.now();
    let n = 0;
    for (const e of eventStream(big, options)) {
      ids.add(e.id);
      n += 1;
    }
    const ms = performance.now() - started;
    expect(n).toBe(200_000);
    expect(ids.size).toBe(200_000);
    for (const id of take(eventStream(big, options), 3)) expect(id.id).toMatch(/^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
    console.log(
      `generated ${n} events (100 schools × 2 days × 1,000) in ${ms.toFixed(0)} ms: ${Math.round(n / (ms / 1000)).toLocaleString('en')} events/s, ids unique`,
    );
  });

  it('is lazy: the first 1,000 events of a stream of over a billion come at once', () => {
    const huge = simulateProvince({ seed: 4, schools: 2_000, teachersPerSchool: 10, studentsPerSchool: 100 });
    const first = take(eventStream(huge, { seed: 4, from: FROM, days: 365, eventsPerSchoolPerDay: 2_000 }), 1000);
    expect(first).toHaveLength(1000);
    expect(expectedEventCount(huge, { from: FROM, days: 365, eventsPerSchoolPerDay: 2_000 })).toBeGreaterThan(1_000_000_000);
  });

  it('has a day rhythm whose morning peak is about ten times the mean', () => {
    const rhythm = dailyRhythm();
    expect(rhythm.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const peak = Math.max(...rhythm);
    expect(rhythm.indexOf(peak)).toBeGreaterThanOrEqual(7 * 60 + 30);
    expect(rhythm.indexOf(peak)).toBeLessThan(7 * 60 + 40);
    expect(peak * 1440).toBeGreaterThan(9);
    expect(peak * 1440).toBeLessThan(11);
  });
});
