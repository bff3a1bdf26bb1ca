import {
  AS_OF, EVER, PREV_CY, SEM, SY, add, attested, check, count, days, derived, derivedAndAttested, distinct, exists, max, ratio, students, studentShare, sum, teacherShare, teachers, teachingWeeks,
  type ClassificationTable, type Where,
} from '../formula';

// 宁夏 认定标准, items 1–64. 自治区级 is Level `province`; 年度/每学年 is the school year,
// 上一自然年度 the previous calendar year. Points are the catalog's; scoring here only says
// how partial credit and caps work.

const cloud = { platform: '宁夏教育云' } as const;
const inService = { status: '在用' } as const;
const sys = (kind: string, extra: Where = {}) => count('systems', { systemKinds: { has: kind }, status: '在用', ...extra });
const THREE_CLASSROOMS = ['专递课堂', '名师课堂', '名校网络课堂', '同步课堂'];

export const ningxiaClassification: ClassificationTable = {
  '1': derived('A', 'Σ bandwidth of in-use 出口 links ≥ 1000 Mbps; in-use rooms wired ÷ rooms = 100 % and wireless ÷ rooms = 100 %', [
    check('egress bandwidth (Mbps)', sum('links', 'bandwidthMbps', { linkKind: '出口', inUse: true }), AS_OF, '>=', 1000),
    check('wired coverage', ratio(count('rooms', { inUse: true, wiredNetwork: true }), count('rooms', { inUse: true })), AS_OF, '>=', 1),
    check('wireless coverage', ratio(count('rooms', { inUse: true, wirelessNetwork: true }), count('rooms', { inUse: true })), AS_OF, '>=', 1),
  ]),
  '2': derived('C', 'in-service 网络安全设备 provide 防火墙, 防病毒, 入侵防护, 流量管理, 上网行为管理 (5 of 5)', [
    check('security functions', distinct('devices', 'capabilities', { deviceType: '网络安全设备', ...inService }, ['防火墙', '防病毒', '入侵防护', '流量管理', '上网行为管理']), AS_OF, '>=', 5),
  ], { review: '统一监管 of connected devices' }),
  '3': derived('B', 'classes whose home room has an in-service 交互式多媒体教学设备 able to 接入宁夏教育云 ÷ classes = 100 %', [
    check('classes equipped', { of: 'share', population: { fact: 'classes', key: 'homeRoomId' }, evidence: { fact: 'devices', key: 'roomId', where: { deviceType: '交互式多媒体教学设备', capabilities: { has: '接入宁夏教育云' }, ...inService } }, cmp: '>=', value: 1 }, AS_OF, '>=', 1),
  ]),
  '4': derived('A', 'in-service 在线互动教学终端 ≥ 1', [exists('terminals', count('devices', { deviceType: '在线互动教学终端', ...inService }))], { review: '三个课堂 use between schools' }),
  '5': derived('C', 'per semester: lessons with students on mobile devices ≥ 1 and online research activities ≥ 1', [
    exists('mobile-device lessons', count('LessonDelivered', { studentDevices: '移动终端' }), SEM),
    exists('online research', count('ResearchActivityHeld', { mode: ['线上', '混合'] }), SEM),
  ]),
  '6': derived('C', 'in-use 教学应用 systems connected to 宁夏教育云 ≥ 1', [exists('connected systems', sys('教学应用', { connectedTo: { has: '宁夏教育云' } }))]),
  '7': derived('C', '学科教室 or 实验室 ≥ 1 and in-service 感知交互设备 or 仿真实验设备 ≥ 1', [
    exists('rooms', count('rooms', { roomKind: ['学科教室', '实验室'], inUse: true })),
    exists('sensing/simulation kit', count('devices', { deviceType: ['感知交互设备', '仿真实验设备'], ...inService })),
  ]),
  '8': derived('C', '创新教室 ≥ 1 with in-service innovation kit (开源硬件, 智能机器人, 创意电子, VR设备, 无人机, 3D打印设备)', [
    exists('innovation room', count('rooms', { roomKind: ['创新教室', '创客空间', '人工智能实验室', '创新实验室'], inUse: true })),
    check('kinds of kit', distinct('devices', 'deviceType', inService, ['开源硬件', '智能机器人', '创意电子', 'VR设备', '无人机', '3D打印设备']), AS_OF, '>=', 1),
  ], { review: 'courses and software for innovation practice' }),
  '9': derived('A', '电子阅览室 ≥ 1; in-service reading/public terminals ÷ students ≥ 1/40', [
    exists('e-reading room', count('rooms', { roomKind: '电子阅览室', inUse: true })),
    check('terminals per student', ratio(count('devices', { deviceType: ['电子阅览终端', '公用信息终端'], ...inService }), students()), AS_OF, '>=', 1 / 40),
  ]),
  '10': derived('A', 'e-books of the latest holdings report ÷ students ≥ 10', [
    check('e-books per student', ratio(sum('libraryHoldings', 'ebooks'), students()), AS_OF, '>=', 10),
  ]),
  '11': derived('C', 'systems: 安防综合管理, 访客管理, 身份识别, 测温; gate passes recorded in the last 30 days', [
    exists('security', sys('安防综合管理')), exists('visitors', sys('访客管理')), exists('identification', sys('身份识别')), exists('temperature', sys('测温')),
    exists('gate records (30 d)', count('GatePassesSummarized'), days(30)),
  ], { review: '隐患排查处理 and temperature records queryable: shown by demonstration' }),
  '12': derived('A', '一键报警 and 视频监控 linked to 公安; rooms in a security zone covered by video ÷ those rooms = 100 %; backup power ≥ 4 h', [
    exists('one-key alarm', sys('一键报警')),
    exists('CCTV linked to police', sys('视频监控', { connectedTo: { has: '公安' } })),
    check('zones covered', { of: 'share', population: { fact: 'rooms', key: 'roomId', where: { securityZone: { exists: true }, inUse: true } }, evidence: { fact: 'systems', key: 'roomIds', where: { systemKinds: { has: '视频监控' }, status: '在用' } }, cmp: '>=', value: 1 }, AS_OF, '>=', 1),
    check('backup power (h)', max('systems', 'backupPowerHours', { systemKinds: { has: '视频监控' }, status: '在用' }), AS_OF, '>=', 4),
  ], { review: 'video kept ≥ 30 days and 4 h on battery: verified on site' }),
  '13': derived('C', '广播 with 校内广播 and 校园电视 with 校内直播', [
    exists('broadcast', sys('广播', { features: { has: '校内广播' } })), exists('TV live', sys('校园电视', { features: { has: '校内直播' } })),
  ]),
  '14': derived('C', '物联网管控 system; devices with 远程控制; device telemetry in the last 30 days', [
    exists('IoT system', sys('物联网管控')), exists('remote control', count('devices', { capabilities: { has: '远程控制' }, ...inService })),
    exists('telemetry (30 d)', count('DeviceTelemetryReported'), days(30)),
  ]),
  '15': derived('C', 'in-use systems offering 门禁, 消费, 储物 and 借书 (4 of 4)', [
    check('services', distinct('systems', 'features', { status: '在用' }, ['门禁', '消费', '储物', '借书']), AS_OF, '>=', 4),
  ]),
  '16': derived('A', '(2) subject library on 宁夏教育云 学校空间 with knowledge-point tags; (1) teacher uploads ÷ 专任教师 ≥ 10 per SY; (2) teacher shares to the 自治区 platform ÷ 专任教师 ≥ 5 per SY', [
    exists('tagged library', count('resources', { ...cloud, platformModule: '学校空间', knowledgePoints: { exists: true } })),
    check('uploads per teacher', ratio(count('ResourceUploaded', { uploaderRole: 'teacher' }), teachers()), SY, '>=', 10),
    check('region shares per teacher', ratio(count('ResourceShared', { platformLevel: 'province' }), teachers()), SY, '>=', 5),
  ], { scoring: { kind: 'parts', points: [2, 1, 2] }, review: 'the library is 成体系 and classified' }),
  // 每学年以学科组为单位为学生提供的知识点微课不低于本学年所任学科知识点的1/4: per subject the
  // 专任教师 teach (所任学科), its 微课 for students on 云上学校/机构空间 in the SY cover distinct
  // knowledge points ≥ ¼ of the subject's knowledge points for the SY (SubjectKnowledgePointsReported).
  '17': derived('A', 'for every subject 专任教师 teach: distinct knowledge points of 微课 for students uploaded to 云上学校/机构空间 in the SY ≥ ¼ of the subject\'s knowledge points reported for the SY', [
    check('subjects with ¼ of their knowledge points in 微课', {
      of: 'quotaShare',
      population: { fact: 'teachers', key: 'subjects', where: { post: '专任教师' } },
      totals: { fact: 'SubjectKnowledgePointsReported', key: 'subject', field: 'knowledgePoints' },
      evidence: { fact: 'ResourceUploaded', key: 'subject', field: 'knowledgePoints', where: { kind: '微课', audience: 'student', platformModule: ['云上学校', '机构空间'] } },
      fraction: 1 / 4,
    }, SY, '>=', 1),
  ]),
  '18': attested('共建和审核制度, 激励保障机制 and the 激励考核结果 (documents)', 'rules and incentive results are documents'),
  '19': derived('A', 'themed 慕课 uploaded to 云上学校/机构空间 in the SY ≥ 20', [
    check('themed MOOCs', count('ResourceUploaded', { kind: '慕课', theme: { exists: true }, platformModule: ['云上学校', '机构空间'] }), SY, '>=', 20),
  ], { review: '优质 (quality) of the MOOCs' }),
  '20': derived('A', 'family-education resources on 数字学校 for parents in the SY ≥ 2', [
    check('parent lessons', count('ResourceUploaded', { kind: '家庭教育资源', platformModule: '数字学校' }), SY, '>=', 2),
  ]),
  '21': derived('C', 'a 统一门户 on 宁夏教育云 with 智慧校园, 机构空间, 数字学校 and per-role configuration', [
    exists('portal', sys('统一门户', { builtOn: '宁夏教育云' })),
    check('portal features', distinct('systems', 'features', { systemKinds: { has: '统一门户' }, status: '在用' }, ['智慧校园', '机构空间', '数字学校', '按角色个性化配置']), AS_OF, '>=', 4),
  ]),
  '22': derived('B', 'in-use third-party systems connected to 宁夏教育云 ÷ in-use third-party systems = 100 %', [
    check('third-party connected', ratio(count('systems', { thirdParty: true, status: '在用', connectedTo: { has: '宁夏教育云' } }), count('systems', { thirdParty: true, status: '在用' })), AS_OF, '>=', 1),
  ]),
  '23': derived('A', '应用指数 = Σ yearly points of teachers on 宁夏教育云 ÷ teacher users (open teacher spaces there) > 全区 average', [
    check('cloud application index', ratio(sum('ExperiencePointsReported', 'points', { ownerRole: 'teacher', ...cloud }), count('spaces', { ownerRole: 'teacher', ...cloud })), SY, '>', { regional: 'ningxia.cloudIndex' }),
  ]),
  '24': derived('C', 'lessons on 宁夏教育云 using 混合式, 合作式, 体验式 or 探究式 teaching in the SY ≥ 1', [
    exists('lessons', count('LessonDelivered', { ...cloud, teachingModels: { hasAny: ['混合式', '合作式', '体验式', '探究式'] } }), SY),
  ], { review: '普及 (how widespread)' }),
  // 平均开课率不低于5课时/周: the average over the teaching weeks elapsed so far (evaluate.ts
  // teachingWeeks), with or without a published calendar, not over the whole semester's weeks.
  '25': derived('A', '三个课堂 periods delivered in the semester so far ÷ its teaching weeks elapsed (the calendar\'s 教学周数 once it is over) ≥ 5', [
    check('periods per week', ratio(sum('LessonDelivered', 'periods', { mode: THREE_CLASSROOMS }), teachingWeeks), SEM, '>=', 5),
  ], { review: '校际教学共同体 and 常态化 mechanism' }),
  '26': derived('C', 'online or blended lessons on 数字学校 in the SY ≥ 1', [exists('lessons', count('LessonDelivered', { platformModule: '数字学校', mode: ['线上', '混合'] }), SY)]),
  '27': derived('C', 'in the SY on 宁夏教育云: graded homework, 学业诊断, personalised pushes and online tutoring, each ≥ 1', [
    exists('homework', count('HomeworkGraded', cloud), SY), exists('diagnosis', count('ScoreAnalysisGenerated', { analysisKind: '学业诊断' }), SY),
    exists('pushes', count('ResourceRecommended', { personalised: true }), SY), exists('tutoring', count('OnlineTutoringHeld', cloud), SY),
  ]),
  '28': attested('人机协同 teaching cases and their effect (description, videos)', 'no threshold; the practice is judged'),
  '29': derived('C', 'per stage: AI courses offered in the SY ≥ 1; AI growth records ≥ 1', [
    check('AI course per stage', count('CourseOffered', { topics: { has: '人工智能' }, stage: '$stage' }), SY, '>=', 1, { 小学: 1, 初中: 1, 高中: 1, 中职: 1 }),
    exists('AI literacy records', count('GrowthRecordAdded', { topics: { has: '人工智能' } }), SY),
  ]),
  '30': derived('A', '0.5 per 自治区级+ award in 课堂教学/信息技术应用 competitions in the previous calendar year, cap 5', [
    exists('awards', count('AwardReceived', { level: { atLeast: 'province' }, category: ['课堂教学评比', '信息化教学比赛', '信息技术应用类竞赛'] }), PREV_CY),
  ], { scoring: { kind: 'perUnit', terms: [{ measure: count('AwardReceived', { level: { atLeast: 'province' }, category: ['课堂教学评比', '信息化教学比赛', '信息技术应用类竞赛'] }), window: PREV_CY, per: 0.5 }], cap: 5 } }),
  '31': derived('A', '0.5 per 自治区级+ paper on 三个课堂/AI/VR/big data in the previous calendar year, cap 4', [
    exists('papers', count('ArticlePublished', { kind: '论文', level: { atLeast: 'province' } }), PREV_CY),
  ], { scoring: { kind: 'perUnit', terms: [{ measure: count('ArticlePublished', { kind: '论文', level: { atLeast: 'province' } }), window: PREV_CY, per: 0.5 }], cap: 4 }, review: 'topic of each paper' }),
  '32': derived('C', 'growth records on 宁夏教育云 in the SY cover 德, 智, 体, 美, 劳 (5 of 5)', [
    check('dimensions', distinct('GrowthRecordAdded', 'dimension', cloud), SY, '>=', 5),
  ]),
  '33': attested('the school\'s evaluation scheme using the digital portfolio (document)', 'an evaluation reform, not a count'),
  '34': derived('C', 'teacher records in the SY cover 教学, 教研, 培训, 专业发展, 评教, 课题 (6 of 6)', [
    check('categories', distinct('TeacherRecordAdded', 'category', undefined, ['教学', '教研', '培训', '专业发展', '评教', '课题']), SY, '>=', 6),
  ]),
  '35': derived('C', '质量分析 on 宁夏教育云 in the semester ≥ 1', [exists('quality analyses', count('ScoreAnalysisGenerated', { analysisKind: '质量分析', ...cloud }), SEM)]),
  '36': derived('C', 'online research with AI diagnosis on 宁夏教育云 in the SY ≥ 1', [exists('AI-diagnosed research', count('ResearchActivityHeld', { aiDiagnosis: true, ...cloud }), SY)]),
  '37': derived('A', '专任教师 with ≥ 12 training hours in the SY ÷ 专任教师 = 100 %; online and offline training both held', [
    check('teachers with 12 h', teacherShare('TrainingCompleted', 'trainee', undefined, 12, 'hours'), SY, '>=', 1),
    exists('online', count('TrainingCompleted', { mode: ['线上', '混合'] }), SY), exists('offline', count('TrainingCompleted', { mode: ['线下', '混合'] }), SY),
  ]),
  '38': derived('C', 'online research in the SY ≥ 1 at ≥ 2 organiser levels', [
    check('levels', distinct('ResearchActivityHeld', 'organiserLevel'), SY, '>=', 2), exists('online', count('ResearchActivityHeld', { mode: ['线上', '混合'] }), SY),
  ], { review: 'cross-subject and cross-grade research' }),
  '39': derived('C', 'school-affairs features used in the SY: 通知公告, 流程审批, 会议安排, 周安排, 教师考勤, 问卷调查, 数据上报 (7 of 7)', [
    check('features used', distinct('SystemUsageSummarized', 'uses.feature', undefined, ['通知公告', '流程审批', '会议安排', '周安排', '教师考勤', '问卷调查', '数据上报']), SY, '>=', 7),
  ]),
  '40': derived('C', 'in the SY: enrolment, course selection, timetable, exams, online marking and score analysis each evidenced', [
    exists('入学', count('StudentEnrolled'), SY), exists('选课', count('CourseSelectionClosed'), SY), exists('排课', count('LessonTimetabled'), SY),
    exists('排考', count('ExamScheduled'), SY), exists('网络阅卷', count('ExamScoresPublished', { markingMode: '网络阅卷' }), SY), exists('成绩分析', count('ScoreAnalysisGenerated'), SY),
  ]),
  '41': derived('C', 'parent activities with online sign-up in the SY ≥ 1; a system offering 报名 and 签到', [
    exists('activities', count('ActivityHeld', { audience: { has: 'parent' }, onlineSignUp: true }), SY),
    check('features', distinct('systems', 'features', { status: '在用' }, ['报名', '签到']), AS_OF, '>=', 2),
  ]),
  '42': derived('A', '1 per 市级+ 专项科研课题 on 教育信息化 approved in the previous calendar year, cap 2', [
    exists('projects', count('ResearchProjectApproved', { level: { atLeast: 'city' }, kind: '专项科研课题' }), PREV_CY),
  ], { scoring: { kind: 'perUnit', terms: [{ measure: count('ResearchProjectApproved', { level: { atLeast: 'city' }, kind: '专项科研课题' }), window: PREV_CY, per: 1 }], cap: 2 } }),
  '43': attested('创新应用方案 and 典型案例 solving 双减/课后服务/五育评价 (documents, reviewed)', 'innovation is judged, not counted'),
  '44': attested('students\' information-literacy statement or test results', 'literacy of students is not an event'),
  '45': derived('C', 'student entries in 教育部门 IT competitions in the SY ≥ 1', [
    exists('entries', count('CompetitionEntered', { participantKind: 'student', organiser: '教育部门' }), SY),
  ]),
  '46': derived('A', 'students with space learning (自主, 合作, 探究) in the SY ÷ students ≥ 60 %', [
    check('students learning in spaces', studentShare('LearningActivitySummarized', 'person', { role: 'student', 'activities.kind': { hasAny: ['自主学习', '合作学习', '探究学习'] } }), SY, '>=', 0.6),
  ], { review: '适龄 grades (denominator is all students)' }),
  '47': attested('tracking reports on students\' achievement and core literacy', 'an outcome judgement'),
  '48': derived('A', '专任教师 rated 优秀 in 信息素养测评 (SY) ÷ 专任教师 > 全区 share', [
    check('优秀 share', ratio(distinct('TeacherRecordAdded', 'teacher', { category: '信息素养测评', result: '优秀' }), teachers()), SY, '>', { regional: 'ningxia.literacyExcellentShare' }),
  ], { review: 'operating 一体机, 录播, spaces' }),
  '49': attested('lesson designs and records showing data-based adjustment of teaching', 'a competence judgement'),
  '50': attested('tracking reports on teachers\' professional competence', 'an outcome judgement'),
  '51': derived('A', '专任教师 who delivered a lesson in an innovative model in the SY ÷ 专任教师 ≥ 50 %', [
    check('teachers', teacherShare('LessonDelivered', 'teachers', { teachingModels: { hasAny: ['翻转课堂', '互动课堂', '智慧课堂', '混合式', '探究式', '精准教学', '人机协同', '其他创新模式'] } }), SY, '>=', 0.5),
  ]),
  '52': derived('A', '专任教师 with a 校级+ ICT 公开课/研讨课/汇报课 in the SY ÷ 专任教师 ≥ 80 %; 专任教师 with a 市级+ award ÷ 专任教师 ≥ 10 %', [
    check('open lessons', teacherShare('LessonDelivered', 'teachers', { lessonKind: ['公开课', '研讨课', '汇报课'], ictEnvironment: true }), SY, '>=', 0.8),
    check('city+ results', teacherShare('AwardReceived', 'recipients', { recipientKind: 'teacher', level: { atLeast: 'city' } }), EVER, '>=', 0.1),
  ]),
  '53': derived('A', '自治区 信息化骨干培训项目培养对象 designations ≥ 1', [
    exists('designations', count('designations', { kind: '信息化骨干培训项目培养对象', level: { atLeast: 'province' } })),
  ]),
  '54': derived('C', 'a 领导小组, a 首席信息官 and a 信息化工作管理部门 as of the date', [
    exists('leadership group', count('orgUnits', { kind: ['信息化工作领导小组', '智慧校园建设领导小组'] })),
    exists('CIO', count('roles', { role: '首席信息官' })),
    exists('IT department', count('orgUnits', { kind: '信息化工作管理部门' })),
  ], { review: 'the CIO is a 校领导; the working mechanism' }),
  // 制定…规划; 制定…规章制度; 定期召开专题会议…; 纳入学校年度考核: the meetings are events, the rest documents
  '55': derivedAndAttested(
    derived('C', '专题会议 on 教育信息化 in the semester ≥ 1', [exists('meetings', count('ActivityHeld', { kind: '专题会议' }), SEM)], { review: '定期 (how regularly the meetings are held)' }),
    'the 教育信息化建设与应用规划, the 规章制度 and the 年度考核 with its 考核激励机制',
    'plans, rules and an appraisal scheme are documents no event carries',
  ),
  '56': attested('the annual budget showing 教育信息化 ≥ 20 % of 生均公用经费', 'no event family carries money'),
  '57': attested('training plan and appraisal rules for IT management and technical staff', 'plans and rules are documents'),
  '58': attested('outsourcing and cooperation contracts', 'contracts are documents'),
  '59': derived('C', 'a 容灾备份 system and a 数据安全与容灾演练 in the SY', [
    exists('backup', sys('容灾备份')), exists('drill', count('ActivityHeld', { kind: '数据安全与容灾演练' }), SY),
  ], { review: 'the plan (预案)' }),
  '60': attested('the 互联网+教育 research team and its summaries', 'a team and its work are documents'),
  '61': derived('A', '1 per 省级+ award or promotion of the school\'s cases or results; 1 for a commendation by the 自治区教育厅 or a city; cap 2', [
    exists('recognitions', count('AwardReceived', { recipientKind: 'school', level: { atLeast: 'city' }, category: ['典型案例', '特色成果', '表彰'] }), EVER),
  ], {
    scoring: { kind: 'perUnit', cap: 2, terms: [
      { measure: count('AwardReceived', { recipientKind: 'school', level: { atLeast: 'province' }, category: ['典型案例', '特色成果'] }), window: EVER, per: 1 },
      { measure: count('AwardReceived', { recipientKind: 'school', level: { atLeast: 'city' }, category: '表彰' }), window: EVER, per: 1 },
    ] },
  }),
  '62': derived('A', '2 per national 典型案例 or 培训基地学校; 1 per 普及活动先进单位; 2 per national showcase hosted; 1 per 自治区 showcase or 经验交流; cap 5', [
    exists('distinctions', count('designations', { kind: ['网络学习空间培训基地学校', '网络学习空间普及活动先进单位'] })),
  ], {
    scoring: { kind: 'perUnit', cap: 5, terms: [
      { measure: count('AwardReceived', { recipientKind: 'school', level: 'national', category: '典型案例' }), window: EVER, per: 2 },
      { measure: count('designations', { kind: '网络学习空间培训基地学校' }), window: AS_OF, per: 2 },
      { measure: count('designations', { kind: '网络学习空间普及活动先进单位', level: 'national' }), window: AS_OF, per: 1 },
      { measure: count('ActivityHeld', { kind: ['现场观摩', '案例展示'], level: 'national', schoolRole: ['主办', '承办'] }), window: EVER, per: 2 },
      { measure: count('ActivityHeld', { kind: ['现场观摩', '经验交流'], level: 'province', schoolRole: ['主办', '承办'] }), window: EVER, per: 1 },
    ] },
  }),
  '63': derived('A', '1 per news report or experience article in a 市级+ education or party paper; 0.5 per visit from another county hosted in the SY; cap 3', [
    exists('press or visits', count('ArticlePublished', { kind: ['新闻报道', '经验介绍'], level: { atLeast: 'city' } }), SY),
  ], {
    scoring: { kind: 'perUnit', cap: 3, terms: [
      { measure: count('ArticlePublished', { kind: ['新闻报道', '经验介绍'], venueKind: ['教育报刊', '党报党刊'], level: { atLeast: 'city' } }), window: SY, per: 1 },
      { measure: count('ActivityHeld', { kind: '观摩学习接待', visitorRegionCodes: { exists: true } }), window: SY, per: 0.5 },
    ] },
  }),
  // 受到教育部、自治区党委和政府表彰: the issuing body is awardingBody at its level. 教育部 = 教育部门
  // at national, 自治区党委和政府 = 党委和政府 at province; the 自治区教育厅 (教育部门 at province)
  // and a 地级市党委和政府 are item 61's 表彰 (加1分), not this one's.
  '64': derived('A', 'commendations of the school by the 教育部 (教育部门, national) or the 自治区党委和政府 (党委和政府, province) ≥ 1 → 示范成果 = 10', [
    exists('commendation', add(
      count('AwardReceived', { recipientKind: 'school', category: '表彰', awardingBody: '教育部门', level: 'national' }),
      count('AwardReceived', { recipientKind: 'school', category: '表彰', awardingBody: '党委和政府', level: 'province' }),
    ), EVER),
  ]),
};
