import type { DriftReport } from '@educube/keycloak-admin';
import { formatDrift, formatProvision } from './report';
import { desiredState } from './sso';

const inSync: DriftReport = { missing: [], extra: [], unmanagedConflicts: [], attributeDifferences: [], roleDifferences: [], inSync: true };

describe('reconcile report', () => {
  it('says in sync in one line', () => {
    expect(formatDrift(inSync, 3)).toBe('in sync: 3 accounts in identity, Keycloak holds exactly them');
  });

  it('names every drifted account and what differs', () => {
    const text = formatDrift(
      {
        ...inSync,
        inSync: false,
        missing: ['p-1'],
        extra: ['p-9'],
        roleDifferences: [{ username: 'p-2', missing: ['cio'], extra: ['principal'] }],
        attributeDifferences: [{ username: 'p-3', attribute: 'region_code', desired: ['330212'], actual: ['330203'] }],
      },
      4,
    );
    expect(text.split('\n')).toEqual([
      'drift between identity (4 accounts) and Keycloak:',
      '  missing in Keycloak (1): p-1',
      '  in Keycloak, no longer in identity (1; never deleted automatically): p-9',
      '  roles of p-2: missing cio extra principal',
      '  region_code of p-3: identity says [330212], Keycloak has [330203]',
      'run with --apply to provision (creates missing accounts, repairs roles and scopes)',
    ]);
  });

  it('summarises a provisioning run', () => {
    expect(
      formatProvision({
        created: ['a'],
        changed: [],
        unchanged: ['b', 'c'],
        skippedUnmanaged: [],
        extra: [],
        counts: { created: 1, changed: 0, unchanged: 2 },
      }),
    ).toBe('provisioned: 1 created, 0 changed, 2 unchanged');
  });

  it('maps accounts to Keycloak users by pseudonymous id, with no name', () => {
    expect(
      desiredState([
        { personId: 'p-1', roles: ['district_officer'], regionCode: '330203', schoolCodes: [] },
        { personId: 'p-2', roles: ['cio', 'teacher'], regionCode: undefined, schoolCodes: ['3302030001'] },
      ]),
    ).toEqual({
      users: [
        { username: 'p-1', attributes: { region_code: '330203' }, realmRoles: ['district_officer'] },
        { username: 'p-2', attributes: { school_codes: ['3302030001'] }, realmRoles: ['cio', 'teacher'] },
      ],
    });
  });
});
