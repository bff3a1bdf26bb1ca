import { z } from 'zod';
import {
  count,
  dateOrder,
  daysBetween,
  grade,
  gradeInStage,
  isoDate,
  isoDateTime,
  issue,
  level,
  localId,
  onlyFor,
  personRef,
  requiredFor,
  roomId,
  stage,
  unique,
} from '../common';
import { defineEvent } from '../envelope';

// Asset facts are what the 基础设施 items inspect on site: rooms and their network coverage,
// devices and their status (有效 = 在用), network links, information systems and what they
// connect to, usage and running data, and network-security evidence. Registrations with the
// same id are snapshots: the latest one wins (a room or link taken out of use says inUse
// false, a system says status 停用). Device status has its own event because it changes
// often and repair times are measured.

/** 场所类型: a room or an area of the campus, in the standards' words. */
export const roomKind = z
  .enum([
    '普通教室',
    '功能教室',
    '学科教室',
    '实验室',
    '计算机教室',
    '录播教室',
    '智能教室',
    '智慧教室',
    '创新实验室',
    '创新教室',
    '创客空间',
    '人工智能实验室',
    '智慧学习体验中心',
    '电子阅览室',
    '校园电视台',
    '图书馆',
    '活动室',
    '训练场地',
    '办公室',
    '会议室',
    '行政楼',
    '食堂',
    '宿舍',
    '活动空间',
    '出入口',
    '其他',
  ])
  .describe('场所类型: 普通教室 = 班级教室; 电子阅览室 includes 电子阅览区; 图书馆/活动室/行政楼/食堂/宿舍/活动空间 are 公共服务区域');

export const RoomRegisteredV1 = defineEvent({
  family: 'asset',
  name: 'RoomRegistered',
  version: 1,
  summary: 'A room or area of the campus, its kind, zone and network coverage; the latest event for a roomId wins.',
  data: z
    .strictObject({
      roomId,
      roomKind,
      areaKind: z.enum(['教学', '办公', '生活', '活动', '公共服务']).describe('场所功能区: 教学、办公、生活、活动场所, 公共服务区域'),
      mainArea: z.boolean().describe('主要场所 (主要教学/办公/活动场所, 主要公共区域)'),
      securityZone: z.enum(['出入口', '重点区域', '师生活动集中区域']).optional().describe('安防区域 that video surveillance must cover'),
      newTypeTeachingSpace: z.boolean().default(false).describe('新型教学空间 (可重构、可连接、可兼容、可记录)'),
      stages: z.array(stage).max(4).default([]).describe('学段 the room serves; empty = the whole school'),
      grades: z.array(grade).max(12).default([]).describe('年级 the room is assigned to (Ningbo 中学每年级 2 个新型教学空间)'),
      wiredNetwork: z.boolean().describe('有线网络覆盖'),
      wirelessNetwork: z.boolean().describe('无线网络覆盖'),
      wirelessTech: z.enum(['5G', '千兆无线', '其他']).optional().describe('无线网络方式 (Wenzhou 2: 5G、千兆无线)'),
      responsible: personRef.optional().describe('专（兼）职 person who manages and maintains it'),
      inUse: z.boolean().default(true),
      registeredOn: isoDate,
    })
    .superRefine((d, ctx) => {
      unique(ctx, d.stages, ['stages']);
      unique(ctx, d.grades, ['grades']);
      if (d.stages.length === 1) gradeInStage(ctx, d.stages[0], d.grades, ['grades']);
      onlyFor(ctx, d.wirelessTech !== undefined, d.wirelessNetwork, ['wirelessTech'], 'when wirelessNetwork is true');
      onlyFor(ctx, d.newTypeTeachingSpace, d.areaKind === '教学', ['newTypeTeachingSpace'], "for areaKind '教学'");
    }),
});

/** 设备类型 as the standards count them. */
export const deviceType = z
  .enum([
    '台式计算机',
    '笔记本计算机',
    '云桌面终端',
    '移动学习终端',
    '移动教学配套设备',
    '交互式多媒体教学设备',
    '多媒体教学设备',
    '电子班牌',
    '显示屏',
    '公用信息终端',
    '电子阅览终端',
    '录播系统',
    '在线互动教学终端',
    '感知交互设备',
    '仿真实验设备',
    '开源硬件',
    '智能机器人',
    '创意电子',
    '3D打印设备',
    'VR设备',
    '无人机',
    '自助借还机',
    '视频监控摄像机',
    '一键报警装置',
    '门禁闸机',
    '测温设备',
    '访客机',
    '网络安全设备',
    '物联网感知设备',
    '无线接入点',
    '交换机',
    '服务器',
    '存储设备',
    'UPS',
    '其他',
  ])
  .describe('设备类型: 交互式多媒体教学设备 includes 交互式教学设备/交互式智能平板; 公用信息终端 includes 公共交互式终端; 移动学习终端 = 平板等');
export const deviceStatus = z.enum(['在用', '闲置', '故障', '维修', '报废']).describe('设备状态: 有效 = 在用');
const SECURITY_FUNCTIONS = ['防火墙', '防病毒', '入侵防护', '漏洞扫描', '流量管理', '上网行为管理', '有害信息过滤', 'WEB应用防火墙'] as const;
export const deviceCapability = z
  .enum(['互动教学', '教学行为数据采集', '集中管控', '接入宁夏教育云', '安全浏览', '物联网', '远程控制', ...SECURITY_FUNCTIONS])
  .describe('设备功能; the security functions (防火墙 … WEB应用防火墙) belong to 网络安全设备');

export const DeviceRegisteredV1 = defineEvent({
  family: 'asset',
  name: 'DeviceRegistered',
  version: 1,
  summary: 'A device entered the asset inventory, with who uses it, where and what it can do; the latest event for an assetId wins.',
  data: z
    .strictObject({
      assetId: localId,
      deviceType,
      ownerRole: z.enum(['teacher', 'student', 'shared', 'admin']).describe('为谁配备: 教师用/学生用/公用/管理用'),
      roomId: roomId.optional(),
      stages: z.array(stage).max(4).default([]).describe('学段 whose students use it (生机比 per stage); empty = the whole school'),
      capabilities: z.array(deviceCapability).max(20).default([]),
      status: deviceStatus,
      acquiredOn: isoDate,
      registeredOn: isoDate,
    })
    .superRefine((d, ctx) => {
      unique(ctx, d.stages, ['stages']);
      unique(ctx, d.capabilities, ['capabilities']);
      d.capabilities.forEach((c, i) => {
        if ((SECURITY_FUNCTIONS as readonly string[]).includes(c) && d.deviceType !== '网络安全设备')
          issue(ctx, ['capabilities', i], 'only-for-kind', `${c} is a function of a 网络安全设备, not of a ${d.deviceType}`);
      });
      dateOrder(ctx, d.acquiredOn, d.registeredOn, ['registeredOn'], 'acquiredOn');
    }),
});

export const DeviceStatusChangedV1 = defineEvent({
  family: 'asset',
  name: 'DeviceStatusChanged',
  version: 1,
  summary: 'A device went into use, idle, fault, repair or was written off (repair turnaround is measured from these).',
  data: z.strictObject({ assetId: localId, status: deviceStatus, changedOn: isoDate, reason: z.string().max(200).optional() }),
});

export const DeviceTelemetryReportedV1 = defineEvent({
  family: 'asset',
  name: 'DeviceTelemetryReported',
  version: 1,
  summary: "An IoT system reported a device's running state over a period (物联网 运行状态采集), as minutes online and in use.",
  data: z
    .strictObject({
      assetId: localId,
      periodStart: isoDate,
      periodEnd: isoDate,
      onlineMinutes: count,
      usageMinutes: count.optional(),
    })
    .superRefine((d, ctx) => {
      dateOrder(ctx, d.periodStart, d.periodEnd, ['periodEnd'], 'periodStart');
      if (d.periodEnd >= d.periodStart) {
        const minutes = (daysBetween(d.periodStart, d.periodEnd) + 1) * 1440;
        if (d.onlineMinutes > minutes) issue(ctx, ['onlineMinutes'], 'max', `cannot exceed the ${minutes} minutes of the period`);
      }
      if (d.usageMinutes !== undefined && d.usageMinutes > d.onlineMinutes)
        issue(ctx, ['usageMinutes'], 'max', `cannot exceed onlineMinutes (${d.onlineMinutes})`);
    }),
});

export const NetworkLinkRegisteredV1 = defineEvent({
  family: 'asset',
  name: 'NetworkLinkRegistered',
  version: 1,
  summary:
    'A network link of the school (egress, backbone, between buildings, to classrooms or desktops) as contracted or measured; the latest event for a linkId wins.',
  data: z
    .strictObject({
      linkId: localId,
      linkKind: z
        .enum(['出口', '骨干', '楼宇间', '到班', '到桌面'])
        .describe('链路: 出口 (互联网接入/出口带宽), 骨干, 楼宇间, 到班 (进班), 到桌面; one record may stand for all links of a kind'),
      upstream: z.enum(['互联网', '教育城域网', '江苏省教育和科研计算机网', '其他专网']).optional().describe('接入网络, for an 出口 link'),
      medium: z.enum(['光纤', '铜缆', '无线']).describe('介质 (光纤接入)'),
      bandwidthMbps: z.number().positive().max(1_000_000).describe('带宽 Mbps: 1G = 1000, 万兆 = 10000'),
      ipv6: z.boolean().describe('支持 IPv6'),
      roomId: roomId.optional().describe('the classroom of a 到班 link'),
      responsible: personRef.optional(),
      inUse: z.boolean().default(true),
      registeredOn: isoDate,
    })
    .superRefine((d, ctx) => {
      const egress = d.linkKind === '出口';
      requiredFor(ctx, d.upstream !== undefined, egress, ['upstream'], "for linkKind '出口'");
      onlyFor(ctx, d.upstream !== undefined, egress, ['upstream'], "for linkKind '出口'");
      requiredFor(ctx, d.roomId !== undefined, d.linkKind === '到班', ['roomId'], "for linkKind '到班'");
    }),
});

/** 系统类型: the information systems the standards name. */
export const systemKind = z
  .enum([
    '校园网络管理',
    '统一上网管理',
    '广播',
    '校园电视',
    '会议',
    '视频监控',
    '安防综合管理',
    '出入口控制',
    '访客管理',
    '身份识别',
    '测温',
    '消防报警',
    '紧急广播',
    '一键报警',
    '餐饮卫生监测',
    '物联网管控',
    '图书管理',
    '数字图书馆',
    '智能卡',
    '协同办公',
    '校务管理',
    '信息公开',
    '行政办公',
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
    '统一门户',
    '统一身份认证',
    '数据仓',
    '数字驾驶舱',
    '信息发布',
    '门户网站监控',
    '容灾备份',
    '智慧校情决策',
    '区块链应用',
    '教学应用',
    '其他',
  ])
  .describe(
    '系统类型: 广播 includes 数字/智能广播; 餐饮卫生监测 = 食品安全; 紧急广播 includes 疏散; 智能卡 = 校园一卡通; 家校互动 = 家校通; 教务管理 includes 教务综合管理',
  );
/** 功能: what a system offers (features) and what was used (usage counts). */
export const systemFeature = z
  .enum([
    '虚拟演播室',
    '数字化摄录编辑',
    '校内直播',
    '校内广播',
    '自助借还',
    '借阅历史查询',
    '移动阅读',
    '门禁',
    '消费',
    '储物',
    '借书',
    '按角色个性化配置',
    '对家长免费',
    '智慧校园',
    '机构空间',
    '数字学校',
    '网站',
    '公众号',
    '信息屏',
    '数字广播',
    '通知公告',
    '流程审批',
    '会议安排',
    '周安排',
    '教师考勤',
    '问卷调查',
    '数据上报',
    '信息发布',
    '在校情况查询',
    '家庭教育咨询',
    '家校沟通',
    '报名',
    '签到',
    '其他',
  ])
  .describe('功能');

export const InformationSystemRegisteredV1 = defineEvent({
  family: 'asset',
  name: 'InformationSystemRegistered',
  version: 1,
  summary:
    'An information system the school uses: what kinds of system it is, who provides it, whether it joins unified identity, what it connects to; the latest event for a systemId wins.',
  data: z
    .strictObject({
      systemId: localId,
      name: z.string().min(1).max(100).describe('系统名称'),
      systemKinds: z.array(systemKind).min(1).max(20).describe('系统类型: one integrated platform may serve several'),
      providerLevel: level.describe('建设方级别: 国家、省、市、县统一建设, or school = 学校自建/自购'),
      thirdParty: z.boolean().describe('第三方教育应用 (Ningxia 22)'),
      builtOn: z.enum(['教育魔方', 'IRS', '宁夏教育云']).optional().describe('依托的数字底座/公共组件 (教育魔方, 省一体化数字资源系统 IRS, 宁夏教育云)'),
      features: z.array(systemFeature).max(40).default([]),
      unifiedIdentity: z.boolean().describe('接入统一身份认证、单点登录'),
      connectedTo: z
        .array(z.enum(['校级数据仓', '教育魔方', '宁夏教育云', '省级平台', '市级平台', '县级平台', '教育行政部门', '公安']))
        .max(8)
        .default([])
        .describe('数据对接/联网: where its data goes (数据统一归集, 对接宁夏教育云, 与教育行政部门数据同步, 与公安联网)'),
      roomIds: z.array(roomId).max(2000).default([]).describe('场所 it is installed in or covers (覆盖主要场所)'),
      backupPowerHours: z.number().min(0).max(240).optional().describe('断电后持续工作小时数, for 视频监控 (Ningxia 12)'),
      responsible: personRef.optional(),
      status: z.enum(['在用', '停用']),
      registeredOn: isoDate,
    })
    .superRefine((d, ctx) => {
      unique(ctx, d.systemKinds, ['systemKinds']);
      unique(ctx, d.features, ['features']);
      unique(ctx, d.connectedTo, ['connectedTo']);
      unique(ctx, d.roomIds, ['roomIds']);
      onlyFor(ctx, d.backupPowerHours !== undefined, d.systemKinds.includes('视频监控'), ['backupPowerHours'], "for a system of kind '视频监控'");
    }),
});

export const SystemUsageSummarizedV1 = defineEvent({
  family: 'asset',
  name: 'SystemUsageSummarized',
  version: 1,
  summary: "A system's use over a period of at most a month: active users and how often each function was used (no per-user logs).",
  data: z
    .strictObject({
      systemId: localId,
      periodStart: isoDate,
      periodEnd: isoDate,
      activeUsers: count.describe('活跃用户数'),
      uses: z
        .array(z.strictObject({ feature: systemFeature, count }))
        .max(40)
        .default([])
        .describe('使用次数 per function'),
    })
    .superRefine((d, ctx) => {
      dateOrder(ctx, d.periodStart, d.periodEnd, ['periodEnd'], 'periodStart');
      if (d.periodEnd >= d.periodStart && daysBetween(d.periodStart, d.periodEnd) > 30)
        issue(ctx, ['periodEnd'], 'max-period', 'a usage summary covers at most 31 days, so monthly regularity (常态化) can be measured');
      unique(ctx, d.uses, ['uses'], (u) => u.feature);
    }),
});

export const AppReviewedV1 = defineEvent({
  family: 'asset',
  name: 'AppReviewed',
  version: 1,
  summary: 'An educational app was reviewed under the school’s admission mechanism (教育类 App 准入).',
  data: z.strictObject({
    appId: localId,
    name: z.string().min(1).max(100).describe('App 名称'),
    decision: z.enum(['准入', '拒绝', '下架']).describe('审核结论'),
    reviewedOn: isoDate,
  }),
});

export const SecurityAssessmentCompletedV1 = defineEvent({
  family: 'asset',
  name: 'SecurityAssessmentCompleted',
  version: 1,
  summary: 'A system was graded and assessed under 网络安全等级保护 (定级与测评).',
  data: z.strictObject({
    systemId: localId,
    protectionLevel: z.enum(['第一级', '第二级', '第三级', '第四级']).describe('等级保护级别'),
    assessedOn: isoDate,
    result: z.enum(['符合', '基本符合', '不符合']).describe('测评结论'),
  }),
});

export const SecurityIncidentRecordedV1 = defineEvent({
  family: 'asset',
  name: 'SecurityIncidentRecorded',
  version: 1,
  summary: 'A network-security incident occurred, with its severity and whether the school was responsible.',
  data: z.strictObject({
    incidentId: localId,
    severity: z.enum(['一般', '较大', '重大', '特别重大']).describe('事件级别 ("无重大网络安全事件")'),
    schoolResponsible: z.boolean().describe('责任事件 (Zhejiang 无重大网络安全责任事件)'),
    occurredAt: isoDateTime,
  }),
});

export const LogRetentionReportedV1 = defineEvent({
  family: 'asset',
  name: 'LogRetentionReported',
  version: 1,
  summary: 'A system reported the oldest record it still holds of a log kind (上网日志 ≥ 6 months, 视频影像 ≥ 30 days).',
  data: z
    .strictObject({
      systemId: localId,
      logKind: z.enum(['上网行为日志', '网络安全日志', '视频影像']).describe('日志类型'),
      oldestRecordOn: isoDate.describe('the date of the oldest record still queryable'),
      reportedOn: isoDate,
    })
    .superRefine((d, ctx) => dateOrder(ctx, d.oldestRecordOn, d.reportedOn, ['reportedOn'], 'oldestRecordOn')),
});

export const DataSyncedToAuthorityV1 = defineEvent({
  family: 'asset',
  name: 'DataSyncedToAuthority',
  version: 1,
  summary:
    'A school system sent a batch of records to an authority’s data centre (师生基础数据 to 宁波市教育数据中心, 资产数据 to 市、区 departments) — counts only.',
  data: z
    .strictObject({
      systemId: localId.optional(),
      dataKind: z.enum(['师生基础数据', '资产数据', '其他']).describe('数据类型'),
      target: z.enum(['教育数据中心', '教育行政部门', '其他部门']).describe('对接单位'),
      targetLevel: level,
      records: count.describe('同步记录数'),
      succeeded: z.boolean().describe('同步成功'),
      syncedAt: isoDateTime,
    })
    .superRefine((d, ctx) => {
      if (d.targetLevel === 'school') issue(ctx, ['targetLevel'], 'enum', 'an authority is above the school (county, city, province or national)');
    }),
});

export const assetEvents = [
  RoomRegisteredV1,
  DeviceRegisteredV1,
  DeviceStatusChangedV1,
  DeviceTelemetryReportedV1,
  NetworkLinkRegisteredV1,
  InformationSystemRegisteredV1,
  SystemUsageSummarizedV1,
  AppReviewedV1,
  SecurityAssessmentCompletedV1,
  SecurityIncidentRecordedV1,
  LogRetentionReportedV1,
  DataSyncedToAuthorityV1,
] as const;
