import { isPortStream, markerStream, nameUuid, packPosition, unpackPosition } from './kurrentdb-mapping';

// The pure part of the KurrentDB adapter, the only part that runs without a server.

describe('KurrentDB log positions packed into one bigint', () => {
  it('round-trips and keeps $all order: commit first, then prepare', () => {
    const positions = [
      { commit: 0n, prepare: 0n },
      { commit: 100n, prepare: 100n },
      { commit: 100n, prepare: 180n },
      { commit: 260n, prepare: 260n },
      { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n },
    ];
    const packed = positions.map(packPosition);
    expect(packed.map(unpackPosition)).toEqual(positions);
    expect(packed.every((p, i) => i === 0 || p > packed[i - 1]!)).toBe(true);
  });

  it('refuses what is not a 64-bit offset pair', () => {
    expect(() => packPosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => packPosition({ commit: 0n, prepare: 2n ** 64n })).toThrow(RangeError);
    expect(() => unpackPosition(2n ** 128n)).toThrow(RangeError);
  });
});

describe('nameUuid', () => {
  it('gives a stable version-5-layout UUID per id, different ids different UUIDs', () => {
    expect(nameUuid('evt-1')).toBe(nameUuid('evt-1'));
    expect(nameUuid('evt-1')).not.toBe(nameUuid('evt-2'));
    expect(nameUuid('evt-1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('marker streams', () => {
  it('name one stream per id that no port stream or system stream can be', () => {
    expect(markerStream('evt-1')).toBe(markerStream('evt-1'));
    expect(markerStream('evt-1')).not.toBe(markerStream('evt-2'));
    expect(isPortStream(markerStream('evt-1'))).toBe(false);
    expect(isPortStream('$ce-school')).toBe(false);
    expect(isPortStream('school-3301')).toBe(true);
  });
});
