import {
  AS_OF,
  CREATION,
  EVER,
  SEM,
  SY,
  add,
  attested,
  check,
  classes,
  count,
  days,
  derived,
  derivedAndAttested,
  distinct,
  exists,
  ratio,
  studentShare,
  sum,
  teacherShare,
  teachers,
  type ClassificationTable,
  type Measure,
  type Where,
} from '../formula';

// 宁波 附表 建设内容参考: basic items B1–B39, featured F1–F3. 每年/年度 is the school year.
// Each derived item is read against its wording in docs/standards/readings/ningbo.md; the
// boundary tests are src/boundaries/ningbo.spec.ts.

const inService = { status: '在用' } as const;
/** 教育信息化培训: every training kind the contracts name but 其他. */
const IT_TRAINING = ['信息技术应用能力提升工程', '网络学习空间专题培训', '网络安全培训', '信息化领导力培训', '信息化人员培训', '教育信息化培训'];
/** 教育信息化相关 topics. */
const IT_TOPICS = [
  '教育信息化',
  '信息技术',
  '信息技术融合',
  '网络学习空间',
  '三个课堂',
  '互联网+教育',
  '人工智能',
  '大数据',
  '虚拟现实',
  '编程',
  '信息素养',
  '信息伦理',
  '信息安全',
  '网络安全',
];
const managers: Measure = {
  of: 'share',
  population: { fact: 'roles', key: 'person', where: { role: ['校长', '分管校长', '校领导', '中层以上管理者'] } },
  evidence: { fact: 'TrainingCompleted', key: 'trainee', where: { level: { atLeast: 'county' }, kind: IT_TRAINING } },
  cmp: '>=',
  value: 1,
};
/** B8: 包括视频、教案、学案、练习、授课教师介绍 — every part, on the same course. */
const MICRO_COURSE_PARTS: readonly Where[] = ['视频', '教案', '学案', '练习', '授课教师介绍'].map((c) => ({ components: { has: c } }));
/** B20: a lecture the school ran (开展) on IT literacy. */
const lecture = (audience: string): Where => ({
  kind: '讲座',
  schoolRole: ['主办', '承办'],
  audience: { has: audience },
  topics: { hasAny: ['信息素养', '信息伦理', '信息安全', '信息技术', '网络安全'] },
});

export const ningboClassification: ClassificationTable = {
  B1: derived('B', 'in-use rooms wired ÷ rooms = 100 %, wireless ÷ rooms = 100 %; in-use 出口 links with IPv6 ≥ 1', [
    check('wired coverage', ratio(count('rooms', { inUse: true, wiredNetwork: true }), count('rooms', { inUse: true })), AS_OF, '>=', 1),
    check('wireless coverage', ratio(count('rooms', { inUse: true, wirelessNetwork: true }), count('rooms', { inUse: true })), AS_OF, '>=', 1),
    exists('IPv6 egress', count('links', { linkKind: '出口', ipv6: true, inUse: true })),
  ]),
  B2: derived('A', 'every in-use 骨干/楼宇间 link ≥ 10000 Mbps and every 到桌面 link ≥ 1000 Mbps', [
    check(
      'backbone at 10G',
      ratio(
        count('links', { linkKind: ['骨干', '楼宇间'], inUse: true, bandwidthMbps: { gte: 10000 } }),
        count('links', { linkKind: ['骨干', '楼宇间'], inUse: true }),
      ),
      AS_OF,
      '>=',
      1,
    ),
    check(
      'desktop at 1G',
      ratio(count('links', { linkKind: '到桌面', inUse: true, bandwidthMbps: { gte: 1000 } }), count('links', { linkKind: '到桌面', inUse: true })),
      AS_OF,
      '>=',
      1,
    ),
  ]),
  B3: attested('network design documents showing integrated wired/wireless design and unified control', 'a design property'),
  B4: derived('C', 'in-service 物联网感知设备 or devices with the 物联网 capability ≥ 1 and device telemetry in the last 30 days ≥ 1', [
    exists(
      'IoT devices',
      add(count('devices', { deviceType: '物联网感知设备', ...inService }), count('devices', { capabilities: { has: '物联网' }, ...inService })),
    ),
    exists('telemetry (30 d)', count('DeviceTelemetryReported'), days(30)),
  ]),
  B5: derived(
    'C',
    'in-use 安防综合管理 and 视频监控 systems',
    [
      exists('security platform', count('systems', { systemKinds: { has: '安防综合管理' }, status: '在用' })),
      exists('CCTV', count('systems', { systemKinds: { has: '视频监控' }, status: '在用' })),
    ],
    { review: '智能化程度较高' },
  ),
  B6: derived('C', 'in-use new-type teaching spaces ≥ 1', [exists('new-type spaces', count('rooms', { newTypeTeachingSpace: true, inUse: true }))]),
  B7: derived(
    'A',
    'primary: new-type spaces of 小学 or of the whole school (no stages) ÷ 小学 classes ≥ 3/18; secondary: new-type spaces of the stage or of the whole school ÷ its grades ≥ 2 (each stage)',
    [
      check(
        'primary per 18 classes',
        ratio(count('rooms', { newTypeTeachingSpace: true, inUse: true, stages: { covers: '$stage' } }), classes('$stage')),
        AS_OF,
        '>=',
        3 / 18,
        { 小学: 3 / 18 },
      ),
      check(
        'secondary per grade',
        ratio(count('rooms', { newTypeTeachingSpace: true, inUse: true, stages: { covers: '$stage' } }), distinct('classes', 'grade', { stage: '$stage' })),
        AS_OF,
        '>=',
        2,
        { 初中: 2, 高中: 2 },
      ),
    ],
  ),
  B8: derived('A', 'per semester: 微课程 on 甬上云校/之江汇 同步课程 with ≥ 6 lessons and all five parts (视频, 教案, 学案, 练习, 授课教师介绍) ≥ 1', [
    exists(
      'micro-courses',
      {
        of: 'keys',
        parts: [
          {
            fact: 'ResourceUploaded',
            key: 'resourceId',
            where: { kind: '微课程', platform: ['甬上云校', '之江汇'], platformModule: '同步课程', lessonCount: { gte: 6 } },
          },
        ],
        all: MICRO_COURSE_PARTS,
      },
      SEM,
    ),
  ]),
  B9: derived('A', '校本课程资源 the school developed (原创 or 课堂录制, not 引进) uploaded in the SY ≥ 50', [
    check('school-based resources', count('ResourceUploaded', { kind: '校本课程资源', origin: ['原创', '课堂录制'] }), SY, '>=', 50),
  ]),
  B10: derived(
    'A',
    'distinct 试卷/试题 added or updated in the SY that passed the school review ≥ 60',
    [
      check(
        'reviewed test resources added or updated',
        {
          of: 'keys',
          parts: [
            { fact: 'ResourceUploaded', key: 'resourceId', where: { kind: ['试卷', '试题'] } },
            { fact: 'ResourceUpdated', key: 'resourceId', where: { kind: ['试卷', '试题'] } },
          ],
          with: { fact: 'ResourceReviewed', key: 'resourceId', where: { reviewLevel: 'school', decision: ['通过', '优质'] } },
        },
        SY,
        '>=',
        60,
      ),
    ],
    { review: '全学科: the subjects covered' },
  ),
  B11: derived('A', 'distinct 家庭教育资源 recommended to parents in the SY ≥ 20; an in-use 数字家长学校', [
    check('resources recommended', distinct('ResourceRecommended', 'resourceId', { kind: '家庭教育资源', audience: 'parent' }), SY, '>=', 20),
    exists('digital parent school', count('systems', { systemKinds: { has: '数字家长学校' }, ...inService })),
  ]),
  B12: derived(
    'C',
    'successful 师生基础数据 syncs to the city (宁波市) 教育数据中心 in the SY ≥ 1',
    [exists('syncs', count('DataSyncedToAuthority', { dataKind: '师生基础数据', target: '教育数据中心', succeeded: true, targetLevel: 'city' }), SY)],
    { review: '常态化数据维护机制' },
  ),
  B13: attested('the database permission rules per role (document)', 'rules are documents'),
  B14: derived('C', 'lessons taught with ICT in an innovative teaching model (翻转课堂, 小组探究, PBL … any the contracts name) in the SY ≥ 1', [
    exists('lessons', count('LessonDelivered', { teachingModels: { exists: true }, ictEnvironment: true }), SY),
  ]),
  B15: derivedAndAttested(
    derived('A', 'synchronous preparation and research (synchronous 教研) + synchronous lessons (同步课堂 and the 三个课堂) in the semester ≥ 10', [
      check(
        'synchronous activities',
        add(count('ResearchActivityHeld', { synchronous: true }), count('LessonDelivered', { mode: ['同步课堂', '专递课堂', '名师课堂', '名校网络课堂'] })),
        SEM,
        '>=',
        10,
      ),
    ]),
    'the 常态化使用制度方案 (rules and scheme for regular synchronous teaching and remote research)',
    'a 制度方案 is a document; the activities are events',
  ),
  B16: derived(
    'C',
    'in the semester: automatically collected evaluation records (教育评价) ≥ 1 and automatically collected teaching data (教育教学: platform learning activity, 智能改作, 网络阅卷) ≥ 1',
    [
      exists('auto evaluation records', count('GrowthRecordAdded', { source: '自动采集' }), SEM),
      exists(
        'auto teaching data',
        add(
          count('LearningActivitySummarized'),
          count('HomeworkGraded', { gradingMode: '智能改作' }),
          count('ExamScoresPublished', { markingMode: '网络阅卷' }),
        ),
        SEM,
      ),
    ],
  ),
  B17: derivedAndAttested(
    derived('B', 'students with a growth record on a 省/市 evaluation system in the SY ÷ students = 100 %', [
      check('students evaluated', studentShare('GrowthRecordAdded', 'student', { platformLevel: ['city', 'province'] }), SY, '>=', 1),
    ]),
    "the school's 学生综合素质评价细则和标准",
    'rules and standards are documents; the records are events',
  ),
  B18: derived('C', 'research activities on a subject (学科内容) and 信息技术融合 in the SY ≥ 1', [
    exists('research', count('ResearchActivityHeld', { topics: { hasAny: ['信息技术融合', '教育信息化', '信息技术'] }, subjects: { exists: true } }), SY),
  ]),
  B19: derived(
    'A',
    'distinct works on 教育信息化 topics published as 论文 or awarded as papers/cases in the SY ≥ 2 (a work both published and awarded counts once)',
    [
      check(
        'papers and cases',
        {
          of: 'keys',
          parts: [
            { fact: 'ArticlePublished', key: 'articleId', where: { kind: '论文', topics: { hasAny: IT_TOPICS } } },
            { fact: 'AwardReceived', key: 'workId', where: { category: ['论文评比', '课题案例评比', '案例遴选', '典型案例'], topics: { hasAny: IT_TOPICS } } },
          ],
        },
        SY,
        '>=',
        2,
      ),
    ],
  ),
  B20: derived('A', 'IT-literacy lectures the school ran (主办/承办) in the SY: for teachers ≥ 1 and for students ≥ 1 (one joint lecture is both)', [
    exists('lectures for teachers', count('ActivityHeld', lecture('teacher')), SY),
    exists('lectures for students', count('ActivityHeld', lecture('student')), SY),
  ]),
  B21: derived(
    'A',
    'managers with 区级+ 教育信息化 training in the SY ÷ managers = 100 %; 专任教师 in 提升工程 = 100 %; 教育信息化 training hours ÷ 专任教师 ≥ 5 per SY',
    [
      check('managers trained', managers, SY, '>=', 1),
      check('teachers in the programme', teacherShare('TrainingCompleted', 'trainee', { kind: '信息技术应用能力提升工程' }), EVER, '>=', 1),
      check('hours per teacher', ratio(sum('TrainingCompleted', 'hours', { kind: IT_TRAINING }), teachers()), SY, '>=', 5),
    ],
  ),
  B22: derived('A', 'teachers and students with a 之江汇 space ÷ each = ≥ 95 %; 专任教师 whose yearly experience > 60 ÷ 专任教师 ≥ 80 %; 市级+ awards ≥ 1', [
    check('teachers with a space', teacherShare('spaces', 'owner', { ownerRole: 'teacher', platform: '之江汇' }), AS_OF, '>=', 0.95),
    check('students with a space', studentShare('spaces', 'owner', { ownerRole: 'student', platform: '之江汇' }), AS_OF, '>=', 0.95),
    check(
      'active teacher spaces',
      teacherShare('ExperiencePointsReported', 'owner', { ownerRole: 'teacher', platform: '之江汇' }, 60, 'points', '>'),
      SY,
      '>=',
      0.8,
    ),
    exists(
      'city+ awards',
      count('AwardReceived', {
        recipientKind: ['teacher', 'student'],
        level: { atLeast: 'city' },
        category: ['信息化教学比赛', '信息技术应用类竞赛', '数字作品竞赛'],
      }),
      CREATION,
    ),
  ]),
  B23: derived('C', 'an in-use 协同办公 system with 统一身份认证; an in-use 统一门户; the 10 named modules in in-use systems under unified identity (整合)', [
    exists('office system', count('systems', { systemKinds: { has: '协同办公' }, unifiedIdentity: true, status: '在用' })),
    exists('portal', count('systems', { systemKinds: { has: '统一门户' }, status: '在用' })),
    check(
      'modules',
      distinct('systems', 'systemKinds', { status: '在用', unifiedIdentity: true }, [
        '信息公开',
        '行政办公',
        '教务管理',
        '科研管理',
        '财务管理',
        '资产管理',
        '后勤管理',
        '招生管理',
        '学生事务',
        '家校互动',
      ]),
      AS_OF,
      '>=',
      10,
    ),
  ]),
  B24: derived('C', 'capabilities among 智慧校情决策, 区块链应用 (in-use systems) and 智能排课 (lessons in the semester) ≥ 2 (多种)', [
    check(
      'capabilities',
      add(
        distinct('systems', 'systemKinds', { status: '在用' }, ['智慧校情决策', '区块链应用']),
        distinct('LessonTimetabled', 'scheduledBy', { scheduledBy: '智能排课' }),
      ),
      SEM,
      '>=',
      2,
    ),
  ]),
  B25: derived('C', 'successful 资产数据 syncs to a 市 or 区 authority in the SY ≥ 1', [
    exists('asset syncs', count('DataSyncedToAuthority', { dataKind: '资产数据', succeeded: true, targetLevel: ['county', 'city'] }), SY),
  ]),
  B26: attested('service catalogue of the 一站式服务 and its 最多跑一次 rules', 'a service standard, not a count'),
  B27: derived(
    'C',
    'a publishing platform (网站, 公众号, 信息屏, 数字广播) with 信息发布 used in the last 30 days',
    [
      exists('platform', count('systems', { features: { hasAny: ['网站', '公众号', '信息屏', '数字广播'] }, status: '在用' })),
      exists('publishing (30 d)', count('SystemUsageSummarized', { 'uses.feature': { has: '信息发布' } }), days(30)),
    ],
    { review: '常态化 and 精准 publishing' },
  ),
  B28: derived('C', 'a 智慧校园建设领导小组 and a 首席信息官', [
    exists('leadership group', count('orgUnits', { kind: ['智慧校园建设领导小组', '信息化工作领导小组'] })),
    exists('CIO', count('roles', { role: '首席信息官' })),
  ]),
  B29: derived('C', 'a 信息化工作管理部门 or 信息化中层机构', [exists('department', count('orgUnits', { kind: ['信息化工作管理部门', '信息化中层机构'] }))]),
  B30: derived(
    'C',
    'IT staff on the roster ≥ 1; in the SY: 信息化人员培训 ≥ 1 and a 网络安全 lecture ≥ 1',
    [
      exists('IT team', count('roles', { role: ['信息化负责人', '信息化管理人员', '网管'] })),
      exists('staff training', count('TrainingCompleted', { kind: ['信息化人员培训', '网络安全培训'] }), SY),
      exists('security lecture', count('ActivityHeld', { kind: '讲座', topics: { hasAny: ['网络安全', '信息安全'] } }), SY),
    ],
    { review: '定期 and a complete team' },
  ),
  B31: attested('the overall smart-campus plan and the annual plan', 'plans are documents'),
  B32: attested('management rules and incentive policy', 'rules are documents'),
  B33: attested('the funding plan and yearly spending on the smart campus', 'no event family carries money'),
  B34: attested('the policy guaranteeing the funding', 'a policy document'),
  B35: derived('C', 'an in-use 门户网站监控 system', [
    exists('website monitoring', count('systems', { systemKinds: { has: '门户网站监控' }, status: '在用' })),
  ]),
  B36: attested('network-security management rules', 'rules are documents'),
  B37: attested('public-opinion handling rules', 'rules are documents'),
  B38: derived('B', 'in-use systems the school runs (providerLevel school) with a 等保 assessment (符合/基本符合) ÷ those systems = 100 %', [
    check(
      'assessed systems',
      {
        of: 'share',
        population: { fact: 'systems', key: 'systemId', where: { status: '在用', providerLevel: 'school' } },
        evidence: { fact: 'SecurityAssessmentCompleted', key: 'systemId', where: { result: ['符合', '基本符合'] } },
        cmp: '>=',
        value: 1,
      },
      EVER,
      '>=',
      1,
    ),
  ]),
  B39: derivedAndAttested(
    derived('C', 'educational-app admission reviews in the SY ≥ 1', [exists('app reviews', count('AppReviewed'), SY)]),
    'the 教育类 App 准入机制 (admission rules)',
    'a mechanism is a document; the reviews show it in use',
  ),
  F1: attested('featured report: innovative use of new technologies in the campus environment', 'featured items are judged by experts'),
  F2: attested('featured report: new teaching and learning practice with new technologies', 'featured items are judged by experts'),
  F3: attested('featured report: data integration with the upper data centre and data-based governance', 'featured items are judged by experts'),
};
