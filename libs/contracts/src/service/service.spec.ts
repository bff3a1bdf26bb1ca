import { anEvent } from '../testing';
import { SchoolCalendarPublishedV1 } from '../events';
import {
  ContractMismatch,
  directorySchema,
  feedPageSchema,
  feedQuerySchema,
  idLinkResolutionSchema,
  parseContract,
  schoolViewSchema,
  visibleSchoolsAnswerSchema,
} from './index';

const school = {
  code: '3302030001',
  name: '学校',
  regionCode: '330203',
  schoolType: '小学',
  stages: ['小学'],
  classes: [{ stage: '小学', grade: 1, classes: 2 }],
  status: 'open',
  since: '2020-01-01',
  registeredOn: '2020-01-01',
};

describe('service-to-service contracts', () => {
  it('read a feed page of stored events, positions as decimal strings', () => {
    const event = anEvent(SchoolCalendarPublishedV1, {}, { subject: '3302030001' });
    const page = parseContract(feedPageSchema, { events: [{ position: '18446744073709551617', event }], next: '18446744073709551617' }, 'the feed');
    expect(page.events[0]?.event).toEqual(event);
    expect(feedQuerySchema.parse({ after: '', limit: '' })).toEqual({ limit: 1_000 });
    expect(feedQuerySchema.safeParse({ limit: '5001' }).success).toBe(false);
  });

  it('name every field that breaks the contract, as JSON Pointers', () => {
    let error: unknown;
    try {
      parseContract(feedPageSchema, { events: [{ position: 7, event: { id: 'x' } }], next: '1' }, "the warehouse's feed page after 0");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContractMismatch);
    const mismatch = error as ContractMismatch;
    expect(mismatch.faults.map((f) => f.path)).toEqual(
      expect.arrayContaining(['/events/0/position', '/events/0/event/specversion', '/events/0/event/subject']),
    );
    expect(mismatch.message).toMatch(/^the warehouse's feed page after 0 does not match its contract: \/events\/0\/position .*\(invalid_type\)/);
  });

  it("describe identity's school, tree, id-link and visibility answers", () => {
    expect(schoolViewSchema.parse(school)).toEqual(school);
    expect(
      directorySchema.parse({ asOf: '2026-12-01', regions: [{ code: '330203', name: '海曙区', level: 'district', parentCode: '330200' }], schools: [school] })
        .schools,
    ).toHaveLength(1);
    expect(() => parseContract(schoolViewSchema, { ...school, regionCode: 330203 }, 'school')).toThrow(/\/regionCode/);
    const resolution = idLinkResolutionSchema.parse({
      results: [
        { ref: { system: 't', localId: '1' }, personId: 'p-1' },
        { ref: 'bad', unresolved: 'invalid-ref', message: 'ref: not an object' },
      ],
    });
    expect(resolution.results.map((r) => ('personId' in r ? r.personId : r.unresolved))).toEqual(['p-1', 'invalid-ref']);
    expect(() => parseContract(idLinkResolutionSchema, { results: [{ ref: {}, unresolved: 'maybe' }] }, 'id links')).toThrow(ContractMismatch);
    expect(visibleSchoolsAnswerSchema.parse({ asOf: '2026-12-01', schools: ['3302030001'] }).schools).toEqual(['3302030001']);
  });
});
