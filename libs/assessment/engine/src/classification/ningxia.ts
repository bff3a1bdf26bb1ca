import {
  AS_OF,
  EVER,
  PREV_CY,
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
  max,
  ratio,
  spanDays,
  students,
  studentShare,
  sum,
  teacherShare,
  teachers,
  teachingWeeks,
  type ClassificationTable,
  type FactName,
  type Measure,
  type Where,
} from '../formula';

// 宁夏 认定标准, items 1–64. 自治区级 is Level `province`; 年度/每学年 is the school year,
// 上一自然年度 the previous calendar year. Points are the catalog's; scoring here only says
// how partial credit and caps work.

const cloud = { platform: '宁夏教育云' } as const;
const inService = { status: '在用' } as const;
const sys = (kind: string, extra: Where = {}) => count('systems', { systemKinds: { has: kind }, status: '在用', ...extra });
const THREE_CLASSROOMS = ['专递课堂', '名师课堂', '名校网络课堂', '同步课堂'];
/** 信息化 topics (教育信息化 work, its technologies and platforms): 31, 42, 55, 62, 63. */
const IT_TOPICS = [
  '教育信息化',
  '信息技术',
  '信息技术融合',
  '网络学习空间',
  '三个课堂',
  '互联网+教育',
  '宁夏教育云',
  '人工智能',
  '大数据',
  '虚拟现实',
  '信息素养',
  '信息安全',
  '网络安全',
];
/** The share of rooms of some kinds with at least one matching record keyed by room (in-service kit in the room, a system covering it). */
const roomsWith = (roomKind: string | readonly string[], evidence: { fact: FactName; key: string; where: Where }, roomWhere: Where = {}): Measure => ({
  of: 'share',
  population: { fact: 'rooms', key: 'roomId', where: { roomKind, inUse: true, ...roomWhere } },
  evidence,
  cmp: '>=',
  value: 1,
});
/** 1 when the measure is above 0, else no value (0 points): a clause that gives its points once (加1分), however often it is met. */
const once = (m: Measure): Measure => ratio(m, m);
/** 节 of course resources: a resource's lessonCount, 1 where it gives none. */
const lessons = (fact: FactName, where: Where): Measure => add(sum(fact, 'lessonCount', where), count(fact, { ...where, lessonCount: { exists: false } }));
const INNOVATION_ROOMS = ['创新教室', '创客空间', '人工智能实验室', '创新实验室'];
const INFO_TRAINING = ['信息技术应用能力提升工程', '网络学习空间专题培训', '教育信息化培训'];
const INFO_AWARDS = ['信息化教学比赛', '信息技术应用类竞赛', '数字作品竞赛'];
const AWARDS_30 = count('AwardReceived', {
  recipientKind: ['teacher', 'student'],
  level: { atLeast: 'province' },
  category: ['课堂教学评比', '信息化教学比赛', '信息技术应用类竞赛'],
});
const PAPERS_31 = count('ArticlePublished', {
  kind: '论文',
  level: { atLeast: 'province' },
  topics: { hasAny: ['三个课堂', '人工智能', '虚拟现实', '大数据', '信息技术融合'] },
});
const PROJECTS_42 = count('ResearchProjectApproved', { level: { atLeast: 'city' }, kind: '专项科研课题', topics: { hasAny: IT_TOPICS } });
// 61: 典型案例和特色成果获得省级或以上奖励…每次加1分 (per award); 受到自治区教育厅、地级市党委和政府表彰加1分 (once)
const CASES_61 = count('AwardReceived', { recipientKind: 'school', level: { atLeast: 'province' }, category: ['典型案例', '特色成果'] });
const COMMENDED_61 = add(
  count('AwardReceived', { recipientKind: 'school', category: '表彰', awardingBody: '教育部门', level: 'province' }),
  count('AwardReceived', { recipientKind: 'school', category: '表彰', awardingBody: '党委和政府', level: 'city' }),
);
// 62: each clause gives its points once (加2分, 加1分 — the document says 每次/每篇 where it counts occurrences)
const hosted = (kind: string[], level: 'national' | 'province') =>
  count('ActivityHeld', { kind, level, schoolRole: ['主办', '承办'], topics: { hasAny: IT_TOPICS } });
const NATIONAL_CASE_62 = count('AwardReceived', { recipientKind: 'school', level: 'national', category: '典型案例', topics: { hasAny: IT_TOPICS } });
const BASE_SCHOOL_62 = count('designations', { kind: '网络学习空间培训基地学校' });
const ADVANCED_62 = count('designations', { kind: '网络学习空间普及活动先进单位', level: 'national' });
const NATIONAL_SHOW_62 = hosted(['现场观摩', '案例展示'], 'national');
/** 承担过自治区…现场观摩活动 (hosted) 或自治区…会议经验交流 (the school's speakers gave it) */
const REGIONAL_62 = add(
  hosted(['现场观摩'], 'province'),
  count('ActivityHeld', { kind: '经验交流', level: 'province', speakers: { exists: true }, topics: { hasAny: IT_TOPICS } }),
);
// 63: 关于教育信息化工作的新闻报道或经验介绍 in a 市级+ 教育报刊/党报党刊, each; visits from another county (外县(区)), each
const PRESS_63 = count('ArticlePublished', {
  kind: ['新闻报道', '经验介绍'],
  venueKind: ['教育报刊', '党报党刊'],
  level: { atLeast: 'city' },
  topics: { hasAny: IT_TOPICS },
});
const VISITS_63: Measure = { of: 'outsideRegion', fact: 'ActivityHeld', field: 'visitorRegionCodes', where: { kind: '观摩学习接待' } };

export const ningxiaClassification: ClassificationTable = {
  // 学校互联网接入带宽: the 出口 links to the 互联网 (a link to the 教育城域网 is no internet access of its own)
  '1': derived('A', 'Σ bandwidth of in-use 出口 links to the 互联网 ≥ 1000 Mbps; in-use rooms wired ÷ rooms = 100 % and wireless ÷ rooms = 100 %', [
    check('egress bandwidth (Mbps)', sum('links', 'bandwidthMbps', { linkKind: '出口', upstream: '互联网', inUse: true }), AS_OF, '>=', 1000),
    check('wired coverage', ratio(count('rooms', { inUse: true, wiredNetwork: true }), count('rooms', { inUse: true })), AS_OF, '>=', 1),
    check('wireless coverage', ratio(count('rooms', { inUse: true, wirelessNetwork: true }), count('rooms', { inUse: true })), AS_OF, '>=', 1),
  ]),
  '2': derived(
    'C',
    'in-service 网络安全设备 provide 防火墙, 防病毒, 入侵防护, 流量管理, 上网行为管理 (5 of 5)',
    [
      check(
        'security functions',
        distinct('devices', 'capabilities', { deviceType: '网络安全设备', ...inService }, ['防火墙', '防病毒', '入侵防护', '流量管理', '上网行为管理']),
        AS_OF,
        '>=',
        5,
      ),
    ],
    { review: '统一监管 of connected devices' },
  ),
  // 每个教学班: every open class; a class without a recorded home room cannot be shown equipped
  '3': derived(
    'B',
    'classes whose home room has an in-service 交互式多媒体教学设备 able to 接入宁夏教育云 ÷ classes = 100 %; every class has its home room recorded',
    [
      check(
        'classes equipped',
        {
          of: 'share',
          population: { fact: 'classes', key: 'homeRoomId' },
          evidence: { fact: 'devices', key: 'roomId', where: { deviceType: '交互式多媒体教学设备', capabilities: { has: '接入宁夏教育云' }, ...inService } },
          cmp: '>=',
          value: 1,
        },
        AS_OF,
        '>=',
        1,
      ),
      check('classes with a home room', ratio(count('classes', { homeRoomId: { exists: true } }), count('classes')), AS_OF, '>=', 1),
    ],
    { review: "能利用云平台的教学软件与资源进行教学 (teaching with the cloud's software and resources)" },
  ),
  '4': derived('A', 'in-service 在线互动教学终端 ≥ 1', [exists('terminals', count('devices', { deviceType: '在线互动教学终端', ...inService }))], {
    review: '三个课堂 use between schools',
  }),
  // under 智慧教室: the tablet lessons are held in a 智慧教室
  '5': derived('C', 'per semester: 智慧教室 with a lesson of students on mobile devices > 0; online research activities ≥ 1', [
    check('mobile-device lessons', roomsWith('智慧教室', { fact: 'LessonDelivered', key: 'roomId', where: { studentDevices: '移动终端' } }), SEM, '>', 0),
    exists('online research', count('ResearchActivityHeld', { mode: ['线上', '混合'] }), SEM),
  ]),
  // 智慧教室内的各类应用系统对接宁夏教育云: every 智慧教室 has its in-use systems feeding the cloud
  '6': derived(
    'B',
    '智慧教室 with an in-use system installed there connected to 宁夏教育云 ÷ 智慧教室 = 100 %',
    [
      check(
        'smart classrooms connected',
        roomsWith('智慧教室', { fact: 'systems', key: 'roomIds', where: { status: '在用', connectedTo: { has: '宁夏教育云' } } }),
        AS_OF,
        '>=',
        1,
      ),
    ],
    { review: 'systems in a 智慧教室 not connected to the cloud (no event field says which system is not)' },
  ),
  // 建有学科教室或实验室，依托感知交互、仿真实验等装备: the kit is in such a room
  '7': derived('C', '学科教室 or 实验室 with an in-service 感知交互设备 or 仿真实验设备 in it > 0', [
    exists('rooms', count('rooms', { roomKind: ['学科教室', '实验室'], inUse: true })),
    exists('kit', count('devices', { deviceType: ['感知交互设备', '仿真实验设备'], ...inService })),
    check(
      'sensing/simulation kit',
      roomsWith(['学科教室', '实验室'], { fact: 'devices', key: 'roomId', where: { deviceType: ['感知交互设备', '仿真实验设备'], ...inService } }),
      AS_OF,
      '>',
      0,
    ),
  ]),
  '8': derived(
    'C',
    '创新教室 with in-service innovation kit in it > 0 (开源硬件, 智能机器人, 创意电子, VR设备, 无人机, 3D打印设备)',
    [
      exists('innovation room', count('rooms', { roomKind: INNOVATION_ROOMS, inUse: true })),
      exists('innovation kit', count('devices', { deviceType: ['开源硬件', '智能机器人', '创意电子', 'VR设备', '无人机', '3D打印设备'], ...inService })),
      // 配备: the kit is in the innovation room
      check(
        'kit in the innovation room',
        roomsWith(INNOVATION_ROOMS, {
          fact: 'devices',
          key: 'roomId',
          where: { deviceType: ['开源硬件', '智能机器人', '创意电子', 'VR设备', '无人机', '3D打印设备'], ...inService },
        }),
        AS_OF,
        '>',
        0,
      ),
    ],
    { review: 'courses and software for innovation practice' },
  ),
  '9': derived(
    'A',
    '电子阅览室 ≥ 1; main public areas (公共服务, mainArea) with an in-service 公用信息终端 ÷ those areas = 100 %; in-service reading/public terminals ÷ students ≥ 1/40',
    [
      exists('e-reading room', count('rooms', { roomKind: '电子阅览室', inUse: true })),
      // 学校主要公共区域配备公共交互式终端
      check(
        'main public areas with terminals',
        {
          of: 'share',
          population: { fact: 'rooms', key: 'roomId', where: { areaKind: '公共服务', mainArea: true, inUse: true } },
          evidence: { fact: 'devices', key: 'roomId', where: { deviceType: '公用信息终端', ...inService } },
          cmp: '>=',
          value: 1,
        },
        AS_OF,
        '>=',
        1,
      ),
      check('terminals per student', ratio(count('devices', { deviceType: ['电子阅览终端', '公用信息终端'], ...inService }), students()), AS_OF, '>=', 1 / 40),
    ],
  ),
  '10': derived('A', 'e-books of the latest holdings report ÷ students ≥ 10', [
    check('e-books per student', ratio(sum('libraryHoldings', 'ebooks'), students()), AS_OF, '>=', 10),
  ]),
  '11': derived(
    'C',
    'systems: 安防综合管理, 访客管理, 身份识别, 测温; gate passes recorded in the last 30 days',
    [
      exists('security', sys('安防综合管理')),
      exists('visitors', sys('访客管理')),
      exists('identification', sys('身份识别')),
      exists('temperature', sys('测温')),
      exists('gate records (30 d)', count('GatePassesSummarized'), days(30)),
    ],
    { review: '隐患排查处理 and temperature records queryable: shown by demonstration' },
  ),
  // 建有…一键式紧急报警、视频监控系统并与公安机联网: both are linked to the police
  '12': derived(
    'A',
    '一键报警 and 视频监控 linked to 公安; rooms in a security zone covered by video ÷ those rooms = 100 %; video kept ≥ 30 days; backup power ≥ 4 h',
    [
      exists('one-key alarm', sys('一键报警', { connectedTo: { has: '公安' } })),
      exists('CCTV linked to police', sys('视频监控', { connectedTo: { has: '公安' } })),
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
      check('backup power (h)', max('systems', 'backupPowerHours', { systemKinds: { has: '视频监控' }, status: '在用' }), AS_OF, '>=', 4),
      check('video kept (days)', spanDays('LogRetentionReported', 'oldestRecordOn', 'reportedOn', { logKind: '视频影像' }), AS_OF, '>=', 30),
    ],
    { review: 'video kept ≥ 30 days and 4 h on battery: verified on site' },
  ),
  '13': derived('C', '广播 with 校内广播 and 校园电视 with 校内直播', [
    exists('broadcast', sys('广播', { features: { has: '校内广播' } })),
    exists('TV live', sys('校园电视', { features: { has: '校内直播' } })),
  ]),
  '14': derived('C', '物联网管控 system; devices with 远程控制; device telemetry in the last 30 days', [
    exists('IoT system', sys('物联网管控')),
    exists('remote control', count('devices', { capabilities: { has: '远程控制' }, ...inService })),
    exists('telemetry (30 d)', count('DeviceTelemetryReported'), days(30)),
  ]),
  '15': derived('C', 'in-use systems offering 门禁, 消费, 储物 and 借书 (4 of 4)', [
    check('services', distinct('systems', 'features', { status: '在用' }, ['门禁', '消费', '储物', '借书']), AS_OF, '>=', 4),
  ]),
  '16': derived(
    'A',
    '(2) subject library on 宁夏教育云 学校空间 with knowledge-point tags; (1) teacher uploads ÷ 专任教师 ≥ 10 per SY; (2) teacher shares to the 自治区 platform ÷ 专任教师 ≥ 5 per SY',
    [
      exists('tagged library', count('resources', { ...cloud, platformModule: '学校空间', subject: { exists: true }, knowledgePoints: { exists: true } })),
      check('uploads per teacher', ratio(count('ResourceUploaded', { uploaderRole: 'teacher' }), teachers()), SY, '>=', 10),
      // 师均共享: shares by teachers (sharedBy), not by the school
      check('region shares per teacher', ratio(count('ResourceShared', { platformLevel: 'province', sharedBy: { exists: true } }), teachers()), SY, '>=', 5),
    ],
    { scoring: { kind: 'parts', points: [2, 1, 2] }, review: 'the library is 成体系 and classified' },
  ),
  // 每学年以学科组为单位为学生提供的知识点微课不低于本学年所任学科知识点的1/4: per subject the
  // 专任教师 teach (所任学科), its 微课 for students on 云上学校/机构空间 in the SY cover distinct
  // knowledge points ≥ ¼ of the subject's knowledge points for the SY (SubjectKnowledgePointsReported).
  '17': derived(
    'A',
    "for every subject 专任教师 teach: distinct knowledge points of 微课 for students uploaded to 云上学校/机构空间 in the SY ≥ ¼ of the subject's knowledge points reported for the SY",
    [
      check(
        'subjects with ¼ of their knowledge points in 微课',
        {
          of: 'quotaShare',
          population: { fact: 'teachers', key: 'subjects', where: { post: '专任教师' } },
          totals: { fact: 'SubjectKnowledgePointsReported', key: 'subject', field: 'knowledgePoints' },
          evidence: {
            fact: 'ResourceUploaded',
            key: 'subject',
            field: 'knowledgePoints',
            where: { kind: '微课', audience: 'student', platformModule: ['云上学校', '机构空间'] },
          },
          fraction: 1 / 4,
        },
        SY,
        '>=',
        1,
      ),
    ],
  ),
  '18': attested('共建和审核制度, 激励保障机制 and the 激励考核结果 (documents)', 'rules and incentive results are documents'),
  // 每学年上传不低于20节: 节 are the 慕课's lessonCount (1 where it gives none), not resources
  '19': derived(
    'A',
    '节 of themed 慕课 uploaded to 云上学校/机构空间 in the SY ≥ 20',
    [check('themed MOOCs', lessons('ResourceUploaded', { kind: '慕课', theme: { exists: true }, platformModule: ['云上学校', '机构空间'] }), SY, '>=', 20)],
    { review: '优质 (quality) of the MOOCs (ResourceReviewed cannot be joined to a sum of 节)' },
  ),
  // 为家长提供…每学年不少于2节: resources for parents (audience), counted in 节 (lessonCount, 1 where none)
  '20': derived('A', '节 of resources for parents uploaded to 数字学校 in the SY ≥ 2', [
    check('parent lessons', lessons('ResourceUploaded', { audience: 'parent', platformModule: '数字学校' }), SY, '>=', 2),
  ]),
  '21': derived('C', 'a 统一门户 on 宁夏教育云 with 智慧校园, 机构空间, 数字学校 and per-role configuration', [
    exists('portal', sys('统一门户', { builtOn: '宁夏教育云' })),
    check(
      'portal features',
      distinct('systems', 'features', { systemKinds: { has: '统一门户' }, builtOn: '宁夏教育云', status: '在用' }, [
        '智慧校园',
        '机构空间',
        '数字学校',
        '按角色个性化配置',
      ]),
      AS_OF,
      '>=',
      4,
    ),
  ]),
  '22': derived('B', 'in-use third-party systems connected to 宁夏教育云 ÷ in-use third-party systems = 100 %', [
    check(
      'third-party connected',
      ratio(count('systems', { thirdParty: true, status: '在用', connectedTo: { has: '宁夏教育云' } }), count('systems', { thirdParty: true, status: '在用' })),
      AS_OF,
      '>=',
      1,
    ),
  ]),
  // 教师用户总人数: persons (owners of open teacher spaces on the cloud), not spaces
  '23': derived('A', '应用指数 = Σ yearly points of teachers on 宁夏教育云 ÷ teacher users (distinct owners of open teacher spaces there) > 全区 average', [
    check(
      'cloud application index',
      ratio(sum('ExperiencePointsReported', 'points', { ownerRole: 'teacher', ...cloud }), distinct('spaces', 'owner', { ownerRole: 'teacher', ...cloud })),
      SY,
      '>',
      { regional: 'ningxia.cloudIndex' },
    ),
  ]),
  '24': derived(
    'C',
    'lessons on 宁夏教育云 using 混合式, 合作式, 体验式 or 探究式 teaching in the SY ≥ 1',
    [exists('lessons', count('LessonDelivered', { ...cloud, teachingModels: { hasAny: ['混合式', '合作式', '体验式', '探究式'] } }), SY)],
    { review: '普及 (how widespread)' },
  ),
  // 平均开课率不低于5课时/周: the average over the teaching weeks elapsed so far (evaluate.ts
  // teachingWeeks), with or without a published calendar, not over the whole semester's weeks.
  '25': derived(
    'A',
    "三个课堂 periods delivered in the semester so far ÷ its teaching weeks elapsed (the calendar's 教学周数 once it is over) ≥ 5",
    [check('periods per week', ratio(sum('LessonDelivered', 'periods', { mode: THREE_CLASSROOMS }), teachingWeeks), SEM, '>=', 5)],
    { review: '校际教学共同体 and 常态化 mechanism' },
  ),
  '26': derived('C', 'online or blended lessons on 数字学校 in the SY ≥ 1', [
    exists('lessons', count('LessonDelivered', { platformModule: '数字学校', mode: ['线上', '混合'] }), SY),
  ]),
  // 依托宁夏教育云 holds for all five: 课堂教学、作业管理、学业诊断、资源推送和学习辅导
  '27': derived('C', 'in the SY on 宁夏教育云: lessons, graded homework, 学业诊断, personalised pushes and online tutoring, each ≥ 1', [
    exists('lessons', count('LessonDelivered', cloud), SY),
    exists('homework', count('HomeworkGraded', cloud), SY),
    exists('diagnosis', count('ScoreAnalysisGenerated', { analysisKind: '学业诊断', ...cloud }), SY),
    exists('pushes', count('ResourceRecommended', { personalised: true, ...cloud }), SY),
    exists('tutoring', count('OnlineTutoringHeld', cloud), SY),
  ]),
  '28': attested('人机协同 teaching cases and their effect (description, videos)', 'no threshold; the practice is judged'),
  // 依托人工智能等创新实验室…形成校本人工智能教学课程体系
  '29': derived('C', 'an AI/innovation lab; per stage: 校本 AI courses offered in the SY ≥ 1; AI growth records ≥ 1', [
    exists('AI lab', count('rooms', { roomKind: INNOVATION_ROOMS, inUse: true })),
    check('AI course per stage', count('CourseOffered', { kind: '校本课程', topics: { has: '人工智能' }, stage: '$stage' }), SY, '>=', 1, {
      小学: 1,
      初中: 1,
      高中: 1,
      中职: 1,
    }),
    exists('AI literacy records', count('GrowthRecordAdded', { topics: { has: '人工智能' } }), SY),
  ]),
  // 组织教师、学生参加…获…奖励: awards to teachers and students, not to the school
  '30': derived(
    'A',
    '0.5 per 自治区级+ award to teachers or students in 课堂教学/信息技术应用 competitions in the previous calendar year, cap 5',
    [exists('awards', AWARDS_30, PREV_CY)],
    { scoring: { kind: 'perUnit', terms: [{ measure: AWARDS_30, window: PREV_CY, per: 0.5 }], cap: 5 } },
  ),
  // 开展三个课堂、…人工智能、虚拟现实、大数据等技术支撑下的教学创新研究…有论文发表: papers on those topics
  '31': derived(
    'A',
    '0.5 per 自治区级+ paper on 三个课堂/AI/VR/big data (or IT-supported teaching) in the previous calendar year, cap 4',
    [exists('papers', PAPERS_31, PREV_CY)],
    { scoring: { kind: 'perUnit', terms: [{ measure: PAPERS_31, window: PREV_CY, per: 0.5 }], cap: 4 }, review: 'that each paper is 教学创新研究' },
  ),
  // 构建学生数字档案袋…全面记录德、智、体、美、劳: every student's portfolio holds each of the five
  '32': derived(
    'B',
    'for each of 德, 智, 体, 美, 劳: students with a growth record of it on 宁夏教育云 in the SY ÷ students = 100 %',
    (['德', '智', '体', '美', '劳'] as const).map((dimension) =>
      check(`students with ${dimension} records`, studentShare('GrowthRecordAdded', 'student', { dimension, ...cloud }), SY, '>=', 1),
    ),
  ),
  '33': attested("the school's evaluation scheme using the digital portfolio (document)", 'an evaluation reform, not a count'),
  '34': derived('C', 'teacher records in the SY cover 教学, 教研, 培训, 专业发展, 评教, 课题 (6 of 6)', [
    check('categories', distinct('TeacherRecordAdded', 'category', undefined, ['教学', '教研', '培训', '专业发展', '评教', '课题']), SY, '>=', 6),
  ]),
  // 质量数据的采集和分析: scores registered on the cloud and a 质量分析 there
  '35': derived('C', 'in the semester on 宁夏教育云: exam scores registered ≥ 1 and 质量分析 ≥ 1', [
    exists('quality analyses', count('ScoreAnalysisGenerated', { analysisKind: '质量分析', ...cloud }), SEM),
    exists('score collection', count('ExamScoresPublished', cloud), SEM),
  ]),
  '36': derived('C', 'online research with AI diagnosis on 宁夏教育云 in the SY ≥ 1', [
    exists('AI-diagnosed research', count('ResearchActivityHeld', { aiDiagnosis: true, ...cloud }), SY),
  ]),
  // 提升教师基于宁夏教育云开展互联网+教学的应用融合能力: 信息化 training only
  '37': derived('A', '专任教师 with ≥ 12 hours of 信息化 training in the SY ÷ 专任教师 = 100 %; online and offline 信息化 training both held', [
    check('teachers with 12 h', teacherShare('TrainingCompleted', 'trainee', { kind: INFO_TRAINING }, 12, 'hours'), SY, '>=', 1),
    exists('online', count('TrainingCompleted', { kind: INFO_TRAINING, mode: ['线上', '混合'] }), SY),
    exists('offline', count('TrainingCompleted', { kind: INFO_TRAINING, mode: ['线下', '混合'] }), SY),
  ]),
  // 利用在线课堂…等信息化手段，参加并组织各层级教研…协同备课活动: online, at ≥ 2 levels, with 协同备课
  '38': derived(
    'C',
    'online research in the SY at ≥ 2 organiser levels; online 协同备课 (集体备课/同步备课) ≥ 1',
    [
      check('levels', distinct('ResearchActivityHeld', 'organiserLevel', { mode: ['线上', '混合'] }), SY, '>=', 2),
      exists('online', count('ResearchActivityHeld', { mode: ['线上', '混合'] }), SY),
      exists('协同备课', count('ResearchActivityHeld', { kind: ['集体备课', '同步备课'], mode: ['线上', '混合'] }), SY),
    ],
    { review: 'cross-subject and cross-grade research' },
  ),
  '39': derived('C', 'school-affairs features used in the SY: 通知公告, 流程审批, 会议安排, 周安排, 教师考勤, 问卷调查, 数据上报 (7 of 7)', [
    check(
      'features used',
      distinct('SystemUsageSummarized', 'uses.feature', undefined, ['通知公告', '流程审批', '会议安排', '周安排', '教师考勤', '问卷调查', '数据上报']),
      SY,
      '>=',
      7,
    ),
  ]),
  '40': derived('C', 'in the SY: enrolment, course selection, timetable, exams, online marking and score analysis each evidenced', [
    exists('入学', count('StudentEnrolled'), SY),
    exists('选课', count('CourseSelectionClosed'), SY),
    exists('排课', count('LessonTimetabled'), SY),
    exists('排考', count('ExamScheduled'), SY),
    exists('网络阅卷', count('ExamScoresPublished', { markingMode: '网络阅卷' }), SY),
    exists('成绩分析', count('ScoreAnalysisGenerated'), SY),
  ]),
  '41': derived('C', 'parent activities with online sign-up in the SY ≥ 1; a system offering 报名 and 签到', [
    exists('activities', count('ActivityHeld', { audience: { has: 'parent' }, onlineSignUp: true }), SY),
    check('features', distinct('systems', 'features', { status: '在用' }, ['报名', '签到']), AS_OF, '>=', 2),
  ]),
  // 信息化专项科研课题: a 专项 project on an 信息化 topic
  '42': derived('A', '1 per 市级+ 专项科研课题 on 教育信息化 approved in the previous calendar year, cap 2', [exists('projects', PROJECTS_42, PREV_CY)], {
    scoring: { kind: 'perUnit', terms: [{ measure: PROJECTS_42, window: PREV_CY, per: 1 }], cap: 2 },
  }),
  '43': attested('创新应用方案 and 典型案例 solving 双减/课后服务/五育评价 (documents, reviewed)', 'innovation is judged, not counted'),
  '44': attested("students' information-literacy statement or test results", 'literacy of students is not an event'),
  // 教育行政部门规定的各种信息技术竞赛活动: IT competitions set by the 教育部门
  '45': derived('C', 'student entries in 教育部门 IT competitions (信息技术应用类, 数字作品) in the SY ≥ 1', [
    exists('entries', count('CompetitionEntered', { participantKind: 'student', organiser: '教育部门', category: ['信息技术应用类竞赛', '数字作品竞赛'] }), SY),
  ]),
  '46': derived(
    'A',
    'students with space learning (自主, 合作, 探究) in the SY ÷ students ≥ 60 %',
    [
      check(
        'students learning in spaces',
        studentShare('LearningActivitySummarized', 'person', { role: 'student', 'activities.kind': { hasAny: ['自主学习', '合作学习', '探究学习'] } }),
        SY,
        '>=',
        0.6,
      ),
    ],
    { review: '适龄 grades (denominator is all students)' },
  ),
  '47': attested("tracking reports on students' achievement and core literacy", 'an outcome judgement'),
  '48': derived(
    'A',
    '专任教师 rated 优秀 in 信息素养测评 (SY) ÷ 专任教师 > 全区 share',
    [
      check('优秀 share', ratio(distinct('TeacherRecordAdded', 'teacher', { category: '信息素养测评', result: '优秀' }), teachers()), SY, '>', {
        regional: 'ningxia.literacyExcellentShare',
      }),
    ],
    { review: 'operating 一体机, 录播, spaces' },
  ),
  '49': attested('lesson designs and records showing data-based adjustment of teaching', 'a competence judgement'),
  '50': attested("tracking reports on teachers' professional competence", 'an outcome judgement'),
  '51': derived('A', '专任教师 who delivered a lesson in an innovative model in the SY ÷ 专任教师 ≥ 50 %', [
    check(
      'teachers',
      teacherShare('LessonDelivered', 'teachers', {
        teachingModels: { hasAny: ['翻转课堂', '互动课堂', '智慧课堂', '混合式', '探究式', '精准教学', '人机协同', '其他创新模式'] },
      }),
      SY,
      '>=',
      0.5,
    ),
  ]),
  '52': derived(
    'A',
    '专任教师 with a 校级+ ICT 公开课/研讨课/汇报课 in the SY ÷ 专任教师 ≥ 80 %; 专任教师 with a 市级+ 信息化 teaching award ÷ 专任教师 ≥ 10 %',
    [
      check('open lessons', teacherShare('LessonDelivered', 'teachers', { lessonKind: ['公开课', '研讨课', '汇报课'], ictEnvironment: true }), SY, '>=', 0.8),
      // 信息化教学成果: awards of the 信息化 competitions
      check(
        'city+ results',
        teacherShare('AwardReceived', 'recipients', { recipientKind: 'teacher', level: { atLeast: 'city' }, category: INFO_AWARDS }),
        EVER,
        '>=',
        0.1,
      ),
    ],
  ),
  '53': derived('A', '自治区 信息化骨干培训项目培养对象 designations ≥ 1', [
    exists('designations', count('designations', { kind: '信息化骨干培训项目培养对象', level: { atLeast: 'province' } })),
  ]),
  // 校领导担任首席信息官: the same person holds the CIO role and a 校领导 post (校长, 分管校长, 校领导)
  '54': derived(
    'C',
    'a 领导小组, a 信息化工作管理部门, and 首席信息官 who hold a 校领导 post ÷ 首席信息官 = 100 % as of the date',
    [
      exists('leadership group', count('orgUnits', { kind: ['信息化工作领导小组', '智慧校园建设领导小组'] })),
      check(
        'CIO',
        {
          of: 'share',
          population: { fact: 'roles', key: 'person', where: { role: '首席信息官' } },
          evidence: { fact: 'roles', key: 'person', where: { role: ['校长', '分管校长', '校领导'] } },
          cmp: '>=',
          value: 1,
        },
        AS_OF,
        '>=',
        1,
      ),
      exists('IT department', count('orgUnits', { kind: '信息化工作管理部门' })),
    ],
    { review: 'the 管理、教研、教学、保障协同工作机制' },
  ),
  // 制定…规划; 制定…规章制度; 定期召开专题会议…; 纳入学校年度考核: the meetings are events, the rest documents
  '55': derivedAndAttested(
    derived(
      'C',
      '专题会议 on 教育信息化 in the semester ≥ 1',
      [exists('meetings', count('ActivityHeld', { kind: '专题会议', topics: { hasAny: IT_TOPICS } }), SEM)],
      { review: '定期 (how regularly the meetings are held)' },
    ),
    'the 教育信息化建设与应用规划, the 规章制度 and the 年度考核 with its 考核激励机制',
    'plans, rules and an appraisal scheme are documents no event carries',
  ),
  '56': attested('the annual budget showing 教育信息化 ≥ 20 % of 生均公用经费', 'no event family carries money'),
  '57': attested('training plan and appraisal rules for IT management and technical staff', 'plans and rules are documents'),
  '58': attested('outsourcing and cooperation contracts', 'contracts are documents'),
  // 建有完善的数据安全、容灾备份机制;制定预案,定期演练: the system and the drills are events, the 预案 a document
  '59': derivedAndAttested(
    derived(
      'C',
      'a 容灾备份 system and a 数据安全与容灾演练 in the SY',
      [exists('backup', sys('容灾备份')), exists('drill', count('ActivityHeld', { kind: '数据安全与容灾演练' }), SY)],
      { review: '定期 (how regularly the drills are held); 完善 (the mechanism)' },
    ),
    'the 数据安全与容灾 预案 (and the 数据安全、容灾备份机制 it belongs to)',
    'a 预案 is a document no event carries',
  ),
  '60': attested('the 互联网+教育 research team and its summaries', 'a team and its work are documents'),
  '61': derived(
    'A',
    "1 per 省级+ award of the school's 典型案例/特色成果; 1 (once) for a commendation by the 自治区教育厅 (教育部门, province) or a 地级市党委和政府 (党委和政府, city); cap 2",
    [exists('recognitions', add(CASES_61, COMMENDED_61), EVER)],
    {
      scoring: {
        kind: 'perUnit',
        cap: 2,
        terms: [
          { measure: CASES_61, window: EVER, per: 1 },
          { measure: once(COMMENDED_61), window: EVER, per: 1 },
        ],
      },
      review: "宣传推广 of the cases (articles are item 63's)",
    },
  ),
  '62': derived(
    'A',
    'once each: 2 national 典型案例; 2 培训基地学校; 1 national 普及活动先进单位; 2 a national 现场观摩 or 案例展示 hosted; 1 a 自治区 现场观摩 hosted or 经验交流 given; cap 5',
    [exists('distinctions', add(NATIONAL_CASE_62, BASE_SCHOOL_62, ADVANCED_62, NATIONAL_SHOW_62, REGIONAL_62), EVER)],
    {
      scoring: {
        kind: 'perUnit',
        cap: 5,
        terms: [
          { measure: once(NATIONAL_CASE_62), window: EVER, per: 2 },
          { measure: once(BASE_SCHOOL_62), window: AS_OF, per: 2 },
          { measure: once(ADVANCED_62), window: AS_OF, per: 1 },
          { measure: once(NATIONAL_SHOW_62), window: EVER, per: 2 },
          { measure: once(REGIONAL_62), window: EVER, per: 1 },
        ],
      },
    },
  ),
  '63': derived(
    'A',
    '1 per news report or experience article on 教育信息化 in a 市级+ education or party paper; 0.5 per visit from another county hosted in the SY; cap 3',
    [exists('press or visits', add(PRESS_63, VISITS_63), SY)],
    {
      scoring: {
        kind: 'perUnit',
        cap: 3,
        terms: [
          { measure: PRESS_63, window: SY, per: 1 },
          { measure: VISITS_63, window: SY, per: 0.5 },
        ],
      },
    },
  ),
  // 受到教育部、自治区党委和政府表彰: the issuing body is awardingBody at its level. 教育部 = 教育部门
  // at national, 自治区党委和政府 = 党委和政府 at province; the 自治区教育厅 (教育部门 at province)
  // and a 地级市党委和政府 are item 61's 表彰 (加1分), not this one's.
  '64': derived('A', 'commendations of the school by the 教育部 (教育部门, national) or the 自治区党委和政府 (党委和政府, province) ≥ 1 → 示范成果 = 10', [
    exists(
      'commendation',
      add(
        count('AwardReceived', { recipientKind: 'school', category: '表彰', awardingBody: '教育部门', level: 'national' }),
        count('AwardReceived', { recipientKind: 'school', category: '表彰', awardingBody: '党委和政府', level: 'province' }),
      ),
      EVER,
    ),
  ]),
};
