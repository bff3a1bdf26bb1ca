import { SchoolCalendarPublishedV1, TeacherAssignedV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { canonicalJson, dispose, refsToResolve, screenBatch } from './pipeline';
import { personRefsOf, screen, type ScreenContext } from './screen';

const now = new Date('2026-09-07T09:00:00+08:00');
const ctx = (over: Partial<ScreenContext> = {}): ScreenContext => ({ now, knownSchool: (c) => c.startsWith('330203'), ...over });
const teacherRef = { system: 'timetabling', localId: 'T-0001' };
const assigned = (over: Parameters<typeof anEvent<typeof TeacherAssignedV1>>[2] = {}) => anEvent(TeacherAssignedV1, { teacher: teacherRef }, over);

describe('screen: contract and hub rules, every problem at once', () => {
  it('passes a valid event of a known school and lists its person refs', () => {
    const s = screen(assigned(), ctx());
    expect(s).toMatchObject({ status: 'valid', refs: [teacherRef] });
  });

  it('refuses an unknown school, another school of the sender, and a Kafka key that is not the school, all at once', () => {
    const s = screen(assigned({ subject: '3302129999' }), ctx({ sender: { clientId: 'sys-1', schoolCodes: ['3302030001'] }, kafkaKey: '3302030001' }));
    expect(s.status).toBe('rejected');
    expect(s.status === 'rejected' && s.problems.map((p) => [p.path, p.rule])).toEqual([
      ['/subject', 'known-school'],
      ['/subject', 'own-school'],
      ['/subject', 'kafka-key'],
    ]);
  });

  it('keeps what it can read of a rejected event (id, school, type) for the dead letter', () => {
    const raw = { ...assigned(), data: { teacher: teacherRef } };
    const s = screen(raw, ctx());
    expect(s).toMatchObject({ status: 'rejected', id: raw.id, schoolCode: '3302030001', type: TeacherAssignedV1.type });
    expect(s.status === 'rejected' && s.problems.some((p) => p.path.startsWith('/data/'))).toBe(true);
  });

  it('answers a non-object with one problem at the root', () => {
    expect(screen('not an event', ctx())).toMatchObject({ status: 'rejected', problems: [{ path: '', rule: 'type' }], id: undefined });
  });
});

describe('personRefsOf', () => {
  it('finds refs at any depth, once each, and ignores look-alikes', () => {
    const a = { system: 'attendance', localId: 'C-1' };
    expect(personRefsOf({ x: a, list: [{ who: a }, { who: teacherRef }], notRef: { system: 'x' } })).toEqual([a, teacherRef]);
  });
});

describe('dispose', () => {
  const links = new Map([['timetabling/T-0001', 'person-1']]);

  it('appends resolved events with their links, parks unresolved ones, rejects invalid ones', () => {
    const ok = assigned();
    const unknownTeacher = anEvent(TeacherAssignedV1, { teacher: { system: 'timetabling', localId: 'T-0404' } });
    const noRefs = anEvent(SchoolCalendarPublishedV1);
    const bad = { ...assigned(), time: 'yesterday' };
    const screened = screenBatch([ok, unknownTeacher, noRefs, bad], () => ctx());
    expect(refsToResolve(screened)).toEqual([teacherRef, { system: 'timetabling', localId: 'T-0404' }]);
    const d = dispose(screened, { links });
    expect(d.map((x) => x.kind)).toEqual(['append', 'park', 'append', 'reject']);
    expect(d[0]).toMatchObject({ resolved: { 'timetabling/T-0001': 'person-1' } });
    expect(d[1]).toMatchObject({ unresolved: [{ system: 'timetabling', localId: 'T-0404' }] });
  });

  it('tells a repeated id in one batch with the same content from one with other content', () => {
    const first = assigned();
    const same = JSON.parse(JSON.stringify(first)) as typeof first;
    const other = { ...first, time: '2026-09-07T08:30:00+08:00' };
    const d = dispose(screenBatch([first, same, other], () => ctx()), { links });
    expect(d.map((x) => (x.kind === 'repeat' ? `repeat:${x.sameAsFirst}` : x.kind))).toEqual(['append', 'repeat:true', 'repeat:false']);
  });
});

describe('canonicalJson', () => {
  it('ignores key order and undefined keys', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe(canonicalJson({ a: [{ d: 2 }], b: 1 }));
  });
});
