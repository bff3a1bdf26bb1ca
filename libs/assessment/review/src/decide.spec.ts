import { decide, type Decision } from './decide';
import { reviewEventSchema } from './events';
import { evolveAll, initialState, type ReviewState } from './state';
import {
  SCHOOL,
  aCio,
  aContext,
  aDocument,
  anActor,
  anOfficer,
  accepted,
  cityOfficer,
  districtOfficer,
  given,
  override,
  provinceOfficer,
  review,
  submit,
} from './testing';

const problemsOf = (d: Decision) => (d.ok ? [] : d.problems);
const rulesOf = (d: Decision) => problemsOf(d).map((p) => `${p.path} ${p.rule}`);

/** A Ningxia school whose item 18 was submitted as attestation `a1`. */
const submitted = (): ReviewState => given([submit(), aContext(aCio(), { newAttestationId: 'a1' })]);

describe('SubmitAttestation', () => {
  it("records the school's CIO's attestation with the context's id, actor and time", () => {
    const d = decide(initialState, submit(), aContext(aCio(), { newAttestationId: 'a1', now: '2026-03-05T09:00:00+08:00' }));
    expect(d).toEqual({
      ok: true,
      events: [
        {
          type: 'AttestationSubmitted',
          version: 1,
          data: expect.objectContaining({
            school: SCHOOL,
            standard: 'ningxia',
            itemId: '18',
            attestationId: 'a1',
            by: { subject: 'cio.1', role: 'cio' },
            at: '2026-03-05T09:00:00+08:00',
          }),
        },
      ],
    });
    expect(reviewEventSchema.safeParse(accepted(d)[0]).success).toBe(true);
  });

  it('takes the principal too', () => {
    expect(decide(initialState, submit(), aContext(anActor('principal', { kind: 'schools', schoolCodes: [SCHOOL] }))).ok).toBe(true);
  });

  it.each([
    ['a teacher of the school', anActor('teacher', { kind: 'schools', schoolCodes: [SCHOOL] }), 'context.actor.role role.notAttesting'],
    ['a district officer', districtOfficer, 'context.actor.role role.notAttesting'],
    ["another school's CIO", aCio('3302030002'), 'context.actor.scope scope.school'],
  ])('refuses %s', (_, actor, rule) => {
    expect(rulesOf(decide(initialState, submit(), aContext(actor)))).toEqual([rule]);
  });

  it('refuses an item the catalog does not have', () => {
    expect(rulesOf(decide(initialState, submit({ itemId: '999' }), aContext(aCio())))).toEqual(['data.itemId item.unknown']);
  });

  it('refuses a derived item and points to an override instead', () => {
    const d = decide(initialState, submit({ itemId: '1' }), aContext(aCio()));
    expect(rulesOf(d)).toEqual(['data.itemId item.derived']);
    expect(problemsOf(d)[0]?.message).toMatch(/OverrideDerivedValue/);
  });

  it.each([
    ['no document', { documents: [] }, 'data.documents too_small'],
    ['21 documents', { documents: Array.from({ length: 21 }, () => aDocument()) }, 'data.documents too_big'],
    ['a blank statement', { statement: '   ' }, 'data.statement custom'],
    ['a statement over 4000 characters', { statement: '字'.repeat(4001) }, 'data.statement too_big'],
    ['an upper-case sha256', { documents: [aDocument({ sha256: 'A'.repeat(64) })] }, 'data.documents.0.sha256 invalid_format'],
    ['an empty document', { documents: [aDocument({ bytes: 0 })] }, 'data.documents.0.bytes too_small'],
    ['a 9-digit school code', { school: '330203000' }, 'data.school invalid_format'],
  ])('refuses %s, naming the field', (_, more, rule) => {
    expect(rulesOf(decide(initialState, submit(more), aContext(aCio('330203000'))))).toContain(rule);
  });

  it('refuses a new attestation while the current one is under review', () => {
    const state = evolveAll(accepted(decide(submitted(), review('a1', 'district'), aContext(districtOfficer))), submitted());
    expect(rulesOf(decide(state, submit(), aContext(aCio())))).toEqual(['data.itemId attestation.underReview']);
  });

  it('takes a corrected attestation before anyone has reviewed the first', () => {
    const d = decide(submitted(), submit({ statement: '补充说明' }), aContext(aCio(), { newAttestationId: 'a2' }));
    expect(d.ok).toBe(true);
  });

  it('refuses an attestation id already taken', () => {
    expect(rulesOf(decide(submitted(), submit(), aContext(aCio(), { newAttestationId: 'a1' })))).toEqual(['context.newAttestationId attestation.duplicateId']);
  });

  it("refuses a command for another school than the state's", () => {
    expect(rulesOf(decide(submitted(), submit({ school: '3302030002' }), aContext(aCio('3302030002'))))).toEqual(['data.school stream.school']);
  });
});

describe('ReviewItem', () => {
  it('lets the first level accept the current attestation', () => {
    const d = decide(submitted(), review('a1', 'district'), aContext(districtOfficer));
    expect(accepted(d)).toEqual([
      expect.objectContaining({
        type: 'ItemReviewed',
        data: expect.objectContaining({ level: 'district', decision: 'accepted', by: { subject: 'district_officer.330203', role: 'district_officer' } }),
      }),
    ]);
    expect(reviewEventSchema.safeParse(accepted(d)[0]).success).toBe(true);
  });

  it("refuses a role the level does not allow (Wenzhou's county is the district officer's)", () => {
    const state = given([submit({ standard: 'wenzhou', itemId: '12' }), aContext(aCio(), { newAttestationId: 'w1' })]);
    const d = decide(state, review('w1', 'county', { standard: 'wenzhou', itemId: '12' }), aContext(cityOfficer));
    expect(rulesOf(d)).toEqual(['context.actor.role role.notAtLevel']);
  });

  it("lets a city officer act at Ningxia's 教育局 level (district or city bureau)", () => {
    expect(decide(submitted(), review('a1', 'district'), aContext(cityOfficer)).ok).toBe(true);
  });

  it("refuses a level outside the standard's chain", () => {
    expect(rulesOf(decide(submitted(), review('a1', 'county'), aContext(districtOfficer)))).toEqual(['data.level level.notInChain']);
  });

  it.each([
    ['province 330000 covers 330203', anOfficer('province_officer', '330000'), true],
    ['province 340000 does not', anOfficer('province_officer', '340000'), false],
    ['city 330200 covers 330203', anOfficer('city_officer', '330200'), true],
    ['city 330100 does not', anOfficer('city_officer', '330100'), false],
    ['district 330203 covers itself', anOfficer('district_officer', '330203'), true],
    ['district 330204 does not', anOfficer('district_officer', '330204'), false],
    ['a district officer holding a city code covers nothing', anOfficer('district_officer', '330200'), false],
    ['a city officer holding a province code covers nothing', anOfficer('city_officer', '330000'), false],
  ])('region cover: %s', (_, officer, covers) => {
    // Jiangsu's chain has a level for each officer role; the region rule is the same everywhere.
    const state = given([submit({ standard: 'jiangsu', itemId: '一(一)6' }), aContext(aCio(), { newAttestationId: 'j1' })]);
    const level = officer.role === 'province_officer' ? 'province' : officer.role === 'city_officer' ? 'city' : 'county';
    const earlier = (['county', 'city'] as const).slice(0, ['county', 'city', 'province'].indexOf(level));
    const officers = { county: districtOfficer, city: cityOfficer };
    const before = earlier.reduce(
      (s, l) => evolveAll(accepted(decide(s, review('j1', l, { standard: 'jiangsu', itemId: '一(一)6' }), aContext(officers[l]))), s),
      state,
    );
    const d = decide(before, review('j1', level, { standard: 'jiangsu', itemId: '一(一)6' }), aContext(officer));
    expect(d.ok ? 'covered' : rulesOf(d)).toEqual(covers ? 'covered' : ['context.actor.scope.regionCode scope.cover']);
  });

  it('refuses a school-scoped actor at a level', () => {
    const principalAsOfficer = anActor('district_officer', { kind: 'schools', schoolCodes: [SCHOOL] });
    expect(rulesOf(decide(submitted(), review('a1', 'district'), aContext(principalAsOfficer)))).toEqual(['context.actor.scope scope.region']);
  });

  it('refuses a later level before the earlier one has accepted', () => {
    const d = decide(submitted(), review('a1', 'region'), aContext(provinceOfficer));
    expect(rulesOf(d)).toEqual(['data.level level.outOfOrder']);
    expect(problemsOf(d)[0]?.message).toMatch(/district has not reviewed it yet/);
  });

  it('refuses a rejection without a comment', () => {
    expect(rulesOf(decide(submitted(), review('a1', 'district', { decision: 'rejected', comment: ' ' }), aContext(districtOfficer)))).toEqual([
      'data.comment comment.requiredOnRejection',
    ]);
  });

  it('ends the chain at a rejection: the next level cannot act', () => {
    const state = given(
      [submit(), aContext(aCio(), { newAttestationId: 'a1' })],
      [review('a1', 'district', { decision: 'rejected', comment: '缺少年度实施记录' }), aContext(districtOfficer)],
    );
    const d = decide(state, review('a1', 'region'), aContext(provinceOfficer));
    expect(rulesOf(d)).toEqual(['data.level level.outOfOrder']);
    expect(problemsOf(d)[0]?.message).toMatch(/district has rejected it/);
  });

  it('after a rejection takes a new attestation, which starts the chain again and keeps the old reviews in history', () => {
    const state = given(
      [submit(), aContext(aCio(), { newAttestationId: 'a1' })],
      [review('a1', 'district', { decision: 'rejected', comment: '缺少年度实施记录' }), aContext(districtOfficer)],
      [submit({ statement: '补充了年度实施记录' }), aContext(aCio(), { newAttestationId: 'a2' })],
    );
    expect(state.current['18']).toBe('a2');
    expect(state.attestations['a2']?.reviews).toEqual({});
    expect(state.history.map((e) => e.type)).toEqual(['AttestationSubmitted', 'ItemReviewed', 'AttestationSubmitted']);
    expect(rulesOf(decide(state, review('a2', 'region'), aContext(provinceOfficer)))).toEqual(['data.level level.outOfOrder']);
    expect(decide(state, review('a2', 'district'), aContext(districtOfficer)).ok).toBe(true);
  });

  it('refuses a review of a superseded attestation', () => {
    const state = given([submit(), aContext(aCio(), { newAttestationId: 'a1' })], [submit(), aContext(aCio(), { newAttestationId: 'a2' })]);
    expect(rulesOf(decide(state, review('a1', 'district'), aContext(districtOfficer)))).toEqual(['data.attestationId attestation.superseded']);
  });

  it('refuses a review of an attestation that does not exist', () => {
    expect(rulesOf(decide(submitted(), review('nope', 'district'), aContext(districtOfficer)))).toEqual(['data.attestationId attestation.unknown']);
  });

  it('lets a level change its own decision while no later level has acted', () => {
    const state = given([submit(), aContext(aCio(), { newAttestationId: 'a1' })], [review('a1', 'district'), aContext(districtOfficer)]);
    const d = decide(state, review('a1', 'district', { decision: 'rejected', comment: '复核发现材料不全' }), aContext(districtOfficer));
    expect(accepted(d)).toHaveLength(1);
  });

  it('locks a decision once a later level has acted', () => {
    const state = given(
      [submit(), aContext(aCio(), { newAttestationId: 'a1' })],
      [review('a1', 'district'), aContext(districtOfficer)],
      [review('a1', 'region'), aContext(provinceOfficer)],
    );
    expect(rulesOf(decide(state, review('a1', 'district', { decision: 'rejected', comment: '复核' }), aContext(districtOfficer)))).toEqual([
      'data.level decision.locked',
    ]);
  });

  it('records nothing when a level repeats the decision it already made', () => {
    const state = given([submit(), aContext(aCio(), { newAttestationId: 'a1' })], [review('a1', 'district'), aContext(districtOfficer)]);
    expect(decide(state, review('a1', 'district'), aContext(districtOfficer))).toEqual({ ok: true, events: [] });
  });

  it.each([
    ['partial points on a points standard', review('a1', 'district', { points: 1.5 }), []],
    ['the item maximum', review('a1', 'district', { points: 2 }), []],
    ['more than the item is worth', review('a1', 'district', { points: 2.5 }), ['data.points points.aboveItem']],
    ['negative points', review('a1', 'district', { points: -1 }), ['data.points too_small']],
    ['points on a rejection', review('a1', 'district', { decision: 'rejected', comment: '不符合', points: 1 }), ['data.points points.onlyWhenAccepted']],
  ])('points: %s', (_, command, rules) => {
    expect(rulesOf(decide(submitted(), command, aContext(districtOfficer)))).toEqual(rules);
  });

  it('refuses points on a standard that does not score in points (Zhejiang)', () => {
    const state = given([submit({ standard: 'zhejiang', itemId: '(一)1.(4)' }), aContext(aCio(), { newAttestationId: 'z1' })]);
    const d = decide(state, review('z1', 'district', { standard: 'zhejiang', itemId: '(一)1.(4)', points: 1 }), aContext(districtOfficer));
    expect(rulesOf(d)).toEqual(['data.points points.notScored']);
  });
});

describe('OverrideDerivedValue', () => {
  it('lets a reviewer at a level of the chain override a derived item with a reason', () => {
    const d = decide(initialState, override('district', { met: false, points: 0 }), aContext(districtOfficer));
    expect(accepted(d)).toEqual([
      expect.objectContaining({ type: 'DerivedValueOverridden', data: expect.objectContaining({ itemId: '1', level: 'district', met: false, points: 0 }) }),
    ]);
    expect(reviewEventSchema.safeParse(accepted(d)[0]).success).toBe(true);
  });

  it('refuses an attested item: those are accepted or rejected in review', () => {
    expect(rulesOf(decide(initialState, override('district', { itemId: '18' }), aContext(districtOfficer)))).toEqual(['data.itemId item.notDerived']);
  });

  it.each([
    ['the school', aCio(), 'context.actor.role role.notAtLevel'],
    ['a province officer at the district level', provinceOfficer, 'context.actor.role role.notAtLevel'],
    ["another district's officer", anOfficer('district_officer', '330204'), 'context.actor.scope.regionCode scope.cover'],
  ])('refuses %s', (_, actor, rule) => {
    expect(rulesOf(decide(initialState, override('district'), aContext(actor)))).toEqual([rule]);
  });

  it.each([
    ['empty', ''],
    ['blank', ' \n '],
  ])('refuses a reason that is %s', (_, reason) => {
    expect(rulesOf(decide(initialState, override('district', { reason }), aContext(districtOfficer)))).toEqual(['data.reason custom']);
  });

  it('refuses more points than the item is worth', () => {
    expect(rulesOf(decide(initialState, override('district', { points: 3 }), aContext(districtOfficer)))).toEqual(['data.points points.aboveItem']);
  });

  it('withdraws a standing override, and refuses to withdraw one that is not there', () => {
    const state = given([override('district'), aContext(districtOfficer)]);
    const withdraw = {
      type: 'WithdrawOverride' as const,
      data: { school: SCHOOL, standard: 'ningxia' as const, itemId: '1', level: 'district' as const, reason: '数据源已接入' },
    };
    const after = evolveAll(accepted(decide(state, withdraw, aContext(districtOfficer))), state);
    expect(after.overrides['1']).toEqual({});
    expect(rulesOf(decide(after, withdraw, aContext(districtOfficer)))).toEqual(['data.level override.none']);
  });
});

describe('evolve', () => {
  it('never changes the state it is given', () => {
    const deepFreeze = <T>(o: T): T => {
      if (o && typeof o === 'object') {
        Object.values(o).forEach(deepFreeze);
        Object.freeze(o);
      }
      return o;
    };
    const before = deepFreeze(submitted());
    const snapshot = JSON.stringify(before);
    const events = accepted(decide(before, review('a1', 'district'), aContext(districtOfficer)));
    const after = evolveAll([...events, ...accepted(decide(before, override('district'), aContext(districtOfficer)))], before);
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(after.attestations['a1']?.reviews.district?.decision).toBe('accepted');
  });
});
