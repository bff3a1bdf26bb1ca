import { HeadcountReportedV1, SchoolRegisteredV1 } from '@educube/contracts';
import { applyOrgEvents } from '../org-tree/decider';
import { aSchool, zhejiangRegions } from '../org-tree/testing';
import { applyPeopleEvents, type PeopleEvent } from './people';
import { headcountFact, schoolRegisteredFact } from './roster-facts';

const tree = applyOrgEvents([
  ...zhejiangRegions(),
  aSchool({
    code: '3302030001',
    schoolType: '九年一贯',
    classes: [
      { stage: '小学', grade: 1, classes: 4 },
      { stage: '小学', grade: 2, classes: 3 },
      { stage: '初中', grade: 7, classes: 5 },
    ],
  }),
]);
const teacher = (id: string, post: '专任教师' | '工勤人员', stages: ('小学' | '初中')[]): PeopleEvent[] => [
  { type: 'PersonRegistered', data: { personId: id, kind: post === '专任教师' ? 'teacher' : 'staff', effectiveOn: '2020-01-01' } },
  {
    type: 'PersonAssigned',
    data: {
      personId: id,
      placement: { schoolCode: '3302030001', post, stages, subjects: [], grade: undefined, classId: undefined },
      effectiveOn: '2021-09-01',
    },
  },
];
const student = (id: string): PeopleEvent[] => [
  { type: 'PersonRegistered', data: { personId: id, kind: 'student', effectiveOn: '2020-01-01' } },
  {
    type: 'PersonAssigned',
    data: {
      personId: id,
      placement: { schoolCode: '3302030001', post: undefined, stages: ['小学'], subjects: [], grade: 1, classId: 'c1' },
      effectiveOn: '2021-09-01',
    },
  },
];
const people = applyPeopleEvents([
  ...teacher('t1', '专任教师', ['小学']),
  ...teacher('t2', '专任教师', ['小学', '初中']),
  ...teacher('w1', '工勤人员', ['小学']),
  ...student('s1'),
  ...student('s2'),
]);

describe('roster facts', () => {
  it('publishes SchoolRegistered data that the contract accepts', () => {
    const data = schoolRegisteredFact(tree, '3302030001', '2025-01-01');
    expect(SchoolRegisteredV1.data.parse(data)).toEqual({
      name: '宁波市海曙区实验小学',
      regionCode: '330203',
      schoolType: '九年一贯',
      stages: ['小学', '初中'],
      registeredOn: '2020-09-01',
    });
    expect(schoolRegisteredFact(tree, '3302030001', '2019-01-01')).toBeUndefined();
  });

  it('publishes HeadcountReported data: 专任教师 only, students, classes per stage', () => {
    const data = headcountFact(tree, people, '3302030001', '2025-01-01');
    expect(HeadcountReportedV1.data.parse(data)).toEqual({
      asOf: '2025-01-01',
      byStage: [
        { stage: '小学', teachers: 2, students: 2, classes: 7 },
        { stage: '初中', teachers: 1, students: 0, classes: 5 },
      ],
    });
    expect(headcountFact(tree, people, '3302030001', '2021-08-31')?.byStage.map((b) => b.teachers + b.students)).toEqual([0, 0]);
  });
});
