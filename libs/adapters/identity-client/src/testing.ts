import { OrgDirectory, VisibleSchools, type Directory, type DirectoryRegion, type DirectorySchool } from './index';

/**
 * Identity's answers for tests that run a service without identity: the same client, over a
 * fetch that answers from a fixed tree. An officer sees the schools whose region lies within
 * theirs (by the administrative code's prefix), anyone else the schools their token lists.
 */
type PlacedSchool = { readonly code: string; readonly regionCode: string };

/** `schools` may be a function, read at each question, for a tree a test changes as it goes. */
export function visibilityFrom(tree: readonly PlacedSchool[] | (() => readonly PlacedSchool[])): VisibleSchools {
  const within = (region: string, scope: string): boolean => region.startsWith(scope.replace(/(00)+$/, ''));
  const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  return new VisibleSchools('http://identity.test', async (url, init) => {
    const schools = typeof tree === 'function' ? tree() : tree;
    const path = new URL(url).pathname;
    if (path === '/v1/access/visible-schools') {
      const { principal } = JSON.parse(String(init?.body)) as { principal: { scope: { kind: string; regionCode?: string; schoolCodes?: string[] } } };
      const scope = principal.scope;
      const visible =
        scope.kind === 'region'
          ? schools.filter((s) => within(s.regionCode, scope.regionCode ?? '-'))
          : schools.filter((s) => scope.schoolCodes?.includes(s.code));
      return answer(200, { schools: visible.map((s) => s.code).sort() });
    }
    const school = /^\/v1\/schools\/(\d+)$/.exec(path)?.[1];
    const found = schools.find((s) => s.code === school);
    return found ? answer(200, { code: found.code, regionCode: found.regionCode }) : answer(404, { title: 'Not found' });
  });
}

/** A directory client over a fixed tree (or a function read at each question), for tests without identity. */
export function directoryFrom(tree: Directory | (() => Directory)): OrgDirectory {
  return new OrgDirectory(
    'http://identity.test',
    async (url) => {
      const d = typeof tree === 'function' ? tree() : tree;
      const asOf = new URL(url).searchParams.get('asOf') ?? d.asOf;
      return new Response(JSON.stringify({ ...d, asOf }), { status: 200, headers: { 'content-type': 'application/json' } });
    },
    Date.now,
    0,
  );
}

/** Small factories for directory fixtures: a region and a school placed in a district. */
export const directoryRegion = (code: string, name = `region ${code}`): DirectoryRegion => ({
  code,
  name,
  level: code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'city' : 'district',
  parentCode: code.endsWith('0000') ? null : code.endsWith('00') ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`,
});

export const directorySchool = (code: string, regionCode: string, overrides: Partial<DirectorySchool> = {}): DirectorySchool => ({
  code,
  name: `学校 ${code}`,
  regionCode,
  schoolType: '小学',
  stages: ['小学'],
  classes: [{ stage: '小学', grade: 1, classes: 2 }],
  status: 'open',
  since: '2020-01-01',
  registeredOn: '2020-01-01',
  ...overrides,
});
