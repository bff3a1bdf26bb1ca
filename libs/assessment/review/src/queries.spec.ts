import { CATALOGS } from '@educube/assessment-catalog';
import { CLASSIFICATIONS, scoreSheet } from '@educube/assessment-engine';
import { attestedResults, columnResults } from './queries';
import { history } from './state';
import { aCio, aContext, cityOfficer, districtOfficer, given, override, provinceOfficer, review, submit } from './testing';

const submittedA1 = [submit(), aContext(aCio(), { newAttestationId: 'a1' })] as const;

describe('columnResults', () => {
  it('self column: what the school claims — a submitted attestation counts as met', () => {
    const state = given([...submittedA1]);
    expect(columnResults(state, 'ningxia', 'self')).toEqual({
      attested: { '18': { met: true, status: 'submitted, awaiting district (教育局（各地认定）)' } },
      overrides: {},
    });
  });

  it('a level column: met once that level and every earlier one accepted', () => {
    const state = given([...submittedA1], [review('a1', 'district'), aContext(districtOfficer)]);
    const status = 'accepted by district (教育局（各地认定）), awaiting region (自治区教育厅（自治区认定）), only for schools applying for four stars or more';
    expect(columnResults(state, 'ningxia', 'district').attested['18']).toEqual({ met: true, status });
    expect(columnResults(state, 'ningxia', 'region').attested['18']).toEqual({ met: false, status });
    expect(attestedResults(state, 'ningxia')['18']?.met).toBe(false);
    expect(attestedResults(state, 'ningxia', 'district')['18']?.met).toBe(true);
  });

  it('a rejection: not met from that level on, and the status carries the comment', () => {
    const state = given(
      [submit({ standard: 'wenzhou', itemId: '12' }), aContext(aCio(), { newAttestationId: 'w1' })],
      [review('w1', 'county', { standard: 'wenzhou', itemId: '12', decision: 'rejected', comment: '佐证材料不足' }), aContext(districtOfficer)],
    );
    expect(columnResults(state, 'wenzhou', 'county').attested['12']).toEqual({
      met: false,
      status: 'rejected by county (县（市、区）教育行政部门（县级初评）): 佐证材料不足',
    });
    expect(columnResults(state, 'wenzhou', 'self').attested['12']?.met).toBe(true);
  });

  it("points: a level's partial points, or none (the item's own) when it accepts without", () => {
    const state = given(
      [...submittedA1],
      [review('a1', 'district', { points: 1 }), aContext(districtOfficer)],
      [review('a1', 'region'), aContext(provinceOfficer)],
    );
    expect(columnResults(state, 'ningxia', 'district').attested['18']).toEqual({
      met: true,
      points: 1,
      status: expect.stringMatching(/with 1 points.*review complete$/),
    });
    expect(columnResults(state, 'ningxia', 'region').attested['18']).toEqual({ met: true, status: expect.any(String) });
  });

  it('overrides apply from their level on; a higher level supersedes a lower one', () => {
    const state = given(
      [override('district', { met: false, reason: '数据不实' }), aContext(districtOfficer)],
      [override('region', { met: true, points: 0.5, reason: '复核部分达标' }), aContext(provinceOfficer)],
    );
    expect(columnResults(state, 'ningxia', 'self').overrides).toEqual({});
    expect(columnResults(state, 'ningxia', 'district').overrides['1']).toEqual({ met: false, reason: expect.stringMatching(/^数据不实 \(district/) });
    expect(columnResults(state, 'ningxia', 'region').overrides['1']).toEqual({
      met: true,
      points: 0.5,
      reason: expect.stringMatching(/^复核部分达标 \(region/),
    });
  });

  it('refuses a column the standard has no level for', () => {
    expect(() => columnResults(given(), 'ningxia', 'county')).toThrow(/no column county/);
  });

  it("feeds the engine's score sheet: the district column of a Ningxia school", () => {
    const state = given(
      [...submittedA1],
      [review('a1', 'district', { points: 1.5 }), aContext(cityOfficer)],
      [submit({ itemId: '43' }), aContext(aCio(), { newAttestationId: 'a2' })],
      [review('a2', 'district', { itemId: '43' }), aContext(districtOfficer)],
      [override('district', { met: true, reason: '现场核实' }), aContext(districtOfficer)],
    );
    const { attested, overrides } = columnResults(state, 'ningxia', 'district');
    const { rows, verdict } = scoreSheet(CATALOGS.ningxia, CLASSIFICATIONS.ningxia, [], attested, overrides);
    const row = (id: string) => rows.find((r) => r.itemId === id);
    expect([row('18')?.points, row('43')?.points, row('1')?.points]).toEqual([1.5, 3, 1]);
    expect(verdict.kind === 'points' && verdict.total).toBe(5.5);
    expect(row('18')?.status).toMatch(/^accepted by district/);
    expect(row('1')?.override).toMatch(/^met: 现场核实/);
  });
});

describe('history', () => {
  it('lists every event in the order it was applied', () => {
    const state = given([...submittedA1], [review('a1', 'district'), aContext(districtOfficer)], [override('district'), aContext(districtOfficer)]);
    expect(history(state).map((e) => e.type)).toEqual(['AttestationSubmitted', 'ItemReviewed', 'DerivedValueOverridden']);
  });
});
