import { alertsConfig, DEFAULT_ALERTS_CONFIG } from '../config';
import { AlertsInputError } from '../errors';
import { aCalendar, aSilentSource, cn, SCHOOL } from '../testing';
import { evaluateSilentSource, schoolCalendarSchema, schoolTimeBetween } from './silent-source';

const raised = (lastEventAt: string | null, now: string, more: Parameters<typeof aSilentSource>[1] = {}, config = DEFAULT_ALERTS_CONFIG): boolean =>
  evaluateSilentSource(config, [aSilentSource(lastEventAt, more)], now).conditions.length === 1;

const minutesBetween = (from: string, to: string, calendar = aCalendar()): number =>
  schoolTimeBetween(from, to, schoolCalendarSchema.parse(calendar), DEFAULT_ALERTS_CONFIG.silentSource.schoolHours) / 60_000;

describe('silent source: school time between two instants (07:30–17:30 China time, school days only)', () => {
  it.each([
    ['within one school morning', cn('2026-11-04 09:00'), cn('2026-11-04 10:00'), 60],
    ['a whole school day', cn('2026-11-04 00:00'), cn('2026-11-05 00:00'), 600],
    ['Friday 17:00 to Monday 08:29: 30 min Friday + 59 min Monday', cn('2026-11-06 17:00'), cn('2026-11-09 08:29'), 89],
    ['a night: Tuesday 22:00 to Wednesday 08:30', cn('2026-11-03 22:00'), cn('2026-11-04 08:30'), 60],
    ['23:30Z is 07:30 China time the next day', '2026-11-03T23:30:00Z', '2026-11-04T00:30:00Z', 60],
    ['09:00Z–10:30Z is 17:00–18:30 China time: 30 min, not 90', '2026-11-04T09:00:00Z', '2026-11-04T10:30:00Z', 30],
    ['国庆 holidays count nothing', cn('2026-09-30 17:00'), cn('2026-10-09 08:00'), 60],
    ['the 调休 Saturday counts', cn('2026-10-09 17:00'), cn('2026-10-10 08:00'), 60],
    ['the winter break counts nothing', cn('2027-01-22 17:00'), cn('2027-02-22 08:00'), 60],
    ['now before the last event: zero', cn('2026-11-04 10:00'), cn('2026-11-04 09:00'), 0],
  ])('%s', (_case, from, to, minutes) => {
    expect(minutesBetween(from, to)).toBe(minutes);
  });

  it('the summer break (暑假, before the first term) counts nothing: 08-20 09:00 → 09-01 08:00 is 30 min', () => {
    expect(minutesBetween(cn('2026-08-20 09:00'), cn('2026-09-01 08:00'))).toBe(30);
  });
});

describe('silent source: raised when MORE than silentAfterMinutes (60) of school time have passed', () => {
  it.each([
    ['exactly 60 min in one morning → not raised', cn('2026-11-04 09:00'), cn('2026-11-04 10:00'), false],
    ['61 min (one minute past the threshold) → raised', cn('2026-11-04 09:00'), cn('2026-11-04 10:01'), true],
    ['60 min and 1 s → raised (strictly more)', cn('2026-11-04 09:00'), '2026-11-04T10:00:01+08:00', true],
    ['Friday 17:00 → Monday 08:00: 30 + 30 = 60 → not raised', cn('2026-11-06 17:00'), cn('2026-11-09 08:00'), false],
    ['Friday 17:00 → Monday 08:01: 30 + 31 = 61 → raised', cn('2026-11-06 17:00'), cn('2026-11-09 08:01'), true],
    ['Friday 17:00 → Monday 08:29: 30 + 59 = 89 → raised', cn('2026-11-06 17:00'), cn('2026-11-09 08:29'), true],
    ['last event at night (Tuesday 22:00) → Wednesday 08:30: 60 → not raised', cn('2026-11-03 22:00'), cn('2026-11-04 08:30'), false],
    ['last event at night (Tuesday 22:00) → Wednesday 08:31: 61 → raised', cn('2026-11-03 22:00'), cn('2026-11-04 08:31'), true],
    ['UTC trap: 23:30Z (07:30 China) → 00:30Z: 60 → not raised', '2026-11-03T23:30:00Z', '2026-11-04T00:30:00Z', false],
    ['UTC trap: 23:30Z (07:30 China) → 00:31Z: 61 → raised', '2026-11-03T23:30:00Z', '2026-11-04T00:31:00Z', true],
    ['UTC trap: 09:00Z → 10:30Z is after school in China (30 min) → not raised', '2026-11-04T09:00:00Z', '2026-11-04T10:30:00Z', false],
    ['holiday: Wednesday 09-30 17:00 → Friday 10-09 08:00 across 国庆: 60 → not raised', cn('2026-09-30 17:00'), cn('2026-10-09 08:00'), false],
    ['holiday: … → Friday 10-09 08:01: 61 → raised', cn('2026-09-30 17:00'), cn('2026-10-09 08:01'), true],
    ['调休 Saturday 10-10 is a school day: Friday 17:00 → Saturday 08:01 → raised', cn('2026-10-09 17:00'), cn('2026-10-10 08:01'), true],
    ['winter break: last term day 17:00 → first day of next term 08:00: 60 → not raised', cn('2027-01-22 17:00'), cn('2027-02-22 08:00'), false],
    ['winter break: … → 08:01: 61 → raised', cn('2027-01-22 17:00'), cn('2027-02-22 08:01'), true],
    ['last event 17:29, next morning 07:30: 1 min → not raised', cn('2026-11-04 17:29'), cn('2026-11-05 07:30'), false],
  ])('%s', (_case, last, now, expected) => {
    expect(raised(last, now)).toBe(expected);
  });

  it('Friday 17:00 → Monday 08:29 is 89 school minutes: silentAfterMinutes 89 → not raised, 88 → raised', () => {
    const last = cn('2026-11-06 17:00');
    const now = cn('2026-11-09 08:29');
    expect(raised(last, now, {}, alertsConfig({ silentSource: { silentAfterMinutes: 89 } }))).toBe(false);
    expect(raised(last, now, {}, alertsConfig({ silentSource: { silentAfterMinutes: 88 } }))).toBe(true);
  });

  it('without the holiday list, 国庆 counts as school time → raised', () => {
    expect(raised(cn('2026-09-30 17:00'), cn('2026-10-09 08:00'), { calendar: aCalendar({ holidays: [] }) })).toBe(true);
  });

  it('without the make-up day, the 调休 Saturday does not count → not raised', () => {
    expect(raised(cn('2026-10-09 17:00'), cn('2026-10-10 08:01'), { calendar: aCalendar({ makeupDays: [] }) })).toBe(false);
  });

  it("a school's own hours (晚自习 until 21:00) replace the configured ones", () => {
    const evening = aCalendar({ hours: { start: '07:30', end: '21:00' } });
    expect(raised(cn('2026-11-04 17:00'), cn('2026-11-04 18:01'), { calendar: evening })).toBe(true);
    expect(raised(cn('2026-11-04 17:00'), cn('2026-11-04 18:01'))).toBe(false);
  });

  it('a source that has never sent is not silent (it is "never heard from", not this rule): no condition, checked clear', () => {
    const evaluation = evaluateSilentSource(DEFAULT_ALERTS_CONFIG, [aSilentSource(null)], cn('2026-11-09 12:00'));
    expect(evaluation.conditions).toEqual([]);
    expect(evaluation.cleared).toEqual([`${SCHOOL}:timetabling`]);
  });

  it('a condition says what it measured, in both languages, with the last event as its episode', () => {
    const [condition] = evaluateSilentSource(DEFAULT_ALERTS_CONFIG, [aSilentSource(cn('2026-11-06 17:00'))], cn('2026-11-09 08:29')).conditions;
    expect(condition).toEqual({
      rule: 'silent-source',
      subject: `${SCHOOL}:timetabling`,
      episode: '2026-11-06T09:00:00.000Z',
      severity: 'warning',
      school: SCHOOL,
      district: '330203',
      source: 'timetabling',
      message: {
        zh: `学校 ${SCHOOL} 的 timetabling 系统已在上课时间内 89 分钟未发送数据（阈值 60 分钟），最后一条数据于 2026-11-06 17:00（北京时间）。`,
        en: `timetabling of school ${SCHOOL} has sent nothing for 89 minutes of school time (threshold 60); its last event was at 2026-11-06 17:00 China time.`,
      },
      observed: { silentSchoolMinutes: 89, lastEventAt: cn('2026-11-06 17:00') },
      thresholds: { silentAfterMinutes: 60, schoolHours: '07:30–17:30' },
    });
  });

  it('the same instant in another offset is the same episode (ids do not depend on how the sender wrote its time)', () => {
    const at = (last: string) => evaluateSilentSource(DEFAULT_ALERTS_CONFIG, [aSilentSource(last)], cn('2026-11-09 12:00')).conditions[0]!.episode;
    expect(at('2026-11-06T09:00:00Z')).toBe(at(cn('2026-11-06 17:00')));
  });

  it('a disabled rule finds nothing and checks nothing', () => {
    expect(evaluateSilentSource(alertsConfig({ silentSource: { enabled: false } }), [aSilentSource(cn('2026-11-02 08:00'))], cn('2026-11-09 12:00'))).toEqual({
      rule: 'silent-source',
      conditions: [],
      cleared: [],
    });
  });

  it('refuses observations of the wrong shape, naming each field, and the same source twice', () => {
    const bad = () =>
      evaluateSilentSource(
        DEFAULT_ALERTS_CONFIG,
        [aSilentSource('2026-11-06 17:00', { calendar: aCalendar({ terms: [{ startsOn: '2027-01-22', endsOn: '2026-09-01' }] }) })],
        cn('2026-11-09 12:00'),
      );
    expect(bad).toThrow(AlertsInputError);
    expect(bad).toThrow(/0\.lastEventAt: .*0\.calendar\.terms\.0\.endsOn: endsOn must not be before startsOn/);
    const twice = () => evaluateSilentSource(DEFAULT_ALERTS_CONFIG, [aSilentSource(null), aSilentSource(null)], cn('2026-11-09 12:00'));
    expect(twice).toThrow(`invalid silent-source observations: 1: observes ${SCHOOL}:timetabling again (first at 0)`);
  });
});
