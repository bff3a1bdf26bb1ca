import { arrayElementBytes } from './json-elements';

const split = (text: string) => arrayElementBytes(Buffer.from(text))?.map((b) => b.toString('utf8'));

describe('arrayElementBytes', () => {
  it('returns each element exactly as sent, pretty-printing and key order kept', () => {
    const text = '[\n  { "b": 1,  "a": "x" },\n  {"id":"2"}\n]';
    expect(split(text)).toEqual(['{ "b": 1,  "a": "x" }', '{"id":"2"}']);
  });

  it('is not fooled by commas, brackets, quotes and escapes inside strings or nested values', () => {
    const text = '[{"s":"a,]}[\\"\\\\"},[1,[2,3]],"x,y",42,null]';
    const parts = split(text);
    expect(parts).toEqual(['{"s":"a,]}[\\"\\\\"}', '[1,[2,3]]', '"x,y"', '42', 'null']);
    expect(parts?.map((p) => JSON.parse(p))).toEqual(JSON.parse(text));
  });

  it('keeps multi-byte characters intact', () => {
    expect(split('[{"name":"海曙区中心小学"},{"k":"é"}]')).toEqual(['{"name":"海曙区中心小学"}', '{"k":"é"}']);
  });

  it('answers undefined for a value that is not an array, and [] for an empty one', () => {
    expect(split('{"id":"1"}')).toBeUndefined();
    expect(split(' [ ] ')).toEqual([]);
  });
});
