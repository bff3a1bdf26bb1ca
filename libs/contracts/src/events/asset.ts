import { z } from 'zod';
import { classId, isoDate, localId } from '../common';
import { defineEvent } from '../envelope';

/** 设备类型 as the standards count them (师机比, 生机比, 多媒体教室覆盖, 录播, 物联感知). */
export const deviceType = z.enum([
  '教师计算机', '学生计算机', '平板电脑', '交互式智能平板', '多媒体教学设备', '录播设备', '服务器', '存储设备',
  '网络交换设备', '无线接入点', '网络安全设备', '物联网感知设备', '视频监控', '电子班牌', 'VR/AR设备', '创客设备', '机器人', '其他',
]);
export const deviceStatus = z.enum(['在用', '闲置', '维修', '报废']);

export const DeviceRegisteredV1 = defineEvent({
  family: 'asset',
  name: 'DeviceRegistered',
  version: 1,
  summary: 'A device entered the asset inventory, with who uses it and where.',
  data: z.strictObject({
    assetId: localId,
    deviceType,
    ownerRole: z.enum(['teacher', 'student', 'shared', 'admin']).describe('为谁配备: 教师用/学生用/公用/管理用'),
    roomType: z.enum(['普通教室', '多媒体教室', '智慧教室', '录播教室', '计算机教室', '创新实验室', '创客空间', '办公室', '机房', '其他']),
    classId: classId.optional(),
    status: deviceStatus,
    acquiredOn: isoDate,
    registeredOn: isoDate,
  }),
});

export const DeviceStatusChangedV1 = defineEvent({
  family: 'asset',
  name: 'DeviceStatusChanged',
  version: 1,
  summary: 'A device went into use, idle, repair or was written off.',
  data: z.strictObject({ assetId: localId, status: deviceStatus, changedOn: isoDate, reason: z.string().max(200).optional() }),
});

export const NetworkLinkReportedV1 = defineEvent({
  family: 'asset',
  name: 'NetworkLinkReported',
  version: 1,
  summary: "The school's network as measured or contracted: egress bandwidth, backbone, wireless coverage, IPv6.",
  data: z.strictObject({
    link: z.enum(['互联网出口', '校园主干', '无线网络', '教育专网']),
    bandwidthMbps: z.number().min(0).max(1_000_000),
    ipv6: z.boolean(),
    /** Share of teaching and office areas covered, 0–1; meaningful for the wireless link. */
    coverage: z.number().min(0).max(1).optional(),
    reportedOn: isoDate,
  }),
});

export const InformationSystemRegisteredV1 = defineEvent({
  family: 'asset',
  name: 'InformationSystemRegistered',
  version: 1,
  summary: 'An application system the school runs, and whether it joins unified identity and the data warehouse.',
  data: z.strictObject({
    systemId: localId,
    name: z.string().min(1).max(100),
    category: z.enum(['教学', '管理', '评价', '安全', '家校', '后勤', '其他']),
    unifiedIdentity: z.boolean().describe('接入统一身份认证'),
    dataToWarehouse: z.boolean().describe('数据汇入校级数据仓/教育魔方'),
    securityProtectionLevel: z.number().int().min(0).max(4).describe('等级保护级别 (0 = 未定级)'),
    logRetentionDays: z.number().int().min(0).max(36_500),
    registeredOn: isoDate,
  }),
});

export const assetEvents = [DeviceRegisteredV1, DeviceStatusChangedV1, NetworkLinkReportedV1, InformationSystemRegisteredV1] as const;
