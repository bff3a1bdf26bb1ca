import { decide, type Decision } from './decide';
import type { DecisionContext, DocumentRef, ReviewCommand, ReviewEvent, Scope } from './events';
import type { Role } from './chains';
import { evolveAll, initialState, type ReviewState } from './state';

// Small factories for the specs: one school in Ningbo's Haishu district (330203), sensible
// defaults, and each case overrides only what it is about.

export const SCHOOL = '3302030001';
export const SCHOOL_REGION = '330203';

export const anActor = (role: Role, scope: Scope, subject = `${role}.1`): DecisionContext['actor'] => ({ subject, role, scope });
export const aCio = (school = SCHOOL): DecisionContext['actor'] => anActor('cio', { kind: 'schools', schoolCodes: [school] });
export const anOfficer = (role: 'district_officer' | 'city_officer' | 'province_officer', regionCode: string): DecisionContext['actor'] =>
  anActor(role, { kind: 'region', regionCode }, `${role}.${regionCode}`);
export const districtOfficer = anOfficer('district_officer', '330203');
export const cityOfficer = anOfficer('city_officer', '330200');
export const provinceOfficer = anOfficer('province_officer', '330000');

let seq = 0;
export const aContext = (actor: DecisionContext['actor'], more: Partial<DecisionContext> = {}): DecisionContext => ({
  actor,
  schoolRegionCode: SCHOOL_REGION,
  now: '2026-03-05T09:00:00+08:00',
  newAttestationId: `att-${++seq}`,
  ...more,
});

export const aDocument = (more: Partial<DocumentRef> = {}): DocumentRef => ({
  name: '智慧校园建设方案.pdf',
  mediaType: 'application/pdf',
  bytes: 20_480,
  sha256: 'a'.repeat(64),
  ...more,
});

type Data<T extends ReviewCommand['type']> = Extract<ReviewCommand, { type: T }>['data'];
export const submit = (more: Partial<Data<'SubmitAttestation'>> = {}): ReviewCommand => ({
  type: 'SubmitAttestation',
  data: { school: SCHOOL, standard: 'ningxia', itemId: '18', statement: '学校制定了智慧校园建设规划并按年度实施。', documents: [aDocument()], ...more },
});
export const review = (attestationId: string, level: Data<'ReviewItem'>['level'], more: Partial<Data<'ReviewItem'>> = {}): ReviewCommand => ({
  type: 'ReviewItem',
  data: { school: SCHOOL, standard: 'ningxia', itemId: '18', attestationId, level, decision: 'accepted', comment: '', ...more },
});
export const override = (level: Data<'OverrideDerivedValue'>['level'], more: Partial<Data<'OverrideDerivedValue'>> = {}): ReviewCommand => ({
  type: 'OverrideDerivedValue',
  data: { school: SCHOOL, standard: 'ningxia', itemId: '1', level, met: true, reason: '现场查看：数据源未接入，设施实际已达标', ...more },
});

/** Runs commands in order from the initial state; a refused step fails the spec with its problems. */
export function given(...steps: readonly [ReviewCommand, DecisionContext][]): ReviewState {
  return steps.reduce((state, [command, context]) => evolveAll(accepted(decide(state, command, context)), state), initialState);
}

export function accepted(d: Decision): readonly ReviewEvent[] {
  if (!d.ok) throw new Error(`refused: ${JSON.stringify(d.problems)}`);
  return d.events;
}
