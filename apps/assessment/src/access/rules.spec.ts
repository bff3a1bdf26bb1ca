import type { Actor, PersonActor } from '@educube/oidc';
import { directoryFrom, directorySchool } from '@educube/identity-client/testing';
import { accessProblem } from './refusals';
import { attestsFor, personOf, seesRegion, seesSchoolIn, subtree, type AccessRefusal } from './rules';

const person = (role: string, scope: PersonActor['scope']): PersonActor => ({ kind: 'person', subject: `${role}.1`, role, scope }) as PersonActor;
const service: Actor = { kind: 'service', subject: 'svc', clientId: 'educube-gateway' } as Actor;
const ningbo = person('city_officer', { kind: 'region', regionCode: '330200' });
const haishu = person('district_officer', { kind: 'region', regionCode: '330203' });
const cio = person('cio', { kind: 'schools', schoolCodes: ['3302030001'] });

describe('who may see and act on what (the assessment access rules)', () => {
  const tree = directoryFrom({
    asOf: '2026-09-01',
    regions: [
      { code: '330000', name: '浙江省', level: 'province', parentCode: null },
      { code: '330200', name: '宁波市', level: 'city', parentCode: '330000' },
      { code: '330203', name: '海曙区', level: 'district', parentCode: '330200' },
      { code: '330212', name: '鄞州区', level: 'district', parentCode: '330200' },
    ],
    schools: [directorySchool('3302030001', '330203'), directorySchool('3302120001', '330212')],
  });

  it('a request without a token is unauthenticated; a service acts for no one', () => {
    expect(personOf(undefined)).toEqual({ kind: 'unauthenticated' });
    expect(personOf(service)).toEqual({ kind: 'notAPerson', clientId: 'educube-gateway' });
    expect(personOf(cio)).toBe(cio);
  });

  it("uploads are the school's own attesters': their token lists the school", () => {
    expect(attestsFor(cio, '3302030001')).toBe(true);
    expect(attestsFor(cio, '3302120001')).toBe(false);
    expect(attestsFor(haishu, '3302030001')).toBe(false);
  });

  it('officers see their region and the regions within it by the tree; services every region', async () => {
    const d = await tree.on('2026-09-01');
    expect(seesRegion(ningbo, '330203', d)).toBe(true);
    expect(seesRegion(haishu, '330212', d)).toBe(false);
    expect(seesRegion(haishu, '330200', d)).toBe(false);
    expect(seesRegion(service, '330000', d)).toBe(true);
    expect(seesSchoolIn(haishu, '3302030001', d)).toBe(true);
    expect(seesSchoolIn(haishu, '3302120001', d)).toBe(false);
    expect(seesSchoolIn(ningbo, '9999999999', d)).toBe(false);
    expect(seesSchoolIn(service, '9999999999', d)).toBe(true);
    expect(subtree(d, '330200').sort()).toEqual(['330200', '330203', '330212']);
  });

  it.each<[AccessRefusal, number, string]>([
    [{ kind: 'unauthenticated' }, 401, 'bearer-token'],
    [{ kind: 'notAPerson', clientId: 'x' }, 403, 'person'],
    [{ kind: 'schoolOutOfScope', school: '1' }, 403, 'scope.cover'],
    [{ kind: 'notTheSchoolsAttester', school: '1', role: 'teacher' }, 403, 'role.notAttesting'],
    [{ kind: 'unknownSchool', school: '1' }, 404, 'known-school'],
    [{ kind: 'regionNotVisible', code: '1', path: '/region' }, 404, 'region.visible'],
  ])('answers %j with %i and rule %s', (refusal, status, rule) => {
    const problem = accessProblem(refusal);
    expect(problem.status).toBe(status);
    expect(problem.problems.map((p) => p.rule)).toEqual([rule]);
  });
});
