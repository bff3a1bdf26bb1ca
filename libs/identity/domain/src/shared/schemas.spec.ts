import { applyOrgEvents, type OrgEvent } from '../org-tree/decider';
import { orgCommandSchema, orgEventSchema } from '../org-tree/schemas';
import { aSchool, zhejiangRegions } from '../org-tree/testing';
import { applyPeopleEvents, type PeopleEvent } from '../people/people';
import { peopleEventSchema } from '../people/schemas';

const orgEvents: OrgEvent[] = [
  ...zhejiangRegions(),
  aSchool({ schoolType: '完中', classes: [{ stage: '初中', grade: 7, classes: 3 }] }),
  { type: 'SchoolRenamed', data: { code: '3302030001', from: '宁波市海曙区实验小学', to: '海曙实验', effectiveOn: '2021-01-01' } },
  { type: 'SchoolMoved', data: { code: '3302030001', fromRegionCode: '330203', toRegionCode: '330212', effectiveOn: '2022-01-01' } },
  { type: 'SchoolClosed', data: { code: '3302030001', effectiveOn: '2023-01-01' } },
];
const peopleEvents: PeopleEvent[] = [
  { type: 'PersonRegistered', data: { personId: 'p1', kind: 'student', effectiveOn: '2020-01-01' } },
  {
    type: 'PersonAssigned',
    data: {
      personId: 'p1',
      placement: { schoolCode: '3302030001', post: undefined, stages: ['初中'], subjects: [], grade: 7, classId: 'c7' },
      effectiveOn: '2021-09-01',
    },
  },
  { type: 'IdLinked', data: { personId: 'p1', ref: { system: 'attendance-card', localId: '0042' }, effectiveOn: '2021-09-01' } },
  { type: 'PersonLeft', data: { personId: 'p1', reason: '转出', effectiveOn: '2022-07-01' } },
];
const viaJson = <T>(x: T): unknown => JSON.parse(JSON.stringify(x));

describe('boundary schemas', () => {
  it('read back org events stored as JSON to the same state', () => {
    const parsed = orgEvents.map((e) => orgEventSchema.parse(viaJson(e)));
    expect(applyOrgEvents(parsed)).toEqual(applyOrgEvents(orgEvents));
  });
  it('read back people events stored as JSON to the same state', () => {
    const parsed = peopleEvents.map((e) => peopleEventSchema.parse(viaJson(e)));
    expect(applyPeopleEvents(parsed)).toEqual(applyPeopleEvents(peopleEvents));
  });
  it.each([
    ['an unknown event type', { type: 'SchoolDemolished', data: {} }],
    ['a malformed school code', { type: 'SchoolClosed', data: { code: '33', effectiveOn: '2023-01-01' } }],
    ['an extra field', { type: 'SchoolClosed', data: { code: '3302030001', effectiveOn: '2023-01-01', by: 'x' } }],
  ])('refuse %s', (_what, raw) => {
    expect(orgEventSchema.safeParse(raw).success).toBe(false);
  });
  it('parses a command from a request body', () => {
    expect(orgCommandSchema.parse({ type: 'CloseSchool', data: { code: '3302030001', effectiveOn: '2023-01-01' } }).type).toBe('CloseSchool');
    expect(orgCommandSchema.safeParse({ type: 'CloseSchool', data: { code: '3302030001', effectiveOn: 'soon' } }).success).toBe(false);
  });
});
