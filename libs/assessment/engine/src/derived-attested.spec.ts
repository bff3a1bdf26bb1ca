import { CATALOGS, type StandardId } from '@educube/assessment-catalog';
import { type CloudEvent } from '@educube/contracts';
import * as E from '@educube/contracts';
import { CLASSIFICATIONS } from './classification';
import { evaluateCatalog } from './evaluate';
import { applyAll, emptyFacts } from './facts';
import { scoreSheet, type AttestedResult } from './sheet';
import { person, schoolKit } from './testing/school';

// Items whose wording asks both for what events show and for documents (plans, rules, budgets,
// 预案) are `derived+attested`: the events give the value, and the item is met only once an
// attestation is accepted too. Each case quotes the item it reads.

const SCHOOL = '3302030001';
const ASOF = '2026-11-02';
// contract-valid events of this school, as the hub stores them (testing/school.ts)
const kit = schoolKit(SCHOOL, 'da');
const { ev } = kit;

/** The sheet of one standard for a school with these events and these reviewed attestations. */
function sheet(standard: StandardId, events: CloudEvent[], attested: Record<string, AttestedResult> = {}) {
  const evidence = evaluateCatalog(CATALOGS[standard], CLASSIFICATIONS[standard], kit.facts(events), { asOf: ASOF });
  const { rows, verdict } = scoreSheet(CATALOGS[standard], CLASSIFICATIONS[standard], evidence, attested);
  return { evidence, verdict, row: (id: string) => rows.find((r) => r.itemId === id) };
}
const accepted = (status: string): AttestedResult => ({ met: true, status });

describe('Ningxia 55 (2分): 制定…规划;制定…规章制度;定期召开专题会议…;将信息化建设与应用工作纳入学校年度考核', () => {
  // the 专题会议 are events; the 规划, the 规章制度 and the 年度考核 are documents
  const meeting = ev(E.ActivityHeldV1, {
    activityId: 'M-1',
    kind: '专题会议',
    topics: ['教育信息化'],
    audience: ['staff'],
    mode: '线下',
    level: 'school',
    schoolRole: '主办',
    participants: 12,
    heldOn: '2026-10-15',
  });
  const status = 'accepted by district (教育局（各地认定）), awaiting region (自治区教育厅（自治区认定）)';

  it('is derived and attested', () => {
    expect(CLASSIFICATIONS.ningxia['55']?.basis).toBe('derived+attested');
  });

  it('events alone: the meeting is counted and shown, but without the plan and rules the item is not met (0 of 2)', () => {
    const { row, verdict, evidence } = sheet('ningxia', [meeting]);
    expect(evidence.find((e) => e.itemId === '55')).toMatchObject({ basis: 'derived+attested', value: 1, met: true });
    expect(row('55')).toMatchObject({
      basis: 'derived+attested',
      value: 1,
      threshold: 1,
      met: false,
      points: 0,
      status: `derived as of ${ASOF}: met; not attested`,
    });
    expect(verdict).toMatchObject({ kind: 'points', total: 0 });
  });

  it('events and an accepted attestation: met, 2 points', () => {
    const { row, verdict } = sheet('ningxia', [meeting], { '55': accepted(status) });
    expect(row('55')).toMatchObject({ basis: 'derived+attested', value: 1, met: true, points: 2, status: `derived as of ${ASOF}: met; ${status}` });
    expect(verdict).toMatchObject({ kind: 'points', total: 2 });
  });

  it('a level that accepts with fewer points gives those points', () => {
    expect(sheet('ningxia', [meeting], { '55': { met: true, points: 1, status } }).row('55')).toMatchObject({ met: true, points: 1 });
  });

  it('an accepted attestation without a meeting in the semester: not met (0 of 2), the value 0 shown', () => {
    const { row, verdict } = sheet('ningxia', [], { '55': accepted(status) });
    expect(row('55')).toMatchObject({ basis: 'derived+attested', value: 0, met: false, points: 0, status: `derived as of ${ASOF}: not met; ${status}` });
    expect(verdict).toMatchObject({ kind: 'points', total: 0 });
  });

  it('a rejected attestation: not met, whatever the events', () => {
    expect(sheet('ningxia', [meeting], { '55': { met: false, status: 'rejected by district (教育局（各地认定）): 无年度考核方案' } }).row('55')).toMatchObject({
      met: false,
      points: 0,
    });
  });

  it("a reviewer's override replaces the derived part only: the attestation is still required", () => {
    const evidence = evaluateCatalog(CATALOGS.ningxia, CLASSIFICATIONS.ningxia, applyAll(emptyFacts(SCHOOL), []), { asOf: ASOF });
    const override = { '55': { met: true, reason: '会议纪要在协同办公系统外' } };
    const without = scoreSheet(CATALOGS.ningxia, CLASSIFICATIONS.ningxia, evidence, {}, override).rows.find((r) => r.itemId === '55');
    const withIt = scoreSheet(CATALOGS.ningxia, CLASSIFICATIONS.ningxia, evidence, { '55': accepted(status) }, override).rows.find((r) => r.itemId === '55');
    expect([without?.met, without?.points, withIt?.met, withIt?.points]).toEqual([false, 0, true, 2]);
  });
});

describe('Wenzhou 25 ▲达标 ▲2.0: 实行首席信息官制度…CIO微团队，有专项创建经费，制定计划规划，推进项目研究', () => {
  // the CIO and the CIO微团队 are roster events; the 专项创建经费 (a budget) and the 计划规划 are documents
  // 由校长（首席信息官）、分管校长和信息化负责人组成: the 校长 P-1 is the CIO; P-2 and P-3 hold the other two posts
  const head = person('P-1');
  const posts = [
    ev(E.RoleAssignedV1, { person: head, role: '校长', assignedOn: '2026-09-01' }),
    ev(E.RoleAssignedV1, { person: person('P-2'), role: '分管校长', assignedOn: '2026-09-01' }),
    ev(E.RoleAssignedV1, { person: person('P-3'), role: '信息化负责人', assignedOn: '2026-09-01' }),
  ];
  const cio = ev(E.RoleAssignedV1, { person: head, role: '首席信息官', assignedOn: '2026-09-01' });
  const team = ev(E.OrgUnitEstablishedV1, {
    orgUnitId: 'OU-CIO',
    kind: 'CIO微团队',
    leader: head,
    members: [head, person('P-2'), person('P-3')],
    establishedOn: '2026-09-01',
  });
  const status = 'accepted by county (县（市、区）教育行政部门（县级初评）), accepted by city (温州市教育局（市级验收）); review complete';
  const missing = (verdict: unknown) =>
    (verdict as { levels: { id: string; missingRequired: string[] }[] }).levels.find((l) => l.id === 'standard')?.missingRequired;

  it('is derived and attested', () => {
    expect(CLASSIFICATIONS.wenzhou['25']?.basis).toBe('derived+attested');
  });

  it('events alone: the CIO and the team are shown, the ▲ item is not met and keeps the school from 达标校', () => {
    const { row, verdict } = sheet('wenzhou', [...posts, cio, team]);
    expect(row('25')).toMatchObject({ basis: 'derived+attested', value: 1, met: false, status: `derived as of ${ASOF}: met; not attested` });
    expect(missing(verdict)).toContain('25');
  });

  it('events and an accepted attestation: met', () => {
    const { row, verdict } = sheet('wenzhou', [...posts, cio, team], { '25': accepted(status) });
    expect(row('25')).toMatchObject({ basis: 'derived+attested', value: 1, met: true, status: `derived as of ${ASOF}: met; ${status}` });
    expect(missing(verdict)).not.toContain('25');
  });

  it('an accepted attestation without a CIO on the roster: not met, no value', () => {
    const { row, verdict } = sheet('wenzhou', [...posts, team], { '25': accepted(status) });
    expect(row('25')).toMatchObject({ basis: 'derived+attested', value: null, met: false, status: `derived as of ${ASOF}: not met; ${status}` });
    expect(missing(verdict)).toContain('25');
  });

  it('an accepted attestation with a CIO who is not the 校长 (校长（首席信息官）): not met, the value 0 shown', () => {
    const other = ev(E.RoleAssignedV1, { person: person('P-3'), role: '首席信息官', assignedOn: '2026-09-01' });
    const { row } = sheet('wenzhou', [...posts, other, team], { '25': accepted(status) });
    expect(row('25')).toMatchObject({ value: 0, met: false });
  });
});

describe('Wenzhou 27 ▲达标 ▲2.0: 有网络安全应急预案、舆情处置预案等完善的网络安全管理制度…能查询到最近至少6个月的网络安全日志…无重大网络安全事件', () => {
  // the logs' retention and the incidents are asset events; the 预案 and the 管理制度 are documents
  // 能记录上网行为，能查询到最近至少6个月的网络安全日志; 能对网络入侵、计算机病毒…有效的防护; 能落实…等级保护制度
  const protection = [
    ev(E.LogRetentionReportedV1, { systemId: 'SYS-FW', logKind: '上网行为日志', oldestRecordOn: '2026-05-01', reportedOn: '2026-10-30' }),
    ev(E.DeviceRegisteredV1, {
      assetId: 'FW-1',
      deviceType: '网络安全设备',
      ownerRole: 'shared',
      roomId: undefined,
      stages: [],
      capabilities: ['入侵防护', '防病毒'],
      status: '在用',
    }),
    ev(E.InformationSystemRegisteredV1, {
      systemId: 'SYS-OA',
      name: '协同办公',
      systemKinds: ['协同办公'],
      providerLevel: 'school',
      status: '在用',
      registeredOn: '2026-09-01',
    }),
    ev(E.SecurityAssessmentCompletedV1, { systemId: 'SYS-OA', protectionLevel: '第二级', assessedOn: '2026-06-30', result: '基本符合' }),
  ];
  const logs = [
    ev(E.LogRetentionReportedV1, { systemId: 'SYS-FW', logKind: '网络安全日志', oldestRecordOn: '2026-03-01', reportedOn: '2026-10-30' }),
    ...protection,
  ];
  const status = 'accepted by county (县（市、区）教育行政部门（县级初评）), awaiting city (温州市教育局（市级验收）)';

  it('is derived and attested', () => {
    expect(CLASSIFICATIONS.wenzhou['27']?.basis).toBe('derived+attested');
  });

  it('events alone: 243 days of logs are shown, but without the 预案 the item is not met', () => {
    const { row } = sheet('wenzhou', logs);
    expect(row('27')).toMatchObject({ basis: 'derived+attested', value: 243, threshold: 182, met: false, status: `derived as of ${ASOF}: met; not attested` });
  });

  it('events and an accepted attestation: met', () => {
    expect(sheet('wenzhou', logs, { '27': accepted(status) }).row('27')).toMatchObject({
      basis: 'derived+attested',
      value: 243,
      met: true,
      status: `derived as of ${ASOF}: met; ${status}`,
    });
  });

  it('an accepted attestation without any log retention reported: not met, no value', () => {
    expect(sheet('wenzhou', [], { '27': accepted(status) }).row('27')).toMatchObject({
      basis: 'derived+attested',
      value: null,
      met: false,
      status: `derived as of ${ASOF}: not met; ${status}`,
    });
  });

  it('six months of 上网行为日志 but only 182 − 1 days of 网络安全日志 (最近至少6个月的网络安全日志): not met', () => {
    const short = ev(E.LogRetentionReportedV1, { systemId: 'SYS-FW', logKind: '网络安全日志', oldestRecordOn: '2026-05-01', reportedOn: '2026-10-29' });
    expect(sheet('wenzhou', [short, ...protection], { '27': accepted(status) }).row('27')).toMatchObject({ value: 181, met: false });
  });

  it('an accepted attestation with a major incident the school answers for: not met (无重大网络安全事件)', () => {
    const incident = ev(E.SecurityIncidentRecordedV1, {
      incidentId: 'INC-9',
      severity: '重大',
      schoolResponsible: true,
      occurredAt: '2026-10-03T10:00:00+08:00',
    });
    expect(sheet('wenzhou', [...logs, incident], { '27': accepted(status) }).row('27')).toMatchObject({ met: false });
  });
});
