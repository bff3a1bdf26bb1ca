import { computeDrift, type ActualUser, type DesiredUser } from './drift';

const officer: DesiredUser = { username: 'officer.a', email: 'A@educube.test', attributes: { region_code: '330203' }, realmRoles: ['district_officer'] };
const teacher: DesiredUser = {
  username: 'teacher.b',
  attributes: { region_code: '330203', school_codes: ['3302030002', '3302030001'] },
  realmRoles: ['teacher'],
};

const actual = (over: Partial<ActualUser> & { username: string }): ActualUser => ({
  id: `id-${over.username}`,
  attributes: {},
  realmRoles: ['default-roles-educube'],
  managed: true,
  ...over,
});

describe('computeDrift', () => {
  it('is in sync when attributes and roles match (order, case of email and default roles aside)', () => {
    const report = computeDrift({ users: [officer, teacher] }, [
      actual({
        username: 'officer.a',
        email: 'a@educube.test',
        attributes: { region_code: ['330203'] },
        realmRoles: ['default-roles-educube', 'offline_access', 'district_officer'],
      }),
      actual({ username: 'teacher.b', attributes: { region_code: ['330203'], school_codes: ['3302030001', '3302030002'] }, realmRoles: ['teacher'] }),
    ]);
    expect(report).toEqual({ missing: [], extra: [], unmanagedConflicts: [], attributeDifferences: [], roleDifferences: [], inSync: true });
  });

  it('reports missing users, extra managed users, attribute and role differences', () => {
    const report = computeDrift({ users: [officer, teacher] }, [
      actual({ username: 'teacher.b', attributes: { region_code: ['330204'], school_codes: ['3302030001'] }, realmRoles: ['teacher', 'principal'] }),
      actual({ username: 'gone.c', realmRoles: ['cio'] }),
    ]);
    expect(report.missing).toEqual(['officer.a']);
    expect(report.extra).toEqual(['gone.c']);
    expect(report.attributeDifferences).toEqual([
      { username: 'teacher.b', attribute: 'region_code', desired: ['330203'], actual: ['330204'] },
      { username: 'teacher.b', attribute: 'school_codes', desired: ['3302030001', '3302030002'], actual: ['3302030001'] },
    ]);
    expect(report.roleDifferences).toEqual([{ username: 'teacher.b', missing: [], extra: ['principal'] }]);
    expect(report.inSync).toBe(false);
  });

  it('leaves unmanaged users alone: a conflict, never a difference or an extra', () => {
    const report = computeDrift({ users: [officer] }, [
      actual({ username: 'officer.a', managed: false, attributes: { region_code: ['330000'] } }),
      actual({ username: 'someone.else', managed: false }),
    ]);
    expect(report).toMatchObject({ missing: [], extra: [], unmanagedConflicts: ['officer.a'], attributeDifferences: [], roleDifferences: [] });
  });

  it('treats an attribute the desired state leaves out as one that must be absent', () => {
    const report = computeDrift({ users: [{ username: 'x', attributes: {}, realmRoles: [] }] }, [
      actual({ username: 'x', attributes: { region_code: ['330203'] } }),
    ]);
    expect(report.attributeDifferences).toEqual([{ username: 'x', attribute: 'region_code', desired: [], actual: ['330203'] }]);
  });

  it('refuses a desired state naming a user twice', () => {
    expect(() => computeDrift({ users: [officer, { ...officer, username: 'OFFICER.A' }] }, [])).toThrow(/twice/);
  });
});
