import { IndexedDirectory } from '@educube/identity-client';
import { directoryRegion, directorySchool } from '@educube/identity-client/testing';
import { canonical, variablesDigest } from './audit';
import { dateArg, firstArg, monthsArg } from './resolvers/args';
import { afterCursor, cursorOf, page, View } from './visibility';

const tree = new IndexedDirectory({
  asOf: '2026-12-06',
  regions: ['330000', '330200', '330203', '330212', '330300', '330302'].map((c) => directoryRegion(c)),
  schools: [
    directorySchool('3302030001', '330203'),
    directorySchool('3302030002', '330203'),
    directorySchool('3302120001', '330212'),
    directorySchool('3303020001', '330302'),
  ],
});
const all = new Set(tree.schools.map((s) => s.code));

describe('View: what one caller sees of the tree', () => {
  it('an officer sees their region and everything inside it, nothing above or beside', () => {
    const city = new View(tree, { role: 'city_officer', scope: { kind: 'region', regionCode: '330200' } }, new Set(['3302030001', '3302030002', '3302120001']));
    expect(city.roots().map((r) => r.code)).toEqual(['330200']);
    expect(city.region('330203')?.code).toBe('330203');
    expect(city.region('330000')).toBeUndefined();
    expect(city.region('330302')).toBeUndefined();
    expect(city.region('999999')).toBeUndefined();
    expect(city.children('330200').map((r) => r.code)).toEqual(['330203', '330212']);
    expect(city.children('330300')).toEqual([]);
    expect(city.schoolsUnder('330200').map((s) => s.code)).toEqual(['3302030001', '3302030002', '3302120001']);
    expect(city.school('3303020001')).toBeUndefined();
  });

  it('schools come from identity’s set even inside the officer’s region', () => {
    // identity's rule said no to 3302030002 (closed, say): the region does not bring it back
    const district = new View(tree, { role: 'district_officer', scope: { kind: 'region', regionCode: '330203' } }, new Set(['3302030001']));
    expect(district.schoolsUnder('330203').map((s) => s.code)).toEqual(['3302030001']);
    expect(district.school('3302030002')).toBeUndefined();
  });

  it('school staff see their schools and no region at all', () => {
    const cio = new View(tree, { role: 'cio', scope: { kind: 'schools', schoolCodes: ['3302030001'] } }, new Set(['3302030001']));
    expect(cio.roots()).toEqual([]);
    expect(cio.region('330203')).toBeUndefined();
    expect(cio.schoolsUnder('330203')).toEqual([]);
    expect(cio.school('3302030001')?.code).toBe('3302030001');
  });

  it('an officer whose region is not in the tree sees nothing', () => {
    const lost = new View(tree, { role: 'district_officer', scope: { kind: 'region', regionCode: '330299' } }, all);
    expect(lost.roots()).toEqual([]);
    expect(lost.region('330203')).toBeUndefined();
  });
});

describe('pages and cursors', () => {
  const items = ['a1', 'a2', 'a3', 'a4', 'a5'].map((code) => ({ code }));
  it('pages by code after an opaque cursor', () => {
    expect(page(items, 2, undefined)).toEqual({ nodes: [{ code: 'a1' }, { code: 'a2' }], hasNextPage: true });
    expect(page(items, 2, afterCursor(cursorOf('a4')))).toEqual({ nodes: [{ code: 'a5' }], hasNextPage: false });
    expect(page(items, 2, afterCursor(cursorOf('z')))).toEqual({ nodes: [], hasNextPage: false });
  });
  it('a cursor that is not one reads as the start', () => {
    expect(afterCursor('garbage')).toBeUndefined();
    expect(afterCursor(undefined)).toBeUndefined();
  });
});

describe('arguments', () => {
  it('dates, months and page sizes name the argument and rule when wrong', () => {
    expect(dateArg('2026-02-28')).toBe('2026-02-28');
    expect(() => dateArg('2026-2-28')).toThrow('asOf must be a date YYYY-MM-DD');
    expect(monthsArg(undefined, '2026-12')).toEqual({ from: '2026-01', to: '2026-12' });
    expect(monthsArg(undefined, '2026-01')).toEqual({ from: '2025-02', to: '2026-01' });
    expect(monthsArg(undefined, undefined, new Date('2026-12-31T20:00:00Z'))).toEqual({ from: '2026-02', to: '2027-01' });
    expect(() => monthsArg('2026-13', undefined)).toThrow('from must be a month YYYY-MM');
    expect(() => monthsArg('2026-05', '2026-04')).toThrow('from (2026-05) is after to (2026-04)');
    expect(() => monthsArg('2020-01', '2026-01')).toThrow('at most 60 months');
    expect(firstArg(undefined)).toBe(50);
    expect(() => firstArg(0)).toThrow('first is 1..200');
  });
});

describe('audit digests', () => {
  it('equal variables in any key order give one digest; other values another', () => {
    expect(canonical({ b: [1, { d: 2, c: 3 }], a: null })).toBe('{"a":null,"b":[1,{"c":3,"d":2}]}');
    expect(variablesDigest({ a: 1, b: 2 })).toBe(variablesDigest({ b: 2, a: 1 }));
    expect(variablesDigest({ a: 1 })).not.toBe(variablesDigest({ a: 2 }));
    expect(variablesDigest(undefined)).toBe(variablesDigest({}));
  });
});
