import { jsonTooDeep, MAX_JSON_DEPTH } from './json-depth';

const scan = (text: string, limit?: number) => jsonTooDeep(Buffer.from(text), limit);

describe('jsonTooDeep', () => {
  it('finds the bracket that opens level limit+1 of JSON nested 10,000 deep, before anything parses it', () => {
    const text = `[{"data":${'['.repeat(10_000)}${']'.repeat(10_000)}}]`;
    expect(scan(text)).toEqual({ depth: MAX_JSON_DEPTH + 1, offset: 9 + MAX_JSON_DEPTH - 2 });
    expect(scan(text, 3)).toEqual({ depth: 4, offset: 10 });
  });

  it('passes a text nested exactly to the limit, and objects count like arrays', () => {
    expect(scan(`${'{"a":'.repeat(MAX_JSON_DEPTH)}1${'}'.repeat(MAX_JSON_DEPTH)}`)).toBeUndefined();
    expect(scan(`${'{"a":['.repeat(MAX_JSON_DEPTH / 2)}{}${']}'.repeat(MAX_JSON_DEPTH / 2)}`)).toMatchObject({ depth: MAX_JSON_DEPTH + 1 });
  });

  it('counts depth, not brackets: many shallow siblings pass', () => {
    expect(scan(`[${Array.from({ length: 5_000 }, () => '[[1]]').join(',')}]`, 3)).toBeUndefined();
  });

  it('ignores brackets inside strings, escaped quotes and escaped backslashes included', () => {
    const inStrings = `[{"s":"${'['.repeat(100)}","t":"\\"${'{'.repeat(100)}","u":"\\\\","v":[1]}]`;
    expect(JSON.parse(inStrings)).toBeInstanceOf(Array);
    expect(scan(inStrings, 3)).toBeUndefined();
    // after "\\\\" the string has ended: the brackets that follow count
    expect(scan('["\\\\",[[[]]]]', 3)).toEqual({ depth: 4, offset: 8 });
  });

  it('is not thrown by multi-byte characters or malformed text (JSON.parse judges that)', () => {
    expect(scan('[{"名称":"海曙区[中心]小学"}]', 2)).toBeUndefined();
    expect(scan(']]]]}}}[[[', 2)).toEqual({ depth: 3, offset: 9 });
    expect(scan('["unterminated [[[[', 2)).toBeUndefined();
  });
});
