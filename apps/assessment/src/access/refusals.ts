import type { AccessRefusal } from './rules';
import { Problem } from '@educube/service-kit';

/** The assessment's one answer to each access refusal (status, title, detail, problem items). */
export function accessProblem(refusal: AccessRefusal): Problem {
  switch (refusal.kind) {
    case 'unauthenticated':
      return new Problem(401, 'Unauthenticated', 'a bearer token is required', [
        { path: 'authorization', rule: 'bearer-token', message: 'send Authorization: Bearer <access token>' },
      ]);
    case 'notAPerson':
      return new Problem(403, 'Forbidden', 'this action is taken by a person, not by a service', [
        { path: 'realm_access.roles', rule: 'person', message: refusal.clientId },
      ]);
    case 'schoolOutOfScope':
      // the same answer whether the school exists or not
      return new Problem(403, 'Forbidden', `school ${refusal.school} is not in your scope`, [
        { path: 'school', rule: 'scope.cover', message: 'not a school of your region or your own', value: refusal.school },
      ]);
    case 'notTheSchoolsAttester':
      return new Problem(403, 'Forbidden', `only school ${refusal.school}'s cio or principal uploads its evidence`, [
        { path: 'authorization', rule: 'role.notAttesting', message: `acting as ${refusal.role}` },
      ]);
    case 'unknownSchool':
      return new Problem(404, 'Not found', `identity knows no school ${refusal.school} today`, [
        { path: 'school', rule: 'known-school', message: 'register the school in identity first', value: refusal.school },
      ]);
    case 'regionNotVisible':
      // the same answer as a region that does not exist: an officer learns nothing of regions outside their own
      return new Problem(404, 'Not found', `no region ${refusal.code} among the regions you may see`, [
        { path: refusal.path, rule: 'region.visible', message: "a region of identity's tree within your own", value: refusal.code },
      ]);
    default:
      return refusal satisfies never;
  }
}
