import { acknowledge, type AcknowledgeCommand, type Decision } from './acknowledge';
import type { AlertEvent } from './events';
import { cn, given, SCHOOL } from './testing';

const raised: AlertEvent = {
  type: 'AlertRaised',
  version: 1,
  data: {
    alertId: 'a1',
    rule: 'reject-spike',
    severity: 'warning',
    school: SCHOOL,
    district: '330203',
    subject: `${SCHOOL}:grading`,
    episode: '2026-11-04T02:00:00.000Z',
    message: { zh: '拒收', en: 'rejects' },
    observed: {},
    thresholds: {},
    raisedAt: cn('2026-11-04 10:00'),
  },
};
const anAck = (more: Partial<AcknowledgeCommand> = {}): AcknowledgeCommand => ({
  alertId: 'a1',
  by: { subject: 'officer.330203', role: 'district_officer' },
  at: cn('2026-11-04 10:30'),
  note: '已联系供应商',
  ...more,
});
const accepted = (d: Decision): readonly AlertEvent[] => {
  if (!d.ok) throw new Error(`refused: ${JSON.stringify(d.problems)}`);
  return d.events;
};
const rules = (d: Decision) => (d.ok ? [] : d.problems.map((p) => `${p.path} ${p.rule}`));

describe('acknowledge', () => {
  it('an open alert → AlertAcknowledged with who, when and the note', () => {
    expect(acknowledge(given([raised]), anAck())).toEqual({
      ok: true,
      events: [
        {
          type: 'AlertAcknowledged',
          version: 1,
          data: { alertId: 'a1', by: { subject: 'officer.330203', role: 'district_officer' }, at: cn('2026-11-04 10:30'), note: '已联系供应商' },
        },
      ],
    });
  });

  it('the note is optional', () => {
    const d = acknowledge(given([raised]), anAck({ note: undefined }));
    expect(d.ok && d.events[0]!.data).toEqual({ alertId: 'a1', by: { subject: 'officer.330203', role: 'district_officer' }, at: cn('2026-11-04 10:30') });
  });

  it('an unknown alert → refused (alert.unknown)', () => {
    expect(rules(acknowledge(given([]), anAck()))).toEqual(['alertId alert.unknown']);
  });

  it('a resolved alert → refused (alert.resolved), saying when and why it resolved', () => {
    const d = acknowledge(
      given([raised, { type: 'AlertResolved', version: 1, data: { alertId: 'a1', at: cn('2026-11-04 10:20'), reason: 'condition-cleared' } }]),
      anAck(),
    );
    expect(d).toEqual({
      ok: false,
      problems: [
        {
          path: 'alertId',
          rule: 'alert.resolved',
          message: `alert a1 was resolved at ${cn('2026-11-04 10:20')} (condition-cleared); there is nothing left to acknowledge`,
        },
      ],
    });
  });

  it('already acknowledged by someone else → refused (alert.acknowledged), naming who and when', () => {
    const state = given([raised, ...accepted(acknowledge(given([raised]), anAck()))]);
    const d = acknowledge(state, anAck({ by: { subject: 'officer.330200', role: 'city_officer' } }));
    expect(d).toEqual({
      ok: false,
      problems: [
        {
          path: 'alertId',
          rule: 'alert.acknowledged',
          message: `alert a1 was already acknowledged by officer.330203 (district_officer) at ${cn('2026-11-04 10:30')}`,
        },
      ],
    });
  });

  it('the same person again (a retry) → accepted with no new event', () => {
    const state = given([raised, ...accepted(acknowledge(given([raised]), anAck()))]);
    expect(acknowledge(state, anAck({ at: cn('2026-11-04 10:31') }))).toEqual({ ok: true, events: [] });
  });

  it('a command of the wrong shape → every problem, each with its path', () => {
    expect(rules(acknowledge(given([raised]), anAck({ at: '2026-11-04 10:30', note: '   ', by: { subject: '', role: 'district_officer' } })))).toEqual([
      'by.subject too_small',
      'at invalid_format',
      'note custom',
    ]);
  });
});
