import { CloudEvent, HTTP } from 'cloudevents';
import { ExamScoresPublishedV1, eventRegistry } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { startCapture, type Capture } from './capture';
import { reportOf, reportText } from './conformance';

const NOW = new Date('2026-09-07T01:00:00Z');
type Answer = {
  summary: Record<string, number>;
  results: { index: number; id: string | null; status: string; problems?: { path: string; rule: string }[] }[];
  problems?: { rule: string }[];
};

/** An event as the official SDK builds it, from the contracts' factory. */
const sdkEvent = (data: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}): CloudEvent<unknown> => {
  const e = anEvent(ExamScoresPublishedV1, data as never, envelope as never) as unknown as Record<string, unknown>;
  return new CloudEvent<unknown>(e as never);
};

describe('the conformance run’s capture endpoint (requests from the official cloudevents SDK)', () => {
  let capture: Capture;
  const post = async (message: { headers: Record<string, unknown>; body: unknown }, token = true): Promise<{ status: number; json: Answer }> => {
    const headers = Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, String(v)]));
    const res = await fetch(capture.url, {
      method: 'POST',
      headers: { ...headers, ...(token ? { authorization: 'Bearer test' } : {}) },
      body: message.body as string,
    });
    return { status: res.status, json: (await res.json()) as Answer };
  };

  beforeEach(async () => {
    capture = await startCapture({ now: () => NOW });
  });
  afterEach(() => capture.close());

  it('accepts a binary-mode event (the SDK’s default) by its ce-* headers', async () => {
    const event = sdkEvent();
    const reply = await post(HTTP.binary(event));
    expect(reply).toEqual({
      status: 200,
      json: { summary: { accepted: 1, duplicate: 0, conflict: 0, rejected: 0, parked: 0 }, results: [{ index: 0, id: event.id, status: 'accepted' }] },
    });
    expect(capture.events).toMatchObject([{ id: event.id, binding: 'http-binary', status: 'accepted', ok: true }]);
  });

  it('judges a binary-mode event’s headers like the body: the problems are eventRegistry.validate’s', async () => {
    const event = sdkEvent({ scored: 41 });
    const reply = await post(HTTP.binary(event));
    const hub = eventRegistry.validate(JSON.parse(HTTP.structured(event).body as string), { now: NOW });
    expect(hub.ok).toBe(false);
    expect(reply.json.results[0]).toEqual({ index: 0, id: event.id, status: 'rejected', problems: hub.ok ? [] : hub.problems });
  });

  it('accepts structured mode, and answers the same event resent as a duplicate, a changed one as a conflict', async () => {
    const event = sdkEvent();
    expect((await post(HTTP.structured(event))).json.results[0]?.status).toBe('accepted');
    expect((await post(HTTP.binary(event))).json.results[0]?.status).toBe('duplicate');
    const changed = event.cloneWith({ data: { ...(event.data as object), scored: 39 } });
    expect((await post(HTTP.structured(changed))).json.results[0]).toMatchObject({ status: 'conflict', problems: [{ path: '/id', rule: 'conflict' }] });
  });

  it('takes a batch and reports per event, in order, with each event’s binding and problems', async () => {
    const events = [sdkEvent(), sdkEvent({ markingMode: '手工批改' }), sdkEvent({}, { time: '2026-09-08T08:00:00+08:00' })];
    const reply = await post({ headers: { 'content-type': 'application/cloudevents-batch+json' }, body: JSON.stringify(events.map((e) => e.toJSON())) }, false);
    expect(reply.json.results.map((r) => [r.id, r.status, r.problems?.map((p) => p.rule)])).toEqual([
      [events[0]!.id, 'accepted', undefined],
      [events[1]!.id, 'rejected', ['enum']],
      [events[2]!.id, 'rejected', ['not-in-future']],
    ]);
    const report = reportOf(capture);
    expect(report.summary).toEqual({ events: 3, valid: 1, invalid: 2, unreadable: 0 });
    expect(report.exitCode).toBe(1);
    expect(report.byBinding).toEqual({ 'http-batch': 3 });
    const text = reportText(report);
    expect(text).toContain(`#2 [http-batch]  id=${events[1]!.id}  cn.educube.grading.ExamScoresPublished.v1  rejected\n    /data/markingMode  enum`);
    expect(text).toContain("1 request(s) had no 'authorization: Bearer <token>' header");
  });

  it('refuses what is neither binding as the hub does, and counts it in the report', async () => {
    const reply = await post({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(sdkEvent().toJSON()) });
    expect(reply.status).toBe(400);
    expect(reply.json.problems).toEqual([{ path: '', rule: 'cloudevents-binding', value: 'application/json' }]);
    const broken = await post({ headers: { 'content-type': 'application/json', 'ce-id': '%E0%A4%A' }, body: '{}' });
    expect(broken.json.problems).toEqual([{ path: '', rule: 'percent-encoding', value: 'ce-id' }]);
    expect(reportOf(capture)).toMatchObject({ summary: { events: 0, unreadable: 2 }, exitCode: 2 });
  });

  it('ends a run after --count events', async () => {
    const waited = capture.waitForEvents(2);
    let done = false;
    void waited.then(() => (done = true));
    await post(HTTP.binary(sdkEvent()));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    await post(HTTP.structured(sdkEvent()));
    await waited;
    expect(capture.events).toHaveLength(2);
  });
});
