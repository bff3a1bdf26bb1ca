import {
  AS_OF,
  CREATION,
  EVER,
  SEM,
  SY,
  add,
  attested,
  check,
  count,
  days,
  derived,
  derivedAndAttested,
  distinct,
  exists,
  ratio,
  spanDays,
  studentShare,
  students,
  sum,
  teacherShare,
  teachers,
  type ClassificationTable,
  type Measure,
  type Where,
} from '../formula';

// 温州 指导性指标体系, indicators 1–28. 每年 is the school year; 创建期间 the creation period.

const inService = { status: '在用' } as const;
const COMPUTERS = ['台式计算机', '笔记本计算机', '云桌面终端'];
// Wenzhou 6: the new-type space and what it holds, whatever the level.
const NEW_SPACE_BASE = [
  exists('new-type spaces', count('rooms', { newTypeTeachingSpace: true, inUse: true })),
  exists('interactive multimedia', count('devices', { deviceType: '交互式多媒体教学设备', ...inService })),
  exists('recording', count('devices', { deviceType: '录播系统', ...inService })),
];
// Wenzhou 14: 教师教学常规's four 项目, each counted for the 学科 it was used in.
const ROUTINE_PRACTICES = [
  { label: '网络/智能备课', fact: 'LessonPrepared' },
  { label: '互动课堂', fact: 'LessonDelivered', where: { teachingModels: { has: '互动课堂' } } },
  { label: '智能改作', fact: 'HomeworkGraded', where: { gradingMode: '智能改作' } },
  { label: '在线辅导', fact: 'OnlineTutoringHeld' },
] as const;
const WENZHOU_PLATFORMS = ['之江汇', '温州教育影院', '云图', '学校自建'];
const sys = (kind: string) => count('systems', { systemKinds: { has: kind }, status: '在用' });
// Wenzhou-specific readings (docs/standards/readings/wenzhou.md).
/** The school's application systems (各类应用, 各大系统): what users sign into and what holds education data; infrastructure (视频监控, 测温, 广播…) is not an application. */
const APP_KINDS = [
  '协同办公',
  '校务管理',
  '行政办公',
  '信息公开',
  '教务管理',
  '选课',
  '科研管理',
  '财务管理',
  '资产管理',
  '后勤管理',
  '招生管理',
  '学生事务',
  '家校互动',
  '数字家长学校',
  '综合素质评价',
  '图书管理',
  '数字图书馆',
  '教学应用',
];
const apps = (where: Where = {}): Measure => count('systems', { systemKinds: { hasAny: APP_KINDS }, status: '在用', ...where });
/** 信息化 topics (research, 相关讲座). */
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
/**
 * 信息化项目 (Wenzhou 24): the contract's 信息化 categories, and 科技创新竞赛, where the contract files the
 * 创客, 机器人 and 人工智能 contests that this document's 学生信息素养 covers (items 4, 19, 20, 23).
 */
const IT_CATEGORIES = ['信息技术应用类竞赛', '数字作品竞赛', '信息化教学比赛', '科技创新竞赛'];
/** Rooms of a kind each holding an in-service device (建有…并配备…设备设施): no room is no value. */
const equipped = (roomKind: string): Measure => ({
  of: 'share',
  population: { fact: 'rooms', key: 'roomId', where: { roomKind, inUse: true } },
  evidence: { fact: 'devices', key: 'roomId', where: inService },
  cmp: '>=',
  value: 1,
});

export const wenzhouClassification: ClassificationTable = {
  '1': derived('A', 'Σ bandwidth of in-use 出口 links ≥ 10000 Mbps; in-use rooms with wireless ÷ rooms = 100 %', [
    check('egress (Mbps)', sum('links', 'bandwidthMbps', { linkKind: '出口', inUse: true }), AS_OF, '>=', 10000),
    check('wireless coverage', ratio(count('rooms', { inUse: true, wirelessNetwork: true }), count('rooms', { inUse: true })), AS_OF, '>=', 1),
  ]),
  '2': derived(
    'A',
    'every 骨干/楼宇间 link ≥ 10000 Mbps, every 到桌面 link ≥ 1000 Mbps, every 骨干/楼宇间/到桌面 link on IPv6; main teaching rooms on 5G or gigabit wireless = 100 %',
    [
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
      check(
        'IPv6',
        ratio(
          count('links', { linkKind: ['骨干', '楼宇间', '到桌面'], inUse: true, ipv6: true }),
          count('links', { linkKind: ['骨干', '楼宇间', '到桌面'], inUse: true }),
        ),
        AS_OF,
        '>=',
        1,
      ),
      check(
        'fast wireless',
        ratio(
          count('rooms', { areaKind: '教学', mainArea: true, inUse: true, wirelessTech: ['5G', '千兆无线'] }),
          count('rooms', { areaKind: '教学', mainArea: true, inUse: true }),
        ),
        AS_OF,
        '>=',
        1,
      ),
    ],
  ),
  '3': derived(
    'A',
    'teaching rooms with in-service multimedia = 100 %; per stage students of the stage ÷ in-service student computers of the stage or of the whole school (no stages) ≤ 7 (小学) / 6 (初中) / 5 (高中); 专任教师 ÷ teacher computers ≤ 1',
    [
      check(
        'rooms with multimedia',
        {
          of: 'share',
          population: { fact: 'rooms', key: 'roomId', where: { areaKind: '教学', inUse: true } },
          evidence: { fact: 'devices', key: 'roomId', where: { deviceType: ['交互式多媒体教学设备', '多媒体教学设备'], ...inService } },
          cmp: '>=',
          value: 1,
        },
        AS_OF,
        '>=',
        1,
      ),
      check(
        'students per computer',
        ratio(students('$stage'), count('devices', { deviceType: COMPUTERS, ownerRole: 'student', stages: { covers: '$stage' }, ...inService })),
        AS_OF,
        '<=',
        7,
        { 小学: 7, 初中: 6, 高中: 5 },
      ),
      check('teachers per computer', ratio(teachers(), count('devices', { deviceType: COMPUTERS, ownerRole: 'teacher', ...inService })), AS_OF, '<=', 1),
    ],
  ),
  '4': derived(
    'C',
    'in-use 创客空间 and 人工智能实验室 (each, with ≥ 1) holding an in-service device = 100 %; course resources (holdings) on 人工智能 or 科技创新 ≥ 1',
    [
      check('maker space equipped', equipped('创客空间'), AS_OF, '>=', 1),
      check('AI lab equipped', equipped('人工智能实验室'), AS_OF, '>=', 1),
      exists('course resources', count('resources', { theme: ['人工智能', '科技创新'] })),
    ],
    { review: 'that the software, hardware and resources suit 创客 and 人工智能 courses (信息技术必修课 included)' },
  ),
  '5': derived(
    'B',
    'in-use 公共服务 rooms (图书馆, 活动室, 行政楼…) holding an in-service 公用信息终端 ÷ in-use 公共服务 rooms = 100 %',
    [
      check(
        'public terminals',
        {
          of: 'share',
          population: { fact: 'rooms', key: 'roomId', where: { areaKind: '公共服务', inUse: true } },
          evidence: { fact: 'devices', key: 'roomId', where: { deviceType: '公用信息终端', ...inService } },
          cmp: '>=',
          value: 1,
        },
        AS_OF,
        '>=',
        1,
      ),
    ],
    { review: 'the integrated smart-education exhibition space' },
  ),
  // ▲达标 有少部分通用教室建成新型教学空间; ▲2.0 通用教室规模化建成新型空间有常态化应用场景. 通用教室 = 普通教室 (班级教室).
  '6': derived(
    'C',
    'new-type teaching spaces with in-service 交互式多媒体 and 录播系统 ≥ 1; 达标: a 普通教室 built as a new-type space ≥ 1; 2.0: new-type 普通教室 ÷ 普通教室 ≥ 50 % (规模化), each with lessons in every teaching month of the semester (常态化)',
    [...NEW_SPACE_BASE],
    {
      levels: {
        standard: [
          ...NEW_SPACE_BASE,
          exists('general classrooms built new-type', count('rooms', { roomKind: '普通教室', newTypeTeachingSpace: true, inUse: true })),
        ],
        v2: [
          ...NEW_SPACE_BASE,
          check(
            'general classrooms new-type (规模化)',
            ratio(count('rooms', { roomKind: '普通教室', newTypeTeachingSpace: true, inUse: true }), count('rooms', { roomKind: '普通教室', inUse: true })),
            AS_OF,
            '>=',
            0.5,
          ),
          check(
            'new-type classrooms in regular use (常态化)',
            {
              of: 'share',
              population: { fact: 'rooms', key: 'roomId', where: { roomKind: '普通教室', newTypeTeachingSpace: true, inUse: true } },
              evidence: { fact: 'LessonDelivered', key: 'roomId', regular: true },
              cmp: '>=',
              value: 1,
            },
            SEM,
            '>=',
            1,
          ),
        ],
      },
      review:
        '规模化 (read as at least half of the 普通教室) and 常态化 (lessons in the room in every month the school teaches) are our readings; 教学应用平台 and 个人学习终端 are seen on site',
    },
  ),
  '7': derived(
    'C',
    'in-use 访客管理, 身份识别, 测温 systems; in the last 30 days gate-pass summaries ≥ 1 and temperature checks ≥ 1',
    [
      exists('visitors', sys('访客管理')),
      exists('identification', sys('身份识别')),
      exists('temperature', sys('测温')),
      exists('gate records', count('GatePassesSummarized'), days(30)),
      exists('temperature records', sum('GatePassesSummarized', 'temperatureChecks'), days(30)),
    ],
    { review: 'records and temperatures queryable: demonstration' },
  ),
  '8': derived('B', '安防综合管理 system; security-zone rooms covered by 视频监控 = 100 %; CCTV linked to 公安', [
    exists('security platform', sys('安防综合管理')),
    check(
      'zones covered',
      {
        of: 'share',
        population: { fact: 'rooms', key: 'roomId', where: { securityZone: { exists: true }, inUse: true } },
        evidence: { fact: 'systems', key: 'roomIds', where: { systemKinds: { has: '视频监控' }, status: '在用' } },
        cmp: '>=',
        value: 1,
      },
      AS_OF,
      '>=',
      1,
    ),
    exists('police link', count('systems', { systemKinds: { has: '视频监控' }, connectedTo: { has: '公安' }, status: '在用' })),
  ]),
  '9': derived(
    'B',
    'a 统一门户 with unified identity and per-role configuration; in-use application systems on unified identity (SSO) ÷ in-use application systems = 100 %',
    [
      exists('portal', count('systems', { systemKinds: { has: '统一门户' }, unifiedIdentity: true, features: { has: '按角色个性化配置' }, status: '在用' })),
      check('applications on single sign-on', ratio(apps({ unifiedIdentity: true }), apps()), AS_OF, '>=', 1),
    ],
  ),
  '10': derived(
    'C',
    'in-use 协同办公 and 教务管理 systems; each of them with active users in the semester (share = 100 %)',
    [
      exists('office', sys('协同办公')),
      exists('academic', sys('教务管理')),
      check(
        'usage',
        {
          of: 'share',
          population: { fact: 'systems', key: 'systemId', where: { systemKinds: { hasAny: ['协同办公', '教务管理'] }, status: '在用' } },
          evidence: { fact: 'SystemUsageSummarized', key: 'systemId', where: { activeUsers: { gte: 1 } } },
          cmp: '>=',
          value: 1,
        },
        SEM,
        '>=',
        1,
      ),
    ],
    { review: '常态化 (monthly use proposed)' },
  ),
  '11': derived(
    'C',
    'an in-use 数据仓 connected to an authority platform; successful syncs upward in the SY ≥ 1; in-use application systems feeding the 校级数据仓 = 100 %',
    [
      exists(
        'data warehouse',
        count('systems', {
          systemKinds: { has: '数据仓' },
          connectedTo: { hasAny: ['教育魔方', '市级平台', '县级平台', '省级平台', '教育行政部门'] },
          status: '在用',
        }),
      ),
      exists('syncs', count('DataSyncedToAuthority', { succeeded: true }), SY),
      check('systems feed the warehouse', ratio(apps({ connectedTo: { has: '校级数据仓' } }), apps()), AS_OF, '>=', 1),
    ],
  ),
  '12': attested('demonstration of the 数字驾驶舱 and its warnings and decisions (acceptance: demonstration)', 'a bespoke cockpit is judged on demonstration'),
  '13': derived(
    'A',
    'in the SY: 之江汇/温州教育影院/云图/学校自建 used by uploads or lessons ≥ 1; a 校本课程资源 of ≥ 12 lessons developed by the school (not 引进) ≥ 1; resources uploaded by the staff ≥ 50; distinct 家庭教育资源 recommended via 数字家长学校 ≥ 20; online activities for parents ≥ 1',
    [
      check(
        'platforms used',
        add(distinct('ResourceUploaded', 'platform', undefined, WENZHOU_PLATFORMS), distinct('LessonDelivered', 'platform', undefined, WENZHOU_PLATFORMS)),
        SY,
        '>=',
        1,
      ),
      exists('school course ≥ 12 lessons', count('ResourceUploaded', { kind: '校本课程资源', lessonCount: { gte: 12 }, origin: ['原创', '课堂录制'] }), SY),
      check('new resources', count('ResourceUploaded', { uploaderRole: ['teacher', 'staff', 'school'] }), SY, '>=', 50),
      check('family resources', distinct('ResourceRecommended', 'resourceId', { kind: '家庭教育资源', channel: '数字家长学校' }), SY, '>=', 20),
      exists('online parent activities', count('ActivityHeld', { audience: { has: 'parent' }, mode: ['线上', '混合'] }), SY),
    ],
    { review: '有效应用 (effective use) beyond the count' },
  ),
  // The four 项目 of the wording: platform preparation, interactive lessons, 智能改作, online tutoring, each per 学科.
  // ▲达标 至少有1个学科开展至少一个项目试点应用; ▲2.0 至少有2个学科开展至少2个项目常态使用.
  '14': derived(
    'C',
    'in the semester: platform lesson preparation, interactive lessons, 智能改作 and online tutoring each ≥ 1; 达标: subjects using ≥ 1 of the four ≥ 1; 2.0: subjects using ≥ 2 of the four in every teaching month ≥ 2',
    [
      exists('preparation', count('LessonPrepared'), SEM),
      exists('interactive lessons', count('LessonDelivered', { teachingModels: { has: '互动课堂' } }), SEM),
      exists('smart marking', count('HomeworkGraded', { gradingMode: '智能改作' }), SEM),
      exists('tutoring', count('OnlineTutoringHeld'), SEM),
    ],
    {
      levels: {
        standard: [check('subjects piloting a practice', { of: 'groups', key: 'subject', practices: ROUTINE_PRACTICES, atLeast: 1 }, SEM, '>=', 1)],
        v2: [
          check(
            'subjects using two practices regularly',
            { of: 'groups', key: 'subject', practices: ROUTINE_PRACTICES, atLeast: 2, regular: true },
            SEM,
            '>=',
            2,
          ),
        ],
      },
      review: '试点应用 and 常态使用 (read as: in every month the school teaches) beyond the counts',
    },
  ),
  '15': derived('C', 'lessons in 精准教学, 个性化学习 or 人机协同 in the SY ≥ 1', [
    exists('lessons', count('LessonDelivered', { teachingModels: { hasAny: ['精准教学', '个性化学习', '人机协同'] } }), SY),
  ]),
  '16': derived(
    'C',
    'online 听评课, 集体备课 or other research in the semester ≥ 1',
    [exists('online research', count('ResearchActivityHeld', { mode: ['线上', '混合'] }), SEM)],
    { review: '常态化' },
  ),
  '17': derived(
    'B',
    'for each of 德, 智, 体, 美, 劳: enrolled students with an automatically collected (自动采集) growth record of it in the SY ÷ enrolled students = 100 %',
    (['德', '智', '体', '美', '劳'] as const).map((d) =>
      check(`auto-collected ${d}`, studentShare('GrowthRecordAdded', 'student', { source: '自动采集', dimension: d }), SY, '>=', 1),
    ),
  ),
  '18': derived('B', '专任教师 with a development record (教师成长数字档案) in the SY ÷ 专任教师 = 100 %', [
    check('teachers with a record', teacherShare('TeacherRecordAdded', 'teacher'), SY, '>=', 1),
  ]),
  '19': derived(
    'C',
    'per stage: of the compulsory (国家课程) 信息技术/信息科技 courses with the 人工智能 module in the SY, the share with a timetabled lesson > 0',
    [
      check(
        'AI module per stage',
        {
          of: 'share',
          population: {
            fact: 'CourseOffered',
            key: 'courseId',
            where: { kind: '国家课程', subject: ['信息技术', '信息科技'], topics: { has: '人工智能' }, stage: '$stage' },
          },
          evidence: { fact: 'LessonTimetabled', key: 'courseId' },
          cmp: '>=',
          value: 1,
        },
        SY,
        '>',
        0,
        { 小学: 0, 初中: 0, 高中: 0 },
      ),
    ],
    { review: 'which grades must teach the module' },
  ),
  '20': derived(
    'C',
    'an in-use 人工智能实验室; in-use AI labs with a timetabled lesson in the semester ÷ in-use AI labs = 100 %',
    [
      exists('AI lab', count('rooms', { roomKind: '人工智能实验室', inUse: true })),
      check(
        'lessons in the AI lab',
        {
          of: 'share',
          population: { fact: 'rooms', key: 'roomId', where: { roomKind: '人工智能实验室', inUse: true } },
          evidence: { fact: 'LessonTimetabled', key: 'roomId' },
          cmp: '>=',
          value: 1,
        },
        SEM,
        '>=',
        1,
      ),
    ],
    { review: '常态化 (≥ 1 lesson per teaching week is proposed) and 充分利用' },
  ),
  '21': derived(
    'C',
    "in the creation period: of the projects concluded 通过结题, the share that are IT research projects (approved any time) > 0; teacher awards at 县级+ + 县级+ IT 讲座 given by the school's own speakers ≥ 1",
    [
      check(
        'IT project with results',
        {
          of: 'share',
          population: { fact: 'ResearchProjectConcluded', key: 'projectId', where: { result: '通过结题' } },
          evidence: { fact: 'ResearchProjectApproved', key: 'projectId', where: { topics: { hasAny: IT_TOPICS } }, sinceStart: true },
          cmp: '>=',
          value: 1,
        },
        CREATION,
        '>',
        0,
      ),
      exists(
        'awards or lectures',
        add(
          count('AwardReceived', { recipientKind: 'teacher', level: { atLeast: 'county' } }),
          count('ActivityHeld', { kind: '讲座', level: { atLeast: 'county' }, speakers: { exists: true }, topics: { hasAny: IT_TOPICS } }),
        ),
        CREATION,
      ),
    ],
  ),
  '22': derived('A', 'of the valid 县级+ 未来教育技术学院讲师 designations, the share held by a teacher on the roster > 0', [
    check(
      'lecturers',
      {
        of: 'share',
        population: { fact: 'designations', key: 'recipient', where: { kind: '未来教育技术学院讲师', level: { atLeast: 'county' } } },
        evidence: { fact: 'teachers', key: 'teacher' },
        cmp: '>=',
        value: 1,
      },
      AS_OF,
      '>',
      0,
    ),
  ]),
  '23': derived('A', '科技节 or 创客文化节 organised by the school (主办) at school level in the SY ≥ 1', [
    exists('festivals', count('ActivityHeld', { kind: ['科技节', '创客文化节'], level: 'school', schoolRole: '主办' }), SY),
  ]),
  '24': derived(
    'A',
    'student 展示 entries + student awards, at 县级+ in 信息化 categories (信息技术应用类竞赛, 数字作品竞赛, 信息化教学比赛, 科技创新竞赛), in the creation period ≥ 1',
    [
      exists(
        'student results',
        add(
          count('CompetitionEntered', { participantKind: 'student', form: '展示', category: IT_CATEGORIES, level: { atLeast: 'county' } }),
          count('AwardReceived', { recipientKind: 'student', category: IT_CATEGORIES, level: { atLeast: 'county' } }),
        ),
        CREATION,
      ),
    ],
  ),
  // …CIO微团队，有专项创建经费，制定计划规划，推进项目研究: the CIO and the team are roster events, the funds and plans documents
  // 实行首席信息官制度，并建有由校长（首席信息官）、分管校长和信息化负责人组成的CIO微团队: the 校长 is the CIO,
  // and the team holds the three posts. 有专项创建经费，制定计划规划: documents. 推进项目研究: the reviewer's.
  '25': derivedAndAttested(
    derived(
      'C',
      'the 首席信息官 is the 校长 (one person holds both); a CIO微团队 whose members include a 校长, a 分管校长 and a 信息化负责人',
      [
        check(
          'CIO is the principal',
          {
            of: 'share',
            population: { fact: 'roles', key: 'person', where: { role: '首席信息官' } },
            evidence: { fact: 'roles', key: 'person', where: { role: '校长' } },
            cmp: '>=',
            value: 1,
          },
          AS_OF,
          '>',
          0,
        ),
        ...(['校长', '分管校长', '信息化负责人'] as const).map((role) =>
          check(
            `${role} in the CIO team`,
            {
              of: 'share',
              population: { fact: 'roles', key: 'person', where: { role } },
              evidence: { fact: 'orgUnits', key: 'members', where: { kind: 'CIO微团队' } },
              cmp: '>=',
              value: 1,
            },
            AS_OF,
            '>',
            0,
          ),
        ),
      ],
      { review: 'project research under way (推进项目研究)' },
    ),
    'the 专项创建经费 (budget) and the 计划规划',
    'no event family carries money; plans are documents',
  ),
  '26': derived(
    'C',
    'a 网管 and a holder of a valid 网络安全管理上岗资质证 issued by 教育部门 or 行业',
    [
      exists('network admin', count('roles', { role: '网管' })),
      exists('certificate', count('credentials', { kind: '网络安全管理上岗资质证', issuerKind: ['教育部门', '行业'] })),
    ],
    { review: 'the team supports the smart campus' },
  ),
  // 有网络安全应急预案、舆情处置预案等完善的网络安全管理制度: documents. The rest are asset events: protection against
  // 网络入侵、计算机病毒; 能记录上网行为; 能查询到最近至少6个月的网络安全日志; 落实等级保护制度; 无重大网络安全事件.
  '27': derivedAndAttested(
    derived(
      'A',
      'an in-service 网络安全设备 with 入侵防护 and one with 防病毒; 上网行为日志 kept; 网络安全日志 retained ≥ 182 days (6 months); every in-use system the school runs graded and assessed (符合/基本符合); no major incident (重大/特别重大) in the creation period, whoever answers for it',
      [
        check('网络安全日志 retention (days)', spanDays('LogRetentionReported', 'oldestRecordOn', 'reportedOn', { logKind: '网络安全日志' }), AS_OF, '>=', 182),
        exists('上网行为 recorded', count('LogRetentionReported', { logKind: '上网行为日志' })),
        exists('intrusion protection', count('devices', { deviceType: '网络安全设备', capabilities: { has: '入侵防护' }, ...inService })),
        exists('virus protection', count('devices', { deviceType: '网络安全设备', capabilities: { has: '防病毒' }, ...inService })),
        check(
          '等级保护 (systems assessed)',
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
        check('major incidents', count('SecurityIncidentRecorded', { severity: ['重大', '特别重大'] }), CREATION, '<=', 0),
      ],
    ),
    'the 网络安全应急预案, the 舆情处置预案 and the 网络安全管理制度',
    '预案 and rules are documents no event carries',
  ),
  '28': attested('featured application report and its effect', 'a featured practice is judged'),
};
