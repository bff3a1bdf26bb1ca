import { addSummary, chunk, disposition, emptyTally, Pacer, progressLine, type Timed, sentBySchoolSystems } from './pacing';
import { schoolSystemClients, settingsEnv, simulationSettings } from './simulation';

const T0 = Date.parse('2026-11-23T08:00:00+08:00');
const at = (ms: number): string => new Date(T0 + ms).toISOString();
const ev = (ms: number, school = 'A', id = `${school}@${ms}`): Timed & { id: string } => ({ id, time: at(ms), subject: school });

/** A clock the test moves by hand. */
function clock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('Pacer', () => {
  it('never takes an event before its time, and says how long to wait for the next one', () => {
    const c = clock();
    const pacer = new Pacer([ev(0), ev(300), ev(5_000)][Symbol.iterator](), { ratePerSecond: 1_000, maxBatch: 10, flushAfterMs: 0, now: c.now });
    let step = pacer.step();
    expect(step.batches.flatMap((b) => b.events.map((e) => e.time))).toEqual([at(0)]);
    expect(step.waitMs).toBe(300);
    c.advance(299);
    expect(pacer.step().batches).toEqual([]);
    c.advance(1);
    step = pacer.step();
    expect(step.batches.flatMap((b) => b.events.map((e) => e.time))).toEqual([at(300)]);
    expect(step.waitMs).toBe(1_000); // capped: the next event is 4.7 s away
    expect(step.done).toBe(false);
    c.advance(4_700);
    step = pacer.step();
    expect(step.batches.flatMap((b) => b.events.map((e) => e.time))).toEqual([at(5_000)]);
    expect(step.done).toBe(true);
  });

  it('replays history no faster than the rate: a second holds at most one second of tokens', () => {
    const c = clock();
    // 1,000 events all in the past
    const history = Array.from({ length: 1_000 }, (_, i) => ev(-100_000 + i));
    const pacer = new Pacer(history[Symbol.iterator](), { ratePerSecond: 200, maxBatch: 1_000, flushAfterMs: 0, now: c.now });
    const sent: number[] = [];
    for (let second = 0; second < 3; second++) {
      let n = 0;
      for (let tick = 0; tick < 10; tick++) {
        n += pacer.step().batches.reduce((k, b) => k + b.events.length, 0);
        c.advance(100);
      }
      sent.push(n);
    }
    // the full bucket at the start, then 200 per second
    expect(sent[0]).toBe(200 + 180);
    expect(sent.slice(1)).toEqual([200, 200]);
    expect(pacer.taken).toBe(780);
  });

  it('asks to wait for tokens, not to spin, when the bucket is empty', () => {
    const c = clock();
    const pacer = new Pacer(Array.from({ length: 50 }, (_, i) => ev(-1_000 + i))[Symbol.iterator](), {
      ratePerSecond: 10,
      maxBatch: 100,
      flushAfterMs: 0,
      now: c.now,
    });
    const first = pacer.step();
    expect(first.batches[0]?.events).toHaveLength(10);
    expect(first.waitMs).toBe(100);
  });

  it('groups by school in stream order and cuts a school at maxBatch', () => {
    const c = clock();
    const events = [ev(0, 'A'), ev(1, 'B'), ev(2, 'A'), ev(3, 'A'), ev(4, 'B')];
    const pacer = new Pacer(events[Symbol.iterator](), { ratePerSecond: 1_000, maxBatch: 2, flushAfterMs: 2_000, now: c.now });
    c.advance(10);
    const step = pacer.step();
    // A is full after its second event, B after its second; A's third goes because the stream has ended
    expect(step.batches.map((b) => [b.schoolCode, b.events.map((e) => e.id)])).toEqual([
      ['A', ['A@0', 'A@2']],
      ['B', ['B@1', 'B@4']],
      ['A', ['A@3']],
    ]);
    expect(step.done).toBe(true);
  });

  it('holds a partial batch until it has waited flushAfterMs', () => {
    const c = clock();
    const endless = (function* () {
      yield ev(0, 'A');
      yield ev(1_000_000, 'A'); // far ahead: keeps the stream open
    })();
    const pacer = new Pacer(endless, { ratePerSecond: 1_000, maxBatch: 100, flushAfterMs: 2_000, now: c.now });
    let step = pacer.step();
    expect(step.batches).toEqual([]);
    expect(step.waitMs).toBe(1_000); // capped; the flush is 2 s away
    c.advance(1_999);
    step = pacer.step();
    expect(step.batches).toEqual([]);
    expect(step.waitMs).toBe(20); // 1 ms, raised to the minimum
    c.advance(1);
    step = pacer.step();
    expect(step.batches).toEqual([{ schoolCode: 'A', events: [ev(0, 'A')] }]);
    expect(step.done).toBe(false);
    expect(pacer.lastTime).toBe(at(0));
  });

  it('takes an event without a readable time at once', () => {
    const c = clock();
    const pacer = new Pacer([{ subject: 'A' }][Symbol.iterator](), { ratePerSecond: 1, maxBatch: 5, flushAfterMs: 0, now: c.now });
    expect(pacer.step().batches).toEqual([{ schoolCode: 'A', events: [{ subject: 'A' }] }]);
  });

  it('refuses a rate or batch size that cannot work', () => {
    expect(() => new Pacer([][Symbol.iterator](), { ratePerSecond: 0, maxBatch: 1, flushAfterMs: 0, now: Date.now })).toThrow(RangeError);
    expect(() => new Pacer([][Symbol.iterator](), { ratePerSecond: 1, maxBatch: 0, flushAfterMs: 0, now: Date.now })).toThrow(RangeError);
  });
});

describe('chunk', () => {
  it('respects the count and the byte limit, and lets an oversized event travel alone', () => {
    expect(chunk([1, 2, 3, 4, 5], 2, 1_000).map((c) => c.length)).toEqual([2, 2, 1]);
    const size = () => 10; // each costs 11 with its comma; the array's brackets 2
    expect(chunk(['a', 'b', 'c', 'd'], 100, 2 + 11 * 2, size)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(chunk(['big', 'x'], 100, 5, () => 50)).toEqual([['big'], ['x']]);
    expect(chunk([], 10, 10)).toEqual([]);
  });
});

describe('what an answer of the warehouse means', () => {
  it.each([
    [200, 'done'],
    [404, 'retry'],
    [429, 'retry'],
    [503, 'retry'],
    [undefined, 'retry'],
    [400, 'drop'],
    [401, 'drop'],
    [403, 'drop'],
    [413, 'drop'],
  ] as const)('%s → %s', (status, expected) => expect(disposition(status)).toBe(expected));

  it('tallies a summary, tolerating missing or odd fields', () => {
    const t = emptyTally();
    addSummary(t, { summary: { accepted: 7, duplicate: 1, conflict: 0, rejected: 2, parked: 1 }, results: [] }, 11);
    addSummary(t, { summary: { accepted: 'many' } }, 3);
    addSummary(t, 'not json', 2);
    expect(t).toEqual({ sent: 16, accepted: 7, duplicate: 1, conflict: 0, rejected: 2, parked: 1, refused: 0 });
  });

  it('prints progress with the rate and how far behind the clock the province is', () => {
    const t = { ...emptyTally(), sent: 1_000, accepted: 990, rejected: 10 };
    const now = T0 + 3 * 3_600_000;
    expect(progressLine(t, 0, 5_000, at(0), now)).toBe(
      `sent 1000 events (accepted 990, duplicate 0, conflict 0, rejected 10, parked 0) · 200.0 events/s · replaying history, at ${at(0)} (3 h 0 min behind the clock)`,
    );
    expect(progressLine(t, 1_000, 5_000, at(0), T0 + 1_000)).toContain('0.0 events/s · following the clock');
    expect(progressLine(emptyTally(), 0, 5_000, undefined, T0)).toContain('nothing due yet');
  });
});

describe('simulation settings', () => {
  it('reads the knobs with their defaults and refuses nonsense by name', () => {
    expect(simulationSettings({})).toEqual({
      enabled: true,
      schools: 30,
      seed: '1',
      ratePerSecond: 200,
      daysBack: 3,
      eventsPerSchoolPerDay: 150,
      studentsPerSchool: 120,
      teachersPerSchool: 20,
      maturity: 'spread',
      quirks: true,
      leaders: true,
    });
    expect(simulationSettings({ EDUCUBE_SIM: 'off' }).enabled).toBe(false);
    expect(simulationSettings({ EDUCUBE_SIM_SCHOOLS: '5', EDUCUBE_SIM_SEED: 'x', EDUCUBE_SIM_RATE: '50' })).toMatchObject({
      schools: 5,
      seed: 'x',
      ratePerSecond: 50,
    });
    expect(() => simulationSettings({ EDUCUBE_SIM_SCHOOLS: 'many' })).toThrow(/EDUCUBE_SIM_SCHOOLS/);
    const s = simulationSettings({ EDUCUBE_SIM_SCHOOLS: '7' });
    expect(simulationSettings(settingsEnv(s))).toEqual(s);
  });

  it('gives each school one client whose secret only the run secret reproduces', () => {
    const a = schoolSystemClients(['3301020001', '3302030002'], 'run-1');
    expect(a.map((c) => [c.clientId, c.schoolCodes])).toEqual([
      ['sim-school-3301020001', ['3301020001']],
      ['sim-school-3302030002', ['3302030002']],
    ]);
    expect(schoolSystemClients(['3301020001'], 'run-1')[0]?.clientSecret).toBe(a[0]?.clientSecret);
    expect(schoolSystemClients(['3301020001'], 'run-2')[0]?.clientSecret).not.toBe(a[0]?.clientSecret);
  });
});

describe('sentBySchoolSystems', () => {
  it("leaves out what places a school in the tree (identity's), and keeps every other event in order", () => {
    const stream = [
      { type: 'cn.educube.timetabling.LessonDelivered.v1', n: 1 },
      { type: 'cn.educube.roster.SchoolRegistered.v1', n: 2 },
      { type: 'cn.educube.roster.TeacherAssigned.v1', n: 3 },
    ];
    expect([...sentBySchoolSystems(stream)].map((e) => e.n)).toEqual([1, 3]);
  });
});
