import { LessonTimetabledV1, SchoolCalendarPublishedV1, SchoolRegisteredV1, TeacherAssignedV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { canonicalJson, dispose, refsToResolve, sameEventText, screenBatch } from './pipeline';
import { MAX_EVENT_DEPTH, personRefsOf, screen, storableText, textProblems, type ScreenContext } from './screen';

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

describe("screen: the organisation tree is identity's", () => {
  const moved = () => anEvent(SchoolRegisteredV1, { regionCode: '330102' }, { subject: '3302030001' });

  it("refuses a school system's SchoolRegistered (it could move its school into another region), naming the rule", () => {
    const s = screen(moved(), ctx({ sender: { clientId: 'timetabling-system', schoolCodes: ['3302030001'] } }));
    expect(s).toMatchObject({ status: 'rejected', problems: [{ path: '/type', rule: 'org-tree-from-identity', value: SchoolRegisteredV1.type }] });
  });

  it("takes it on the trusted channel, where identity's roster publisher sends it", () => {
    expect(screen(moved(), ctx()).status).toBe('valid');
  });
});

describe('screen: text PostgreSQL cannot store, and nesting too deep to walk', () => {
  // the events as a school system's JSON text spells them: "\u0000" and "\ud800" are valid JSON
  const parsed = (event: unknown, patch: (text: string) => string): unknown => JSON.parse(patch(JSON.stringify(event)));
  const lesson = () => anEvent(LessonTimetabledV1, {}, { time: '2026-09-07T08:00:00+08:00' });
  const rejected = (raw: unknown) => {
    const s = screen(raw, ctx());
    if (s.status !== 'rejected') throw new Error(`expected a rejection, got ${s.status}`);
    return s;
  };
  // JSON.stringify escapes exactly these (a surrogate pair stays as it is): what jsonb refuses
  // (an escape, i.e. an odd number of backslashes: the text "\\u0000" in a message is fine)
  const unstorableJson = /(^|[^\\])(\\\\)*\\u(0000|d[89a-f][0-9a-f]{2})/i;

  it('refuses U+0000 in a data string, naming its path, with a value that can itself be stored', () => {
    const event = lesson();
    const raw = parsed(event, (t) => t.replace(`"lessonId":"${event.data.lessonId}"`, '"lessonId":"L\\u0000001"'));
    expect((raw as { data: { lessonId: string } }).data.lessonId).toBe('L\u0000001');
    const s = rejected(raw);
    expect(s.problems).toEqual([
      { path: '/data/lessonId', rule: 'no-nul-character', message: expect.stringContaining('U+0000 (NUL) at character 2'), value: 'L\ufffd001' },
    ]);
    expect(s).toMatchObject({ id: event.id, schoolCode: event.subject, type: event.type });
  });

  it('refuses an unpaired surrogate in an envelope attribute the contract accepts (source), and keeps a surrogate pair', () => {
    const event = lesson();
    const lone = rejected(parsed(event, (t) => t.replace(`"source":"${event.source}"`, `"source":"${event.source}/\\ud800x"`)));
    expect(lone.problems).toEqual([
      {
        path: '/source',
        rule: 'well-formed-unicode',
        message: expect.stringMatching(/unpaired UTF-16 surrogate \(\\uD800\) at character \d+/),
        value: `${event.source}/\ufffdx`,
      },
    ]);
    const low = rejected(parsed(event, (t) => t.replace(`"source":"${event.source}"`, `"source":"\\udc00${event.source}"`)));
    expect(low.problems.map((p) => [p.path, p.rule])).toEqual([['/source', 'well-formed-unicode']]);
    const pair = parsed(event, (t) => t.replace(`"source":"${event.source}"`, `"source":"${event.source}/\\ud83d\\ude00"`));
    expect(screen(pair, ctx()).status).toBe('valid');
  });

  it('names a member name holding NUL or half a surrogate pair, escaping the pointer, alongside the contract problem', () => {
    const event = lesson();
    const raw = parsed(event, (t) => t.replace('"data":{', '"data":{"a/b~\\u0000":1,"x":{"\\udbff":[["ok","\\u0000"]]},'));
    const s = rejected(raw);
    expect(s.problems.map((p) => [p.path, p.rule])).toEqual([
      // (the contract's own unknown-field path does not escape "/" and "~"; the screen's does)
      ['/data/a/b~\ufffd', 'unknown-field'],
      ['/data/x', 'unknown-field'],
      ['/data/a~1b~0\ufffd', 'no-nul-character'],
      ['/data/x/\ufffd', 'well-formed-unicode'],
      ['/data/x/\ufffd/0/1', 'no-nul-character'],
    ]);
    expect(s.problems[2]?.message).toContain('the member name "a/b~\\u0000" in /data');
    for (const p of s.problems) expect(JSON.stringify(p)).not.toMatch(unstorableJson);
    expect(JSON.stringify(raw)).toMatch(unstorableJson);
  });

  it('refuses such an event only: the rest of the batch passes', () => {
    const bad = parsed(lesson(), (t) => t.replace('"subject":"3302030001"', '"subject":"3302030001\\u0000"'));
    const good = lesson();
    const screened = screenBatch([good, bad, anEvent(SchoolCalendarPublishedV1)], () => ctx());
    expect(screened.map((s) => s.status)).toEqual(['valid', 'rejected', 'valid']);
    expect(screened[1]?.status === 'rejected' && screened[1].problems.map((p) => [p.path, p.rule])).toEqual([
      ['/subject', 'format'],
      ['/subject', 'no-nul-character'],
    ]);
  });

  it('lists the first 20 unstorable strings of an event and counts the rest', () => {
    const many = JSON.parse(`{${Array.from({ length: 25 }, (_, i) => `"k${i}":"\\u0000"`).join(',')}}`) as unknown;
    const { problems } = textProblems(many);
    expect(problems).toHaveLength(21);
    expect(problems[0]).toMatchObject({ path: '/k0', rule: 'no-nul-character' });
    expect(problems[20]).toMatchObject({ path: '', rule: 'no-nul-character', value: 5, message: expect.stringContaining('5 more strings') });
  });

  it('refuses JSON nested 10,000 deep with max-depth, without walking it recursively', () => {
    const event = lesson();
    const deep = `${'['.repeat(10_000)}"\\u0000"${']'.repeat(10_000)}`;
    const raw = parsed(event, (t) => t.replace('"data":{', `"data":{"x":${deep},`));
    const s = rejected(raw);
    expect(s.problems).toEqual([
      {
        path: `/data/x${'/0'.repeat(MAX_EVENT_DEPTH - 2)}`,
        rule: 'max-depth',
        message: expect.stringContaining(`more than ${MAX_EVENT_DEPTH} levels deep`),
        value: MAX_EVENT_DEPTH + 1,
      },
    ]);
    expect(s.id).toBe(event.id);
  });

  it('lets an event nest exactly to the limit', () => {
    const atLimit = JSON.parse(`${'['.repeat(MAX_EVENT_DEPTH)}"x"${']'.repeat(MAX_EVENT_DEPTH)}`) as unknown;
    expect(textProblems(atLimit)).toEqual({ problems: [] });
    expect(textProblems([atLimit]).tooDeep).toMatchObject({ rule: 'max-depth', value: MAX_EVENT_DEPTH + 1 });
  });

  it('storableText replaces NUL and lone surrogates, and nothing else', () => {
    expect(storableText('a\u0000b\ud800c\udc00d\ud83d\ude00海')).toBe('a\ufffdb\ufffdc\ufffdd\ud83d\ude00海');
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
    const d = dispose(
      screenBatch([first, same, other], () => ctx()),
      { links },
    );
    expect(d.map((x) => (x.kind === 'repeat' ? `repeat:${x.sameAsFirst}` : x.kind))).toEqual(['append', 'repeat:true', 'repeat:false']);
  });

  it("takes a repeat in another binding's form (time spelt in UTC, JSON datacontenttype, partitionkey) as the same event", () => {
    const first = assigned();
    const utc = { ...first, time: '2026-09-07T00:00:00.000Z', datacontenttype: 'application/json; charset=utf-8', partitionkey: first.subject };
    const d = dispose(
      screenBatch([first, utc], () => ctx()),
      { links },
    );
    expect(d.map((x) => (x.kind === 'repeat' ? `repeat:${x.sameAsFirst}` : x.kind))).toEqual(['append', 'repeat:true']);
  });
});

describe('sameEventText: what two copies of one id are compared by', () => {
  it('reads the time as the instant it names, and the envelope in its stored form', () => {
    const e = assigned();
    expect(sameEventText({ ...e, time: '2026-09-07T00:00:00Z', datacontenttype: 'application/json' })).toBe(sameEventText(e));
    expect(sameEventText({ ...e, time: '2026-09-07T00:00:00.001Z' })).not.toBe(sameEventText(e));
    expect(sameEventText({ ...e, partitionkey: '3302030002' })).not.toBe(sameEventText(e));
    // a time that names no instant is compared as spelt
    expect(sameEventText({ ...e, time: 'soon' })).not.toBe(sameEventText({ ...e, time: 'later' }));
  });
});

describe('canonicalJson', () => {
  it('ignores key order and undefined keys', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe(canonicalJson({ a: [{ d: 2 }], b: 1 }));
  });
});
