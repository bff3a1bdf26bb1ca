import { LessonTimetabledV1 } from './events';
import { familyOfTopic, familyOfType, fromKafkaRecord, toKafkaRecord, TOPICS } from './kafka';
import { anEvent } from './testing';

describe('CloudEvents Kafka binding', () => {
  it('puts attributes in ce_ headers, data in the value and the school code in the key', () => {
    const event = anEvent(LessonTimetabledV1, {}, { subject: '3302030009', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    const record = toKafkaRecord(event);
    expect(record.key).toBe('3302030009');
    expect(record.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_type: event.type,
      ce_subject: '3302030009',
      ce_traceparent: event.traceparent,
      'content-type': 'application/json',
    });
    expect(JSON.parse(record.value.toString())).toEqual(event.data);
    const back = fromKafkaRecord({ value: record.value, headers: Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)])) });
    expect(back).toEqual({ ok: true, raw: event });
  });

  it('reads structured mode too', () => {
    const event = anEvent(LessonTimetabledV1);
    expect(fromKafkaRecord({ value: Buffer.from(JSON.stringify(event)), headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' } })).toEqual({
      ok: true,
      raw: event,
    });
  });

  it.each([
    ['a tombstone', null, 'required'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'utf-8'],
    ['text that is not JSON', Buffer.from('{"lessonId": '), 'json'],
  ])('refuses %s with a specific reason', (_name, value, rule) => {
    expect(fromKafkaRecord({ value, headers: {} })).toMatchObject({ ok: false, rule });
  });

  it('maps topics and types to families', () => {
    expect(TOPICS.space).toBe('educube.space.v1');
    expect(familyOfTopic('educube.space.v1')).toBe('space');
    expect(familyOfTopic('educube.nope.v1')).toBeUndefined();
    expect(familyOfType(LessonTimetabledV1.type)).toBe('timetabling');
  });

  describe('what the official SDKs send (issue 16)', () => {
    const headersOf = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Buffer.from(v)]));

    it('takes a JSON content type with a charset as the default data content type', () => {
      const event = anEvent(LessonTimetabledV1);
      const record = toKafkaRecord(event);
      const back = fromKafkaRecord({ value: record.value, headers: headersOf({ ...record.headers, 'content-type': 'application/json; charset=utf-8' }) });
      expect(back).toEqual({ ok: true, raw: event });
    });

    it('reads every ce_ header as an attribute, the partitionkey extension and unknown ones too (the contract judges them)', () => {
      const event = anEvent(LessonTimetabledV1);
      const record = toKafkaRecord(event);
      const back = fromKafkaRecord({ value: record.value, headers: headersOf({ ...record.headers, ce_partitionkey: event.subject, ce_colour: 'blue' }) });
      expect(back).toEqual({ ok: true, raw: { ...event, partitionkey: event.subject, colour: 'blue' } });
    });
  });
});
