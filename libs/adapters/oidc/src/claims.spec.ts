import { actorFromClaims } from './claims';

describe('actorFromClaims', () => {
  it('acts with the widest role; officers carry a region, others schools', () => {
    expect(actorFromClaims('u1', { realm_access: { roles: ['teacher', 'district_officer', 'offline_access'] }, region_code: '330203' })).toEqual({
      subject: 'u1',
      role: 'district_officer',
      roles: ['teacher', 'district_officer', 'offline_access'],
      scope: { kind: 'region', regionCode: '330203' },
    });
    expect(actorFromClaims('u2', { realm_access: { roles: ['cio'] }, school_codes: '3302030001' })).toMatchObject({
      role: 'cio',
      scope: { kind: 'schools', schoolCodes: ['3302030001'] },
    });
  });

  it('says why a token cannot act', () => {
    expect(actorFromClaims('u3', { realm_access: { roles: ['offline_access'] } })).toMatch(/none of the roles/);
    expect(actorFromClaims('u4', {})).toMatch(/none of the roles/);
    expect(actorFromClaims('u5', { realm_access: { roles: ['province_officer'] } })).toBe('a province_officer token must carry region_code');
  });
});
