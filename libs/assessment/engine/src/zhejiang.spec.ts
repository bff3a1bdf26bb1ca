import { CATALOGS } from '@educube/assessment-catalog';
import * as E from '@educube/contracts';
import { type CloudEvent } from '@educube/contracts';
import { CLASSIFICATIONS } from './classification';
import { evaluateCatalog, type Evidence } from './evaluate';
import { applyAll, emptyFacts } from './facts';
import { scoreSheet, type AttestedResult } from './sheet';
import { person, schoolKit } from './testing/school';

// Zhejiang items read against their wording (浙江省普通中小学智慧校园建设指南), each case computed by hand:
// "每门学科"/"学科资源" mean every subject the school teaches; a subject it does not teach stands in for none.

const SCHOOL = '3301020001';
// contract-valid events of this school, as the hub stores them (testing/school.ts)
const kit = schoolKit(SCHOOL, 'z');
const { ev } = kit;
const evaluate = (id: string, events: CloudEvent[]): Evidence => kit.evaluate('zhejiang', id, events, { asOf: '2026-12-01' });

describe('Zhejiang (二)1.(2) "建设系统化、体系化的基础教育学科资源": resources for every subject taught', () => {
  // Offered: 语文, 数学, 英语. Resources of all five kinds for 语文 and 数学, and one for 书法 (not taught).
  // Before: 3 subjects with resources ÷ 3 offered = 100 %, met. After: 2 of the 3 taught ≈ 67 %, not met.
  const offered = (subject: string) =>
    ev(E.CourseOfferedV1, {
      courseId: `K-${subject}`,
      title: subject,
      kind: '国家课程',
      courseType: '基础型',
      category: undefined,
      topics: [],
      subject,
      stage: '初中',
      grades: [7],
      schoolYear: '2026-2027',
      semester: undefined,
      plannedPeriods: 120,
    });
  const KINDS = ['教学设计', '微课', '课件', '作业练习', '实验演示'] as const;
  const upload = (subject: string, kind: (typeof KINDS)[number]) =>
    ev(E.ResourceUploadedV1, {
      resourceId: `RS-${subject}-${kind}`,
      kind,
      uploaderRole: 'teacher',
      subject,
      components: [],
      lessonCount: undefined,
      problemSolvingGuidance: undefined,
      uploadedAt: '2026-10-01T10:00:00+08:00',
    });
  const base = [offered('语文'), offered('数学'), offered('英语'), ...KINDS.flatMap((k) => [upload('语文', k), upload('数学', k)]), upload('书法', '课件')];

  it('a 书法 resource does not stand in for 英语; one 英语 resource completes the subjects', () => {
    expect(evaluate('(二)1.(2)', base)).toMatchObject({ met: false });
    expect(evaluate('(二)1.(2)', base).checks.find((c) => c.label === 'subjects covered')).toMatchObject({ value: 2 / 3, met: false });
    expect(evaluate('(二)1.(2)', [...base, upload('英语', '课件')])).toMatchObject({ met: true });
  });
});

describe('Zhejiang (五)2.(2) "每门学科配备教师负责推进信息技术与学科教学的融合创新应用": every subject taught', () => {
  // 专任教师 teach 语文, 数学, 英语; leads for 语文, 数学 and 书法. Before: 3 ÷ 3 = 100 %, met. After: 2 of 3 ≈ 67 %, not met.
  const teacher = (n: string, subjects: string[]) =>
    ev(E.TeacherAssignedV1, { teacher: person(n), post: '专任教师', stages: ['初中'], subjects, assignedOn: '2025-09-01' });
  const lead = (n: string, subject: string) => ev(E.RoleAssignedV1, { person: person(n), role: '学科融合负责人', subject, assignedOn: '2025-09-01' });
  const base = [teacher('T1', ['语文']), teacher('T2', ['数学']), teacher('T3', ['英语']), lead('T1', '语文'), lead('T2', '数学'), lead('T4', '书法')];

  it('a lead for a subject not taught does not stand in for 英语', () => {
    expect(evaluate('(五)2.(2)', base)).toMatchObject({ value: 2 / 3, met: false });
    expect(evaluate('(五)2.(2)', [...base, lead('T3', '英语')])).toMatchObject({ value: 1, met: true });
  });
});

// Items whose wording asks for a document besides what events show are derived + attested: the
// events give the value, and the item is met only once the document's attestation is accepted.
describe.each([
  {
    id: '(三)4.(1)',
    clause: '每学年制定网络教研计划，并开展网络研修活动。',
    document: '网络教研计划',
    event: () =>
      ev(E.ResearchActivityHeldV1, {
        activityId: 'RA-1',
        kind: '专题教研',
        mode: '线上',
        synchronous: false,
        platform: '之江汇',
        platformLevel: 'province',
        organiserLevel: 'school',
        partnerSchoolCodes: [],
        subjects: [],
        grades: [],
        topics: [],
        participants: [],
        heldOn: '2026-10-20',
      }),
  },
  {
    id: '(四)3.(3)',
    clause: '能编制学校信息化发展规划、规章制度与应用办法，逐步实现信息化教学应用师生全覆盖。',
    document: '信息化发展规划',
    event: () => [
      ev(E.TeacherAssignedV1, { teacher: person('T1'), post: '专任教师', stages: ['初中'], subjects: ['语文'], assignedOn: '2025-09-01' }),
      ev(E.LessonDeliveredV1, {
        lessonId: 'LD-1',
        deliveredOn: '2026-10-12',
        stage: '初中',
        subject: '语文',
        classIds: ['C-7-1'],
        teachers: [person('T1')],
        mode: '线下',
        partnerSchoolCodes: [],
        platform: undefined,
        platformLevel: undefined,
        teachingModels: [],
        lessonKind: '常规课',
        openLessonLevel: undefined,
        ictEnvironment: true,
        recorded: false,
        studentDevices: undefined,
      }),
      ev(E.StudentEnrolledV1, { student: person('S1'), stage: '初中', grade: 7, classId: 'C-7-1', enrolledOn: '2025-09-01' }),
      ev(E.LearningActivitySummarizedV1, {
        person: person('S1'),
        role: 'student',
        platform: '之江汇',
        platformLevel: 'province',
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        activities: [{ kind: '自主学习', count: 3 }],
        onMobile: 0,
        teacherGuided: 0,
      }),
    ],
  },
  {
    id: '(五)3.(4)',
    clause: '制订网络安全应急预案，每学年至少开展一次应急演练',
    document: '网络安全应急预案',
    event: () =>
      ev(E.ActivityHeldV1, {
        activityId: 'DR-1',
        kind: '网络安全应急演练',
        topics: ['网络安全'],
        audience: ['staff'],
        mode: '线下',
        level: 'school',
        schoolRole: '主办',
        speakers: [],
        participants: 30,
        heldOn: '2026-10-20',
      }),
  },
])('Zhejiang $id 「$clause」 is derived + attested', ({ id, document, event }) => {
  const ASOF = '2026-12-01';
  const events = [event()].flat();
  const sheet = (evs: CloudEvent[], attested: Record<string, AttestedResult> = {}) => {
    const evidence = evaluateCatalog(CATALOGS.zhejiang, CLASSIFICATIONS.zhejiang, applyAll(emptyFacts(SCHOOL), evs), { asOf: ASOF });
    const { rows, verdict } = scoreSheet(CATALOGS.zhejiang, CLASSIFICATIONS.zhejiang, evidence, attested);
    return { row: rows.find((r) => r.itemId === id), verdict };
  };
  const accepted: AttestedResult = { met: true, status: 'accepted by county' };
  const unmet = (v: unknown) => (v as { unmetBasic: string[] }).unmetBasic;

  it(`asks for the ${document} as well as the events`, () => {
    expect(CLASSIFICATIONS.zhejiang[id]).toMatchObject({ basis: 'derived+attested', evidence: expect.stringContaining(document) });
  });

  it('events alone: the value is shown, but the basic item is not met without the document', () => {
    const { row, verdict } = sheet(events);
    expect(row).toMatchObject({ basis: 'derived+attested', value: 1, met: false, status: `derived as of ${ASOF}: met; not attested` });
    expect(unmet(verdict)).toContain(id);
  });

  it('events and an accepted attestation: met', () => {
    const { row, verdict } = sheet(events, { [id]: accepted });
    expect(row).toMatchObject({ basis: 'derived+attested', value: 1, met: true, status: `derived as of ${ASOF}: met; accepted by county` });
    expect(unmet(verdict)).not.toContain(id);
  });

  it('an accepted attestation without the events: not met', () => {
    const { row, verdict } = sheet([], { [id]: accepted });
    expect(row).toMatchObject({ basis: 'derived+attested', met: false, status: `derived as of ${ASOF}: not met; accepted by county` });
    expect(unmet(verdict)).toContain(id);
  });
});
