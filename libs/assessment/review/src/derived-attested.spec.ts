import { CATALOGS } from '@educube/assessment-catalog';
import { CLASSIFICATIONS, applyAll, emptyFacts, evaluateCatalog, scoreSheet } from '@educube/assessment-engine';
import { ActivityHeldV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { decide, type Decision } from './decide';
import { columnResults, type Column } from './queries';
import type { ReviewState } from './state';
import { SCHOOL, aCio, aContext, districtOfficer, given, override, provinceOfficer, review, submit } from './testing';

// Ningxia 55 (制定…规划;制定…规章制度;定期召开专题会议…;纳入学校年度考核) and Wenzhou 25 (…有专项创建经费，
// 制定计划规划…) and 27 (有网络安全应急预案、舆情处置预案…) are derived and attested: the school attests
// them as it attests a documentary item, the standard's chain reviews them, and each column of the
// sheet is met only where both the events and the review say so.

const rulesOf = (d: Decision) => (d.ok ? [] : d.problems.map((p) => `${p.path} ${p.rule}`));
const item55 = { itemId: '55' };

describe('attesting a derived+attested item', () => {
  it.each([
    ['Ningxia 55', { standard: 'ningxia' as const, itemId: '55' }],
    ['Wenzhou 25▲', { standard: 'wenzhou' as const, itemId: '25' }],
    ['Wenzhou 27▲', { standard: 'wenzhou' as const, itemId: '27' }],
  ])('takes the school’s attestation of %s', (_, data) => {
    expect(rulesOf(decide(given(), submit(data), aContext(aCio())))).toEqual([]);
  });

  it('lets the chain review it, level by level', () => {
    const state = given([submit(item55), aContext(aCio(), { newAttestationId: 'n55' })]);
    expect(rulesOf(decide(state, review('n55', 'district', item55), aContext(districtOfficer)))).toEqual([]);
    expect(rulesOf(decide(state, review('n55', 'region', item55), aContext(provinceOfficer)))).toEqual(['data.level level.outOfOrder']);
  });

  it('lets a level override its derived value, with a reason', () => {
    expect(rulesOf(decide(given(), override('district', { itemId: '55', reason: '会议纪要在系统外' }), aContext(districtOfficer)))).toEqual([]);
  });

  it('still refuses to attest a derived-only item', () => {
    expect(rulesOf(decide(given(), submit({ itemId: '1' }), aContext(aCio())))).toEqual(['data.itemId item.derived']);
  });
});

describe("each column of the sheet needs both parts (Ningxia 55's 2 points)", () => {
  const meeting = anEvent(
    ActivityHeldV1,
    {
      activityId: 'M-1',
      kind: '专题会议',
      topics: ['教育信息化'],
      audience: ['staff'],
      mode: '线下',
      level: 'school',
      schoolRole: '主办',
      participants: 12,
      heldOn: '2026-10-15',
    },
    { id: 'm-1', subject: SCHOOL },
  );
  const evidenceOf = (withMeeting: boolean) =>
    evaluateCatalog(CATALOGS.ningxia, CLASSIFICATIONS.ningxia, applyAll(emptyFacts(SCHOOL), withMeeting ? [meeting] : []), { asOf: '2026-11-02' });
  const row55 = (state: ReviewState, column: Column, withMeeting = true) => {
    const { attested, overrides } = columnResults(state, 'ningxia', column);
    const r = scoreSheet(CATALOGS.ningxia, CLASSIFICATIONS.ningxia, evidenceOf(withMeeting), attested, overrides).rows.find((x) => x.itemId === '55');
    return { met: r?.met, points: r?.points, value: r?.value };
  };
  const submitted = () => given([submit(item55), aContext(aCio(), { newAttestationId: 'n55' })]);
  const byDistrict = () =>
    given([submit(item55), aContext(aCio(), { newAttestationId: 'n55' })], [review('n55', 'district', item55), aContext(districtOfficer)]);

  it('self: the meeting alone is not the claim; with the attestation submitted it is', () => {
    expect(row55(given(), 'self')).toEqual({ met: false, points: 0, value: 1 });
    expect(row55(submitted(), 'self')).toEqual({ met: true, points: 2, value: 1 });
    expect(row55(submitted(), 'self', false)).toEqual({ met: false, points: 0, value: 0 });
  });

  it('a level: met once that level (and every earlier one) accepted and the events hold', () => {
    expect(row55(submitted(), 'district')).toEqual({ met: false, points: 0, value: 1 });
    expect(row55(byDistrict(), 'district')).toEqual({ met: true, points: 2, value: 1 });
    expect(row55(byDistrict(), 'district', false)).toEqual({ met: false, points: 0, value: 0 });
    expect(row55(byDistrict(), 'region')).toEqual({ met: false, points: 0, value: 1 });
  });
});
