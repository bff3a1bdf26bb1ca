import { LEVELS, PLATFORM_LEVEL, PLATFORMS_OF_MODULE, STAGES_OF_SCHOOL_TYPE, GRADES_OF_STAGE, type Stage } from './common';
import type { EventDefinition } from './envelope';
import * as E from './events';

// The cross-field rules of the contracts (the zod superRefines and the validator's own checks),
// named by the `rule` their problems carry, for the published documents: where JSON Schema
// 2020-12 can say a rule, its `schema` is added to the type's data schema (allOf); where it
// cannot (comparing two fields, date arithmetic, the receiver's clock), the rule is published
// beside the schemas in generated/rules.json. Every rule has an example that breaks it: the
// type's sample data (testing/factories) with `example` applied; parity.spec.ts checks that
// the hub refuses each example with the rule at the path, and that ajv refuses it exactly
// when the rule is in the schema. Metadata only: nothing here changes what the hub accepts.

type Json = Record<string, unknown>;

export interface CrossFieldRule {
  /** The `rule` of the hub's problem. */
  readonly rule: string;
  /** JSON Pointer of the problem in the event, `*` for an array index. */
  readonly path: string;
  readonly description: string;
  /** Data fields that break it, over the type's sample data (`undefined` removes a field). */
  readonly example: Json;
  /** Replaces envelope attributes instead (envelope rules). */
  readonly envelopeExample?: Json;
  /** The rule in JSON Schema, applied to the data object; absent = published beside the schema. */
  readonly schema?: Json;
}

// ---- JSON Schema building blocks (applied to the data object) ----

const is = (field: string, value: unknown): Json => ({ properties: { [field]: { const: value } }, required: [field] });
const isIn = (field: string, values: readonly unknown[]): Json => ({ properties: { [field]: { enum: [...values] } }, required: [field] });
const prop = (field: string, schema: Json): Json => ({ properties: { [field]: schema } });
const absent = (field: string): Json => ({ not: { required: [field] } });
const empty = (field: string): Json => prop(field, { type: 'array', maxItems: 0 });
const nonEmpty = (field: string): Json => ({ required: [field], properties: { [field]: { type: 'array', minItems: 1 } } });
const when = (cond: Json, then: Json, otherwise?: Json): Json => (otherwise ? { if: cond, then, else: otherwise } : { if: cond, then });
const allOf = (schemas: Json[]): Json => (schemas.length === 1 && schemas[0] ? schemas[0] : { allOf: schemas });

const STAGES = Object.keys(GRADES_OF_STAGE) as Stage[];
const gradeRange = (st: Stage): Json => ({ type: 'integer', minimum: GRADES_OF_STAGE[st][0], maximum: GRADES_OF_STAGE[st][1] });

// ---- rule families ----

function uniq(field: string, item: unknown): CrossFieldRule {
  return {
    rule: 'unique',
    path: `/data/${field}/*`,
    description: `${field} holds no entry twice`,
    example: { [field]: [item, item] },
    schema: prop(field, { type: 'array', uniqueItems: true }),
  };
}

/** Unique by a key: in the schema when the key is an enum (each value at most once), else published. */
function uniqBy(field: string, key: string, values: readonly string[] | undefined, item: Json, other: Json): CrossFieldRule {
  return {
    rule: 'unique',
    path: `/data/${field}/*`,
    description: `${field} holds no two entries with the same ${key}`,
    example: { [field]: [item, { ...item, ...other }] },
    ...(values
      ? {
          schema: prop(field, {
            type: 'array',
            allOf: values.map((v) => ({ contains: { type: 'object', properties: { [key]: { const: v } }, required: [key] }, minContains: 0, maxContains: 1 })),
          }),
        }
      : {}),
  };
}

function dateOrder(field: string, from: string, example: Json): CrossFieldRule {
  return { rule: 'date-order', path: `/data/${field}`, description: `${field} is not before ${from}`, example };
}

function atMost(field: string, than: string, example: Json, rule = 'max'): CrossFieldRule {
  return { rule, path: `/data/${field}`, description: `${field} does not exceed ${than}`, example };
}

function gradesInStage(stageField: string, gradeField: string, list: boolean, example: Json): CrossFieldRule {
  return {
    rule: 'grade-in-stage',
    path: list ? `/data/${gradeField}/*` : `/data/${gradeField}`,
    description: `every ${gradeField} is a grade of the ${stageField} (小学 1–6, 初中 6–9, 高中 and 中职 10–12)`,
    example,
    schema: allOf(STAGES.map((st) => when(is(stageField, st), prop(gradeField, list ? { type: 'array', items: gradeRange(st) } : gradeRange(st))))),
  };
}

function requiredFor(field: string, cond: Json, when_: string, example: Json, rule = 'required-for-kind', need: Json = { required: [field] }): CrossFieldRule {
  return { rule, path: `/data/${field}`, description: `${field} is required ${when_}`, example, schema: when(cond, need) };
}

function onlyFor(field: string, cond: Json, when_: string, example: Json, forbid: Json = absent(field)): CrossFieldRule {
  return { rule: 'only-for-kind', path: `/data/${field}`, description: `${field} is only allowed ${when_}`, example, schema: when(cond, {}, forbid) };
}

function consistent(field: string, description: string, cond: Json, then: Json, example: Json, rule = 'consistent'): CrossFieldRule {
  return { rule, path: `/data/${field}`, description, example, schema: when(cond, then) };
}

/** checkPlatform: platform, platformLevel and platformModule travel together. */
function platformRules(def: EventDefinition): CrossFieldRule[] {
  const fields = objectShape(def.data);
  if (!fields['platform']) return [];
  const optional = (f: string) => fields[f]?.safeParse(undefined).success === true;
  const rules: CrossFieldRule[] = [];
  if (optional('platform')) {
    rules.push({
      rule: 'required',
      path: '/data/platform',
      description: 'platform is required when platformLevel or platformModule is given',
      example: { platform: undefined, platformLevel: 'province' },
      schema: { dependentRequired: { platformLevel: ['platform'], ...(fields['platformModule'] ? { platformModule: ['platform'] } : {}) } },
    });
  }
  if (optional('platformLevel')) {
    rules.push({
      rule: 'required',
      path: '/data/platformLevel',
      description: 'platformLevel is required when platform is given',
      example: { platform: '之江汇', platformLevel: undefined },
      schema: { dependentRequired: { platform: ['platformLevel'] } },
    });
  }
  rules.push({
    rule: 'platform-level',
    path: '/data/platformLevel',
    description: `a named platform has its own level: ${Object.entries(PLATFORM_LEVEL)
      .map(([p, l]) => `${p} ${l}`)
      .join(', ')}`,
    example: { platform: '之江汇', platformLevel: 'city', ...(fields['platformModule'] ? { platformModule: undefined } : {}) },
    schema: allOf(Object.entries(PLATFORM_LEVEL).map(([p, l]) => when(is('platform', p), prop('platformLevel', { const: l })))),
  });
  if (fields['platformModule']) {
    rules.push({
      rule: 'platform-module',
      path: '/data/platformModule',
      description: `a module belongs to its platforms: ${Object.entries(PLATFORMS_OF_MODULE)
        .map(([m, ps]) => `${m} of ${ps.join('/')}`)
        .join('; ')}`,
      example: { platform: '之江汇', platformLevel: 'province', platformModule: '云上学校' },
      schema: allOf(Object.entries(PLATFORMS_OF_MODULE).map(([m, ps]) => when(is('platformModule', m), prop('platform', { enum: [...ps] })))),
    });
  }
  return rules;
}

type Shape = Record<string, { safeParse: (v: unknown) => { success: boolean } }>;
/** The fields of a type's data object (through its superRefine). */
function objectShape(schema: unknown): Shape {
  const s = schema as { shape?: Shape; _zod?: { def?: { shape?: Shape; schema?: unknown; in?: unknown } } };
  if (s.shape) return s.shape;
  const inner = s._zod?.def?.schema ?? s._zod?.def?.in;
  return inner ? objectShape(inner) : {};
}

const partnerRules = (sampleMode: Json): CrossFieldRule[] => {
  const REMOTE = ['专递课堂', '名师课堂', '名校网络课堂', '同步课堂'];
  return [
    requiredFor(
      'partnerSchoolCodes',
      isIn('mode', REMOTE),
      `for a remote lesson (${REMOTE.join('/')}): at least one partner school`,
      { partnerSchoolCodes: [] },
      'required-for-kind',
      nonEmpty('partnerSchoolCodes'),
    ),
    onlyFor('partnerSchoolCodes', isIn('mode', REMOTE), 'for remote lessons', { mode: '线下', ...sampleMode }, empty('partnerSchoolCodes')),
    uniq('partnerSchoolCodes', '3302030002'),
  ];
};

const teacher = { system: 'timetabling', localId: 'T0001' };
const other = { system: 'timetabling', localId: 'T0002' };
const semesterA = { semester: '第一学期', startsOn: '2026-09-01', endsOn: '2027-01-22', teachingWeeks: 20 };
const ROLES_WITH_FULL_TIME = ['信息化管理人员', '网管'];
const SYNC = ['同步备课', '同步研修', '远程互动研修'];
const SECURITY_FUNCTIONS = ['防火墙', '防病毒', '入侵防护', '漏洞扫描', '流量管理', '上网行为管理', '有害信息过滤', 'WEB应用防火墙'];
const COURSE_RESOURCE_KINDS = ['微课程', '慕课', '校本课程资源', '家庭教育资源', '名师课程', '综合实践课程', '网络课程'];
const OPEN_LESSONS = ['公开课', '研讨课', '汇报课', '示范课'];

function enumOf(def: EventDefinition, ...path: string[]): readonly string[] {
  let node: unknown = objectShape(def.data);
  for (const key of path) {
    const n = node as { shape?: Shape; _zod?: { def?: { element?: unknown; shape?: Shape; innerType?: unknown } } } & Record<string, unknown>;
    if (key === '[]') node = n._zod?.def?.element ?? (n._zod?.def?.innerType as { _zod?: { def?: { element?: unknown } } })?._zod?.def?.element;
    else node = (n.shape ?? objectShape(n) ?? n)[key] ?? (n as Record<string, unknown>)[key];
  }
  const options = (node as { options?: readonly string[] }).options;
  if (!options) throw new Error(`no enum at ${def.type} ${path.join('.')}`);
  return options;
}

/** The cross-field rules of each event type, by type. */
export const CROSS_FIELD_RULES: ReadonlyMap<string, readonly CrossFieldRule[]> = new Map<string, CrossFieldRule[]>([
  // roster
  [
    E.SchoolRegisteredV1.type,
    [
      uniq('stages', '小学'),
      {
        rule: 'stages-of-school-type',
        path: '/data/stages',
        description: 'stages include every stage the school type runs (完中: 初中 and 高中, 九年一贯: 小学 and 初中, …)',
        example: { schoolType: '完中', stages: ['初中'] },
        schema: allOf(
          Object.entries(STAGES_OF_SCHOOL_TYPE).map(([t, sts]) =>
            when(is('schoolType', t), prop('stages', { type: 'array', allOf: sts.map((s) => ({ contains: { const: s } })) })),
          ),
        ),
      },
    ],
  ],
  [E.ClassOpenedV1.type, [gradesInStage('stage', 'grade', false, { stage: '小学', grade: 9 })]],
  [E.TeacherAssignedV1.type, [uniq('stages', '小学'), uniq('subjects', '数学')]],
  [E.StudentEnrolledV1.type, [gradesInStage('stage', 'grade', false, { stage: '高中', grade: 1 })]],
  [
    E.HeadcountReportedV1.type,
    [uniqBy('byStage', 'stage', ['小学', '初中', '高中', '中职'], { stage: '小学', teachers: 1, students: 1, classes: 1 }, { teachers: 2 })],
  ],
  [
    E.RoleAssignedV1.type,
    [
      requiredFor('subject', is('role', '学科融合负责人'), "for role '学科融合负责人' (one per subject)", { role: '学科融合负责人' }),
      onlyFor('subject', is('role', '学科融合负责人'), "for role '学科融合负责人'", { subject: '数学' }),
      requiredFor('fullTime', isIn('role', ROLES_WITH_FULL_TIME), `for roles ${ROLES_WITH_FULL_TIME.join(', ')} (专职 or 兼职)`, { role: '网管' }),
      onlyFor('fullTime', isIn('role', ROLES_WITH_FULL_TIME), `for roles ${ROLES_WITH_FULL_TIME.join(', ')}`, { fullTime: true }),
    ],
  ],
  [
    E.RoleRevokedV1.type,
    [
      requiredFor('subject', is('role', '学科融合负责人'), "for role '学科融合负责人' (one per subject)", { subject: undefined }),
      onlyFor('subject', is('role', '学科融合负责人'), "for role '学科融合负责人'", { role: '网管' }),
    ],
  ],
  [E.OrgUnitEstablishedV1.type, [uniq('members', teacher)]],
  [E.CredentialRecordedV1.type, [dateOrder('validUntil', 'issuedOn', { validUntil: '2025-05-31' })]],

  // timetabling
  [
    E.SchoolCalendarPublishedV1.type,
    [
      uniqBy('semesters', 'semester', ['第一学期', '第二学期'], semesterA, { startsOn: '2027-02-22', endsOn: '2027-07-02', teachingWeeks: 19 }),
      {
        rule: 'date-order',
        path: '/data/semesters/*/endsOn',
        description: "a semester's endsOn is not before its startsOn",
        example: { semesters: [{ ...semesterA, endsOn: '2026-08-31' }] },
      },
      {
        rule: 'within-school-year',
        path: '/data/semesters/*/startsOn',
        description: 'a semester starts within its school year (1 September – 31 August)',
        example: { semesters: [{ ...semesterA, startsOn: '2026-08-20' }] },
      },
      {
        rule: 'within-school-year',
        path: '/data/semesters/*/endsOn',
        description: 'a semester ends within its school year (1 September – 31 August)',
        example: { semesters: [{ ...semesterA, endsOn: '2027-09-10', teachingWeeks: 20 }] },
      },
      {
        rule: 'max',
        path: '/data/semesters/*/teachingWeeks',
        description: "teachingWeeks fit in the semester's calendar weeks",
        example: { semesters: [{ ...semesterA, endsOn: '2026-10-01' }] },
      },
    ],
  ],
  [
    E.CourseOfferedV1.type,
    [
      gradesInStage('stage', 'grades', true, { stage: '初中', grades: [5, 6] }),
      uniq('grades', 5),
      uniq('topics', '人工智能'),
      onlyFor('category', is('courseType', '拓展型'), "for courseType '拓展型'", { courseType: '基础型' }),
    ],
  ],
  [E.SubjectKnowledgePointsReportedV1.type, [uniq('grades', 3)]],
  [E.CourseSelectionClosedV1.type, [uniqBy('courses', 'courseId', undefined, { courseId: 'K-AI-1', students: 38 }, { students: 12 })]],
  [
    E.LessonTimetabledV1.type,
    [
      ...partnerRules({ partnerSchoolCodes: ['3302030002'] }),
      {
        rule: 'max',
        path: '/data/periods',
        description: 'period + periods − 1 does not run past period 16',
        example: { period: 15, periods: 3 },
        schema: allOf([14, 15, 16].map((p) => when(is('period', p), prop('periods', { type: 'integer', maximum: 17 - p })))),
      },
    ],
  ],
  [
    E.LessonTimetabledV2.type,
    [
      ...partnerRules({ partnerSchoolCodes: ['3302030002'] }),
      uniq('teachers', teacher),
      {
        rule: 'max',
        path: '/data/periods',
        description: 'period + periods − 1 does not run past period 16',
        example: { period: 15, periods: 3 },
        schema: allOf([14, 15, 16].map((p) => when(is('period', p), prop('periods', { type: 'integer', maximum: 17 - p })))),
      },
    ],
  ],
  [
    E.LessonDeliveredV1.type,
    [
      ...partnerRules({ partnerSchoolCodes: ['3302030002'] }),
      uniq('classIds', 'C-2026-1-1'),
      uniq('teachers', teacher),
      uniq('teachingModels', '互动课堂'),
      requiredFor('openLessonLevel', isIn('lessonKind', OPEN_LESSONS), `for a ${OPEN_LESSONS.join('/')}`, { openLessonLevel: undefined }),
      onlyFor('openLessonLevel', isIn('lessonKind', OPEN_LESSONS), `for ${OPEN_LESSONS.join(', ')}`, { lessonKind: '常规课' }),
      consistent(
        'ictEnvironment',
        'a lesson that used a platform was taught in an ICT environment (ictEnvironment true)',
        { required: ['platform'] },
        prop('ictEnvironment', { const: true }),
        { ictEnvironment: false },
      ),
    ],
  ],
  [
    E.ActivityHeldV1.type,
    [
      uniq('audience', 'teacher'),
      uniq('topics', '信息素养'),
      uniq('speakers', teacher),
      onlyFor('orgUnitId', isIn('kind', ['工作会议', '专题会议']), 'for kinds 工作会议, 专题会议', { orgUnitId: 'OU-1' }),
      requiredFor(
        'visitorRegionCodes',
        is('kind', '观摩学习接待'),
        "for kind '观摩学习接待'",
        { kind: '观摩学习接待' },
        'required-for-kind',
        nonEmpty('visitorRegionCodes'),
      ),
      onlyFor('visitorRegionCodes', is('kind', '观摩学习接待'), "for kind '观摩学习接待'", { visitorRegionCodes: ['330203'] }, empty('visitorRegionCodes')),
      consistent(
        'level',
        "a school does not host (承办) a school-level activity: schoolRole '承办' needs a level above school",
        is('schoolRole', '承办'),
        prop('level', { not: { const: 'school' } }),
        { schoolRole: '承办', level: 'school' },
      ),
    ],
  ],

  // grading
  [
    E.ExamScheduledV1.type,
    [
      gradesInStage('stage', 'grades', true, { grades: [7] }),
      uniq('grades', 5),
      uniq('subjects', '数学'),
      dateOrder('endsOn', 'startsOn', { endsOn: '2026-11-09' }),
    ],
  ],
  [E.ExamScoresPublishedV1.type, [atMost('scored', 'candidates', { candidates: 40, scored: 41 })]],
  [
    E.ScoreAnalysisGeneratedV1.type,
    [
      requiredFor('classId', is('scope', '班级'), "for scope '班级'", { classId: undefined }),
      onlyFor('classId', is('scope', '班级'), "for scope '班级'", { scope: '学校' }),
      requiredFor('grade', is('scope', '年级'), "for scope '年级'", { scope: '年级', classId: undefined }),
      onlyFor('grade', is('scope', '年级'), "for scope '年级'", { grade: 5 }),
    ],
  ],
  [
    E.HomeworkGradedV1.type,
    [dateOrder('gradedOn', 'assignedOn', { gradedOn: '2026-09-07' }), atMost('submissions', 'recipients', { recipients: 40, submissions: 41 })],
  ],
  [E.GrowthRecordAddedV1.type, [uniq('topics', '人工智能')]],
  [
    E.TeacherRecordAddedV1.type,
    [
      requiredFor('result', is('category', '信息素养测评'), "for category '信息素养测评'", { result: undefined }),
      onlyFor('result', is('category', '信息素养测评'), "for category '信息素养测评'", { category: '教学', round: undefined }),
      requiredFor('round', is('category', '信息素养测评'), "for category '信息素养测评'", { round: undefined }),
      onlyFor('round', is('category', '信息素养测评'), "for category '信息素养测评'", { category: '教学', result: undefined }),
    ],
  ],

  // asset
  [
    E.RoomRegisteredV1.type,
    [
      uniq('stages', '小学'),
      uniq('grades', 1),
      {
        rule: 'grade-in-stage',
        path: '/data/grades/*',
        description: 'for a room of one stage, every grade is a grade of that stage',
        example: { stages: ['初中'], grades: [1] },
        schema: allOf(
          STAGES.map((st) =>
            when(
              { required: ['stages'], properties: { stages: { type: 'array', minItems: 1, maxItems: 1, items: { const: st } } } },
              prop('grades', { type: 'array', items: gradeRange(st) }),
            ),
          ),
        ),
      },
      onlyFor('wirelessTech', is('wirelessNetwork', true), 'when wirelessNetwork is true', { wirelessNetwork: false }),
      onlyFor('newTypeTeachingSpace', is('areaKind', '教学'), "for areaKind '教学'", { areaKind: '办公' }, prop('newTypeTeachingSpace', { const: false })),
    ],
  ],
  [
    E.DeviceRegisteredV1.type,
    [
      uniq('stages', '小学'),
      uniq('capabilities', '互动教学'),
      {
        rule: 'only-for-kind',
        path: '/data/capabilities/*',
        description: `the security functions (${SECURITY_FUNCTIONS.join(', ')}) are capabilities of a 网络安全设备 only`,
        example: { capabilities: ['防火墙'] },
        schema: when(is('deviceType', '网络安全设备'), {}, prop('capabilities', { type: 'array', items: { not: { enum: SECURITY_FUNCTIONS } } })),
      },
      dateOrder('registeredOn', 'acquiredOn', { registeredOn: '2025-08-19' }),
    ],
  ],
  [
    E.DeviceTelemetryReportedV1.type,
    [
      dateOrder('periodEnd', 'periodStart', { periodEnd: '2026-10-07' }),
      atMost('onlineMinutes', 'the minutes of the period (1440 a day)', { onlineMinutes: 1441, usageMinutes: undefined }),
      atMost('usageMinutes', 'onlineMinutes', { onlineMinutes: 100, usageMinutes: 101 }),
    ],
  ],
  [
    E.NetworkLinkRegisteredV1.type,
    [
      requiredFor('upstream', is('linkKind', '出口'), "for linkKind '出口'", { upstream: undefined }),
      onlyFor('upstream', is('linkKind', '出口'), "for linkKind '出口'", { linkKind: '骨干' }),
      requiredFor('roomId', is('linkKind', '到班'), "for linkKind '到班'", { linkKind: '到班', upstream: undefined }),
    ],
  ],
  [
    E.InformationSystemRegisteredV1.type,
    [
      uniq('systemKinds', '协同办公'),
      uniq('features', '通知公告'),
      uniq('connectedTo', '教育魔方'),
      uniq('roomIds', 'R-101'),
      onlyFor('backupPowerHours', prop('systemKinds', { type: 'array', contains: { const: '视频监控' } }), "for a system of kind '视频监控'", {
        backupPowerHours: 4,
      }),
    ],
  ],
  [
    E.SystemUsageSummarizedV1.type,
    [
      dateOrder('periodEnd', 'periodStart', { periodEnd: '2026-08-31' }),
      atMost('periodEnd', 'periodStart + 30 days (a summary covers at most 31 days)', { periodEnd: '2026-10-02' }, 'max-period'),
      uniqBy('uses', 'feature', enumOf(E.SystemUsageSummarizedV1, 'uses', '[]', 'feature'), { feature: '通知公告', count: 1 }, { count: 2 }),
    ],
  ],
  [E.LogRetentionReportedV1.type, [dateOrder('reportedOn', 'oldestRecordOn', { reportedOn: '2026-01-31' })]],
  [
    E.DataSyncedToAuthorityV1.type,
    [
      consistent(
        'targetLevel',
        'an authority is above the school (county, city, province or national)',
        {},
        prop('targetLevel', { enum: LEVELS.filter((l) => l !== 'school') }),
        { targetLevel: 'school' },
        'enum',
      ),
    ],
  ],

  // attendance
  [
    E.DailyAttendanceRecordedV1.type,
    [
      { rule: 'sum', path: '/data/expected', description: 'present + onLeave + absent equals expected', example: { expected: 41 } },
      atMost('late', 'present (late students are present)', { expected: 40, present: 39, onLeave: 1, absent: 0, late: 40 }),
      requiredFor('classId', is('role', 'student'), "when role is 'student'", { classId: undefined }, 'required'),
      gradesInStage('stage', 'grade', false, { stage: '小学', grade: 7 }),
    ],
  ],
  [
    E.GatePassesSummarizedV1.type,
    [
      uniqBy('passes', 'method', enumOf(E.GatePassesSummarizedV1, 'passes', '[]', 'method'), { method: '刷卡', count: 1 }, { count: 2 }),
      atMost('temperatureChecks', "the day's passes and visitors", { temperatureChecks: 5000 }),
      atMost('temperatureAbnormal', 'temperatureChecks', { temperatureChecks: 10, temperatureAbnormal: 11 }),
    ],
  ],

  // space
  [
    E.LearningSpaceOpenedV1.type,
    [
      requiredFor('owner', isIn('ownerRole', ['teacher', 'student', 'parent']), 'for teacher, student and parent spaces', { owner: undefined }, 'required'),
      onlyFor('owner', isIn('ownerRole', ['teacher', 'student', 'parent']), 'for teacher, student and parent spaces', { ownerRole: 'school' }),
      requiredFor('classId', is('ownerRole', 'class'), 'for a class space', { ownerRole: 'class', owner: undefined }),
      onlyFor('classId', is('ownerRole', 'class'), 'for a class space', { classId: 'C-2026-1-1' }),
    ],
  ],
  [
    E.ExperiencePointsReportedV1.type,
    [
      dateOrder('periodEnd', 'periodStart', { periodEnd: '2026-08-31' }),
      atMost('periodEnd', 'periodStart + 365 days (a report covers at most one year)', { periodEnd: '2027-09-02' }, 'max-period'),
    ],
  ],
  [
    E.LearningActivitySummarizedV1.type,
    [
      dateOrder('periodEnd', 'periodStart', { periodEnd: '2026-08-31' }),
      atMost('periodEnd', 'periodStart + 30 days (a summary covers at most 31 days)', { periodEnd: '2026-10-02' }, 'max-period'),
      uniqBy('activities', 'kind', enumOf(E.LearningActivitySummarizedV1, 'activities', '[]', 'kind'), { kind: '自主学习', count: 1 }, { count: 2 }),
      {
        rule: 'kind-for-role',
        path: '/data/activities/*/kind',
        description: "活动设计 and 任务布置 are a teacher's activities",
        example: { activities: [{ kind: '任务布置', count: 1 }] },
        schema: when(
          is('role', 'teacher'),
          {},
          prop('activities', { type: 'array', items: { type: 'object', properties: { kind: { not: { enum: ['活动设计', '任务布置'] } } } } }),
        ),
      },
      atMost('onMobile', 'the activities counted', { onMobile: 16 }),
      atMost('teacherGuided', 'the activities counted', { teacherGuided: 16 }),
      onlyFor(
        'teacherGuided',
        is('role', 'student'),
        'for students (above 0)',
        { role: 'teacher', person: teacher },
        prop('teacherGuided', { type: 'integer', maximum: 0 }),
      ),
    ],
  ],
  [E.LessonPreparedV1.type, [uniq('lessonIds', 'L-1')]],
  [
    E.ResearchActivityHeldV1.type,
    [
      consistent('synchronous', `a ${SYNC.join('/')} is synchronous`, isIn('kind', SYNC), prop('synchronous', { const: true }), { synchronous: false }),
      consistent('mode', 'a synchronous activity runs over the network (线上 or 混合)', is('synchronous', true), prop('mode', { not: { const: '线下' } }), {
        mode: '线下',
      }),
      requiredFor('platform', { properties: { mode: { not: { const: '线下' } } } }, 'for a 线上 or 混合 activity', {
        platform: undefined,
        platformLevel: undefined,
      }),
      uniq('partnerSchoolCodes', '3302030002'),
      uniq('subjects', '数学'),
      uniq('grades', 3),
      uniq('topics', '信息技术融合'),
      uniq('participants', teacher),
    ],
  ],
  [
    E.AwardReceivedV1.type,
    [
      onlyFor(
        'recipients',
        { properties: { recipientKind: { not: { const: 'school' } } } },
        'for teacher and student awards (a school award names no persons)',
        { recipientKind: 'school' },
        empty('recipients'),
      ),
      requiredFor(
        'recipients',
        { properties: { recipientKind: { not: { const: 'school' } } } },
        'for a teacher or student award: at least one person',
        { recipients: [] },
        'required-for-kind',
        nonEmpty('recipients'),
      ),
      uniq('recipients', teacher),
      uniq('topics', '教育信息化'),
    ],
  ],
  [E.CompetitionEnteredV1.type, [uniq('participants', other), uniq('topics', '信息素养')]],
  [
    E.ArticlePublishedV1.type,
    [
      requiredFor('authors', is('kind', '论文'), "for a '论文': at least one author", { authors: [] }, 'required-for-kind', nonEmpty('authors')),
      uniq('authors', teacher),
      uniq('topics', '三个课堂'),
    ],
  ],
  [
    E.ResearchProjectApprovedV1.type,
    [
      consistent('level', "a '校本课题' is a school-level project", is('kind', '校本课题'), prop('level', { const: 'school' }), { kind: '校本课题' }),
      uniq('members', other),
      uniq('topics', '教育信息化'),
    ],
  ],
  [
    E.DesignationConferredV1.type,
    [
      requiredFor('recipient', isIn('kind', ['未来教育技术学院讲师', '信息化骨干培训项目培养对象']), 'for a designation of a teacher', {
        recipient: undefined,
      }),
      onlyFor(
        'recipient',
        { properties: { kind: { not: { enum: ['网络学习空间培训基地学校', '网络学习空间普及活动先进单位'] } } } },
        'for designations of persons',
        { kind: '网络学习空间培训基地学校' },
      ),
      dateOrder('validUntil', 'conferredOn', { validUntil: '2026-09-30' }),
    ],
  ],

  // resource
  [
    E.ResourceUploadedV1.type,
    [
      onlyFor(
        'uploader',
        { properties: { uploaderRole: { not: { const: 'school' } } } },
        "for uploaders other than the school (uploaderRole 'school' names no person)",
        { uploaderRole: 'school' },
      ),
      requiredFor(
        'uploader',
        { properties: { uploaderRole: { not: { const: 'school' } } } },
        "when uploaderRole is not 'school'",
        { uploader: undefined },
        'required',
      ),
      onlyFor('lessonCount', isIn('kind', COURSE_RESOURCE_KINDS), `for course resources (${COURSE_RESOURCE_KINDS.join(', ')})`, {
        kind: '微课',
        problemSolvingGuidance: undefined,
      }),
      onlyFor('components', isIn('kind', ['微课', '微课程']), "for a '微课' or '微课程'", { kind: '课件', lessonCount: undefined }, empty('components')),
      onlyFor('problemSolvingGuidance', is('kind', '微课'), "for a '微课'", { problemSolvingGuidance: true }),
      gradesInStage('stage', 'grades', true, { grades: [7] }),
      uniq('grades', 3),
      uniq('components', '视频'),
      uniq('knowledgePoints', 'KP-3-12'),
    ],
  ],
  [
    E.ResourceRecommendedV1.type,
    [
      consistent(
        'audience',
        "the 数字家长学校 recommends to parents (audience 'parent')",
        is('channel', '数字家长学校'),
        prop('audience', { const: 'parent' }),
        { audience: 'teacher' },
      ),
    ],
  ],
]);

/** Every cross-field rule of a type: its own and the platform rules of checkPlatform. */
export function crossFieldRulesOf(def: EventDefinition): readonly CrossFieldRule[] {
  const fields = objectShape(def.data);
  const schoolYear: CrossFieldRule[] = fields['schoolYear']
    ? [
        {
          rule: 'school-year',
          path: '/data/schoolYear',
          description: 'a school year is two consecutive years, e.g. 2026-2027',
          example: { schoolYear: '2026-2028' },
          schema: prop('schoolYear', { type: 'string', pattern: SCHOOL_YEAR_PATTERN }),
        },
      ]
    : [];
  return [...schoolYear, ...platformRules(def), ...(CROSS_FIELD_RULES.get(def.type) ?? [])];
}

/** 学年 "YYYY-YYYY+1" as a regular expression (no arithmetic in JSON Schema: one alternative per carried digit). */
export const SCHOOL_YEAR_PATTERN = (() => {
  const alts: string[] = [];
  let group = 0;
  for (let carried = 0; carried < 4; carried += 1) {
    const nines = '9'.repeat(carried);
    const zeros = '0'.repeat(carried);
    const prefix = 3 - carried;
    for (let d = 0; d <= 8; d += 1) {
      if (prefix > 0) {
        group += 1;
        alts.push(`(\\d{${prefix}})${d}${nines}-(?:\\${group})${d + 1}${zeros}`);
      } else {
        alts.push(`${d}${nines}-${d + 1}${zeros}`);
      }
    }
  }
  return `^(?:${alts.join('|')})$`;
})();

/** Rules the envelope and the validator enforce on every event type. */
export const ENVELOPE_RULES: readonly CrossFieldRule[] = [
  {
    rule: 'not-in-future',
    path: '/time',
    description: "time is at most 5 minutes (maxFutureSkewMs) ahead of the receiver's clock",
    example: {},
    envelopeExample: { time: '2099-01-01T00:00:00+08:00' },
  },
  {
    rule: 'partitionkey-is-school',
    path: '/partitionkey',
    description: 'the partitionkey extension, where set, is the subject (the school code)',
    example: {},
    envelopeExample: { partitionkey: '3302030002' },
  },
  {
    rule: 'format',
    path: '/dataschema',
    description:
      "dataschema parses as an absolute URL by the WHATWG URL Standard (URL.canParse, after trimming white space); the schema checks the scheme, the rest (a special scheme's host) is published here",
    example: {},
    envelopeExample: { dataschema: 'https://exa mple.cn/schema.json' },
  },
];

/** What the schema says of dataschema: an absolute URL as URL.canParse takes it (a scheme, then anything). */
export const DATASCHEMA_PATTERN = '^[\\s\\x00-\\x20]*[A-Za-z][A-Za-z0-9+.\\-\\t\\n\\r]*:';
