import { canonicalJson, canonicalSha256, sha256Hex } from './index';

describe('canonicalJson: RFC 8785 vectors', () => {
  it('sorts members by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = JSON.parse(
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('writes numbers, strings and literals as §3.2.2 shows', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
  ])('IEEE 754 %s is %s (Appendix B)', (bits, text) => {
    expect(canonicalJson(Buffer.from(bits, 'hex').readDoubleBE(0))).toBe(text);
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('canonical JSON has no NaN (at /a/1)');
    expect(() => canonicalJson(Infinity)).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('serialises what JSON.stringify serialises: toJSON, undefined members left out, undefined in arrays as null', () => {
    const value = { at: new Date('2026-12-07T00:00:00Z'), gone: undefined, list: [undefined, () => 1], nested: { b: 1, a: [{ d: 2, c: 3 }] } };
    expect(canonicalJson(value)).toBe('{"at":"2026-12-07T00:00:00.000Z","list":[null,null],"nested":{"a":[{"c":3,"d":2}],"b":1}}');
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('keeps undefined members as null only when asked (the event store’s stored hashes)', () => {
    expect(canonicalJson({ b: undefined, a: 1 }, { undefinedAsNull: true })).toBe('{"a":1,"b":null}');
  });
});

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('FIPS 180-2 vector %j', (text, hex) => {
    expect(sha256Hex(text)).toBe(hex);
  });

  it('hashes its parts as one byte sequence, strings as UTF-8', () => {
    expect(sha256Hex('a', Buffer.from('b'), new Uint8Array([0x63]))).toBe(sha256Hex('abc'));
    expect(sha256Hex('€')).toBe(sha256Hex(Buffer.from([0xe2, 0x82, 0xac])));
  });

  it('canonicalSha256 is the hash of the canonical text', () => {
    expect(canonicalSha256({ b: 1, a: 2 })).toBe(sha256Hex('{"a":2,"b":1}'));
  });
});

// ---- byte compatibility with the serialisers this module replaced ------------------------------
// Verbatim copies of each removed implementation. On every value JSON text can carry they must
// give the same bytes as canonicalJson, or a stored hash (event store, audit chain) would change.

const legacy = {
  eventStore(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(legacy.eventStore).join(',')}]`;
    if (value && typeof value === 'object') {
      return `{${Object.keys(value)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${legacy.eventStore((value as Record<string, unknown>)[k])}`)
        .join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
  },
  auditLog(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(legacy.auditLog).join(',')}]`;
    if (value !== null && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      return `{${Object.keys(object)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${legacy.auditLog(object[k])}`)
        .join(',')}}`;
    }
    return JSON.stringify(value);
  },
  ingestion(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(legacy.ingestion).join(',')}]`;
    if (value && typeof value === 'object') {
      return `{${Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${legacy.ingestion((value as Record<string, unknown>)[k])}`)
        .join(',')}}`;
    }
    return JSON.stringify(value);
  },
  engineFacts: (v: unknown): string =>
    v === null || typeof v !== 'object'
      ? JSON.stringify(v)
      : Array.isArray(v)
        ? `[${v.map(legacy.engineFacts).join(',')}]`
        : `{${Object.keys(v as object)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${legacy.engineFacts((v as Record<string, unknown>)[k])}`)
            .join(',')}}`,
  gateway(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(legacy.gateway).join(',')}]`;
    if (value && typeof value === 'object')
      return `{${Object.keys(value)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${legacy.gateway((value as Record<string, unknown>)[k])}`)
        .join(',')}}`;
    return JSON.stringify(value ?? null);
  },
};

// A small deterministic generator of JSON texts: awkward numbers, escapes, non-BMP names, depth.
function* jsonValues(count: number): Generator<unknown> {
  let seed = 0x2545f491;
  const next = (n: number): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const numbers = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789.12345679, 2 ** 53, -(2 ** 31), 5e-324, 1.7976931348623157e308, 4.5, 100];
  const strings = ['', 'a', 'é', '€', '😀', '\u0000', '\n', '"', '\\', '/', '\u2028', 'דּ', '1', '10', '9', 'B', 'a b', '\u007f'];
  const make = (depth: number): unknown => {
    const kind = next(depth > 3 ? 4 : 6);
    if (kind === 0) return null;
    if (kind === 1) return next(2) === 0;
    if (kind === 2) return numbers[next(numbers.length)];
    if (kind === 3) return strings[next(strings.length)];
    if (kind === 4) return Array.from({ length: next(4) }, () => make(depth + 1));
    return Object.fromEntries(Array.from({ length: next(5) }, () => [strings[next(strings.length)] ?? '', make(depth + 1)]));
  };
  // through text, as stored and received values are
  for (let i = 0; i < count; i += 1) yield JSON.parse(JSON.stringify(make(0))) as unknown;
}

describe('byte compatibility with the replaced serialisers', () => {
  const values = [...jsonValues(2000)];
  it.each(Object.keys(legacy) as (keyof typeof legacy)[])('%s: the same bytes on 2000 JSON values', (name) => {
    const differing = values.filter((v) => legacy[name](v) !== canonicalJson(v));
    expect(differing.slice(0, 3)).toEqual([]);
  });

  it('the event store’s hash keeps undefined members as null', () => {
    const data = { type: 'x', data: { b: undefined, a: [1, { c: 'd' }] } };
    expect(canonicalJson(data, { undefinedAsNull: true })).toBe(legacy.eventStore(data));
  });
});
