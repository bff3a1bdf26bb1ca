import { binaryEvent, bindingOf, HeaderProblem, mediaTypeOf } from './binding';

describe('bindingOf: which CloudEvents HTTP binding a request uses', () => {
  it('reads the media type without parameters or case', () => {
    expect(mediaTypeOf('Application/CloudEvents+JSON; charset=utf-8')).toBe('application/cloudevents+json');
    expect(mediaTypeOf(undefined)).toBe('');
  });

  it('takes the cloudevents media types as structured and batch, whatever their parameters, ce-* headers or not', () => {
    expect(bindingOf({ 'content-type': 'application/cloudevents+json; charset=utf-8', 'ce-id': 'x' })).toEqual({ mode: 'structured' });
    expect(bindingOf({ 'content-type': 'application/cloudevents-batch+json' })).toEqual({ mode: 'batch' });
  });

  it('takes any other content type with ce-* headers as binary mode, names in lower case, values percent-decoded', () => {
    expect(
      bindingOf({
        'content-type': 'application/json; charset=utf-8',
        'ce-id': 'e-1',
        'CE-Type': 't',
        'ce-source': '/s/%E6%8E%92%E8%AF%BE',
        authorization: 'Bearer x',
      }),
    ).toEqual({
      mode: 'binary',
      contentType: 'application/json; charset=utf-8',
      attributes: { id: 'e-1', type: 't', source: '/s/排课' },
    });
  });

  it('takes application/json (or no content type) without ce-* headers as the plain-JSON alias', () => {
    expect(bindingOf({ 'content-type': 'application/json' })).toEqual({ mode: 'json' });
    expect(bindingOf({})).toEqual({ mode: 'json' });
  });

  it('refuses a broken percent-encoding, naming the header', () => {
    expect(() => bindingOf({ 'content-type': 'application/json', 'ce-source': '/s/%E6%8E' })).toThrow(HeaderProblem);
    try {
      bindingOf({ 'content-type': 'application/json', 'ce-id': '%zz' });
    } catch (e) {
      expect(e).toMatchObject({ header: 'ce-id', rule: 'percent-encoding' });
    }
  });
});

describe('binaryEvent: the structured form of a binary-mode event', () => {
  const attributes = { specversion: '1.0', id: 'e-1', type: 't', source: '/s', subject: '3302030001', time: '2026-09-07T00:00:00Z' };

  it('leaves a JSON content type out (the default), with or without parameters, so it equals the structured event', () => {
    expect(binaryEvent({ mode: 'binary', attributes, contentType: 'application/json; charset=utf-8' }, { a: 1 })).toEqual({ ...attributes, data: { a: 1 } });
    expect(binaryEvent({ mode: 'binary', attributes, contentType: undefined }, [1])).toEqual({ ...attributes, data: [1] });
    expect(binaryEvent({ mode: 'binary', attributes, contentType: 'Application/JSON; charset=UTF-8' }, 1)).toEqual({ ...attributes, data: 1 });
  });

  it('keeps another content type as datacontenttype, for the contract to judge', () => {
    expect(binaryEvent({ mode: 'binary', attributes, contentType: 'text/plain' }, 'x')).toMatchObject({ datacontenttype: 'text/plain', data: 'x' });
    expect(binaryEvent({ mode: 'binary', attributes, contentType: 'application/json; charset=gbk' }, 'x')).toMatchObject({
      datacontenttype: 'application/json; charset=gbk',
    });
  });
});
