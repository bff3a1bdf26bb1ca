import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import type { Actor } from '@educube/oidc';
import { accepted, refused } from '@educube/event-store';
import { Allow, Api, CurrentActor, ZodQuery } from '@educube/service-kit';
import {
  directorySchema,
  idLinkResolutionSchema,
  stage,
  idLinkResolveRequestSchema,
  schoolViewSchema,
  visibleSchoolsAnswerSchema,
  type ContractBody,
} from '@educube/contracts';
import { AuditLog, PersonalDataError, type AuditEntry, type PersonalDataStore } from '@educube/identity-privacy';
import {
  applyOrgEvents,
  assertRegionCode,
  assertSchoolCode,
  decide,
  decidePeople,
  grantProblem,
  headcountAsOf,
  peopleBatch,
  orgCommandSchema,
  peopleCommandSchema,
  placementAsOf,
  planImport,
  resolveBatch,
  schoolAsOf,
  schoolsUnder,
  IdentityError,
  IdentityErrorCode,
  ROLES,
  scopeProblem,
  visibleSchools,
  type PeopleCommand,
} from '@educube/identity-domain';
import { z } from 'zod';
import { Access, callerOf, dateParam, OFFICERS, SCHOOL_STAFF, SERVICE, type Caller } from '../auth/access';
import { IdentityState } from '../storage/identity-state';
import { AUDIT_LOG, PERSONAL_DATA } from '../storage/storage';
import { Problem } from './problem';

const visibleSchoolsBody = z.strictObject({
  principal: z.strictObject({
    subject: z.string().min(1).max(256),
    role: z.enum(ROLES),
    scope: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('region'), regionCode: z.string() }),
      z.strictObject({ kind: z.literal('schools'), schoolCodes: z.array(z.string()).max(1_000) }),
    ]),
  }),
  asOf: z.iso.date().optional(),
});
const auditEntriesBody = z.strictObject({
  entries: z
    .array(
      z.strictObject({
        at: z.iso.datetime(),
        actor: z.string().min(1).max(256),
        actorRoles: z.array(z.string().min(1).max(64)).max(32),
        /** The GraphQL operation's name (or `anonymous`), prefixed with its kind. */
        operation: z.string().min(1).max(200),
        /** SHA-256 of the operation's variables in canonical JSON: what was asked, without the values. */
        variablesDigest: z.string().regex(/^[0-9a-f]{64}$/),
        /** Region codes and school codes the answer touched. */
        regions: z.array(z.string().regex(/^\d{6}$|^\d{10}$/)).max(10_000),
        outcome: z.enum(['allowed', 'denied']),
      }),
    )
    .min(1)
    .max(1_000),
});
const resolveBody = idLinkResolveRequestSchema;
const auditQuery = z.object({
  actor: z.string().optional().meta({ description: 'required: whose entries' }),
  since: z.string().optional().meta({ description: 'a date YYYY-MM-DD (default the last 24 hours)' }),
});
const importQuery = z.object({
  dryRun: z.string().optional().meta({ description: 'true or false' }),
  effectiveOn: z.string().optional().meta({ description: 'a date YYYY-MM-DD (default today)' }),
});
const asOfQuery = z.object({ asOf: z.string().optional().meta({ description: 'a calendar date YYYY-MM-DD (default today, UTC)' }) });
const auditTrailAnswer = z.object({
  actor: z.string(),
  since: z.iso.datetime(),
  entries: z.array(
    z.object({
      at: z.iso.datetime(),
      actor: z.string(),
      actorRoles: z.array(z.string()),
      action: z.enum(['person.read', 'person.search', 'query', 'export']),
      target: z.string(),
      scope: z.string().optional(),
      outcome: z.enum(['allowed', 'denied']),
      detail: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});
const importProblem = z.object({ column: z.string(), rule: z.string(), value: z.string(), message: z.string() });
const importAnswer = z.object({
  effectiveOn: z.iso.date(),
  dryRun: z.boolean(),
  summary: z.object({
    rows: z.number().int(),
    created: z.number().int(),
    unchanged: z.number().int(),
    changed: z.number().int(),
    rejected: z.number().int(),
  }),
  eventsAppended: z.number().int(),
  rows: z.array(
    z.discriminatedUnion('outcome', [
      z.object({ row: z.number().int(), schoolCode: z.string(), outcome: z.literal(['created', 'unchanged']) }),
      z.object({
        row: z.number().int(),
        schoolCode: z.string(),
        outcome: z.literal('changed'),
        fields: z.array(z.enum(['学校名称', '行政区划代码', '办学类型', '学段', '班级数', '状态'])),
      }),
      z.object({ row: z.number().int(), schoolCode: z.string(), outcome: z.literal('rejected'), reasons: z.array(importProblem) }),
    ]),
  ),
});
const headcountNumbers = { students: z.number().int(), teachers: z.number().int(), staff: z.number().int() };
const headcountAnswer = z.object({
  schoolCode: z.string(),
  asOf: z.iso.date(),
  byStage: z.array(z.object({ stage, ...headcountNumbers })),
  /** distinct people: a teacher of two stages counts in each stage but once here */
  totals: z.object(headcountNumbers),
});
const eventsAnswer = z.object({ events: z.array(z.record(z.string(), z.unknown())) });
const orgCommandsBody = z.strictObject({ commands: z.array(orgCommandSchema).min(1).max(10_000) });
const personalDataBody = z.strictObject({ fullName: z.string().trim().min(1).max(64).optional(), idCardNumber: z.string().trim().min(1).max(32).optional() });
const lookupBody = z.strictObject({ idCardNumber: z.string().trim().min(1).max(32) });
const peopleCommandsBody = z.strictObject({ commands: z.array(peopleCommandSchema).min(1).max(10_000) });

@Controller('v1')
export class IdentityController {
  constructor(
    private readonly state: IdentityState,
    private readonly access: Access,
    @Inject(PERSONAL_DATA) private readonly personal: PersonalDataStore,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  /**
   * The one audit log, for the operations officers run elsewhere (the gateway's GraphQL): the
   * calling service reports who asked what and which regions the answer touched; the entries
   * join the same hash chain as identity's own reads.
   */
  @Allow([SERVICE], 'services only: they report the operations of callers whose tokens they verified')
  @Post('audit/entries')
  @HttpCode(202)
  @Api({
    summary: "records the operations callers ran at another service (the gateway's GraphQL)",
    body: auditEntriesBody,
    response: { status: 202, schema: z.object({ recorded: z.number().int() }) },
  })
  async auditEntries(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const { entries } = auditEntriesBody.parse(body);
    const service = actor.kind === 'service' ? actor.clientId : actor.subject;
    await this.audit.record(
      entries.map((e): AuditEntry => ({
        at: new Date(e.at),
        actor: e.actor,
        actorRoles: e.actorRoles,
        action: 'query',
        target: e.operation,
        scope: e.regions.join(',').slice(0, 2_000),
        outcome: e.outcome,
        detail: { service, variablesDigest: e.variablesDigest, regions: e.regions },
      })),
    );
    return { recorded: entries.length };
  }

  /** An actor's audit entries since a date: what an auditor reads. */
  @Allow(['province_officer'], 'province officers only: the audit trail of any actor')
  @Api({ summary: "an actor's audit entries since a date", response: auditTrailAnswer })
  @Get('audit/entries')
  async auditTrail(@ZodQuery(auditQuery) { actor: actorId, since: sinceText }: z.output<typeof auditQuery>): Promise<ContractBody<typeof auditTrailAnswer>> {
    if (!actorId) throw new Problem(400, 'Invalid query', 'actor is required', [{ path: 'actor', rule: 'required', value: null }]);
    const since = sinceText ? new Date(dateParam(sinceText, 'since')) : new Date(Date.now() - 86_400_000);
    const entries = await this.audit.byActor(actorId, since);
    // the time as the wire carries it, so the answer is what the schema says before it is serialised
    return { actor: actorId, since: since.toISOString(), entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })) };
  }

  /** Names and identity-card numbers are kept here only, sealed; nothing answers them in clear. */
  @Allow(['province_officer'], 'province officers only; every write audited as a read of personal data')
  @Put('people/:personId/personal-data')
  @HttpCode(204)
  @Api({
    summary: "seals a person's name and identity-card number",
    body: personalDataBody,
    response: { status: 204, description: 'sealed' },
    errors: [404, 409],
  })
  async putPersonalData(@CurrentActor() actor: Actor, @Param('personId') personId: string, @Body() body: unknown): Promise<void> {
    const caller = callerOf(actor);
    const data = personalDataBody.parse(body);
    await this.access.recordProvince(caller, personId, 'person.personal-data.write', 'person.read');
    this.requirePerson(personId);
    await this.sealed(() => this.personal.put(personId, data));
  }

  /** Which person an identity-card number belongs to (blind index); audited as a search. */
  @Allow(['province_officer'], 'province officers only; audited as a search')
  @Post('people/lookup')
  @HttpCode(200)
  @Api({ summary: 'which person an identity-card number belongs to', body: lookupBody, response: z.object({ personId: z.string() }), errors: [404] })
  async lookup(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const caller = callerOf(actor);
    const { idCardNumber } = lookupBody.parse(body);
    await this.access.recordProvince(caller, 'people', 'person.lookup', 'person.search');
    const personId = await this.personal.findByIdCard(idCardNumber);
    if (!personId) throw new Problem(404, 'Not found', 'no person holds this identity-card number', [{ path: 'idCardNumber', rule: 'known', value: null }]);
    return { personId };
  }

  /** A person as other services may see them: the unified id, the masked name, the kind. */
  @Allow(['province_officer'], 'province officers only; masked name; audited')
  @Api({
    summary: 'a person as other services may see them (masked name)',
    response: z.object({ personId: z.string(), kind: z.string(), maskedName: z.string().nullable() }),
    errors: [404],
  })
  @Get('people/:personId')
  async person(@CurrentActor() actor: Actor, @Param('personId') personId: string) {
    const caller = callerOf(actor);
    await this.access.recordProvince(caller, personId, 'person.read', 'person.read');
    const person = this.requirePerson(personId);
    return { personId, kind: person.kind, maskedName: (await this.personal.maskedName(personId)) ?? null };
  }

  /**
   * A province officer may send any people command; any other officer only role grants and
   * revocations, each inside their region, never their own and never above their rank. The
   * province officer's own grants follow the same rule.
   */
  private requireGrantRights(caller: Caller, commands: readonly PeopleCommand[]): void {
    if (caller.kind !== 'principal')
      throw new Problem(403, 'Forbidden', 'people commands come from an officer', [{ path: 'realm_access.roles', rule: 'officer', value: null }]);
    const granter = caller.principal;
    commands.forEach((command, i) => {
      if (command.type !== 'GrantRole' && command.type !== 'RevokeRole') {
        if (granter.role === 'province_officer') return;
        throw new Problem(403, 'Forbidden', `command ${i} (${command.type}) needs a province officer`, [
          { path: `commands.${i}.type`, rule: 'province_officer', value: command.type },
        ]);
      }
      const held = Object.hasOwn(this.state.people.persons, command.data.personId)
        ? this.state.people.persons[command.data.personId]?.roles.find((r) => r.role === command.data.role)
        : undefined;
      const scope = command.type === 'GrantRole' ? command.data.scope : undefined;
      const why = grantProblem(
        granter,
        { personId: command.data.personId, role: command.data.role, effectiveOn: command.data.effectiveOn, ...(scope ? { scope } : {}) },
        this.state.tree,
        held?.scope,
        caller.ids,
      );
      if (why)
        throw new Problem(403, 'Forbidden', `command ${i} (${command.type}): ${why}`, [
          { path: `commands.${i}.data`, rule: 'grant-scope', value: command.data.personId },
        ]);
    });
  }

  private requirePerson(personId: string) {
    // own properties only: `constructor` or `__proto__` are no person, whatever an object inherits
    const person = Object.hasOwn(this.state.people.persons, personId) ? this.state.people.persons[personId] : undefined;
    if (!person) throw new IdentityError(IdentityErrorCode.UNKNOWN_PERSON, `no person ${personId}`, { field: 'personId', rule: 'exists', value: personId });
    return person;
  }

  private async sealed(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof PersonalDataError)) throw error;
      const status = error.code === 'id-card-taken' ? 409 : 400;
      throw new Problem(status, status === 409 ? 'Conflict' : 'Invalid input', error.message, [{ path: 'idCardNumber', rule: error.code, value: null }]);
    }
  }

  /** Bulk import of the school registry (text/csv): per-row report; events appended unless a dry run. */
  @Allow(['province_officer'], 'province officers only: only the registry import changes the organisation tree')
  @Post('registry/import')
  @HttpCode(200)
  @Api({
    summary: 'bulk import of the school registry (CSV), with a per-row report',
    body: z.string().meta({ description: 'the registry as CSV, one school a row' }),
    bodyContentType: 'text/csv',
    response: importAnswer,
    errors: [409, 415],
  })
  async importRegistry(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @ZodQuery(importQuery) { dryRun: dryRunText, effectiveOn: effectiveOnText }: z.output<typeof importQuery>,
  ): Promise<ContractBody<typeof importAnswer>> {
    const caller = callerOf(actor);
    if (typeof body !== 'string')
      throw new Problem(415, 'Unsupported media type', 'the registry must be posted as text/csv', [{ path: 'content-type', rule: 'text/csv', value: null }]);
    if (dryRunText !== undefined && dryRunText !== 'true' && dryRunText !== 'false')
      throw new Problem(400, 'Invalid input', `dryRun must be true or false, got ${JSON.stringify(dryRunText)}`, [
        { path: 'dryRun', rule: 'boolean', value: dryRunText },
      ]);
    const dryRun = dryRunText === 'true';
    const effectiveOn = dateParam(effectiveOnText, 'effectiveOn');
    await this.access.recordProvince(caller, 'registry', dryRun ? 'registry.import.dry-run' : 'registry.import');
    return this.state.run(async () => {
      let planned: ReturnType<typeof planImport> | undefined;
      const outcome = await this.state.decideOrg((tree) => {
        planned = planImport(body, tree, { effectiveOn, dryRun });
        return planned.fileProblems.length ? refused(planned.fileProblems) : accepted(dryRun ? [] : planned.events);
      });
      if (outcome.kind === 'refused') {
        const problems = outcome.refusal;
        throw new Problem(
          400,
          'Invalid registry file',
          problems.map((p) => p.message).join('; '),
          problems.map((p) => ({ column: p.column, rule: p.rule, value: p.value, message: p.message })),
        );
      }
      const plan = planned as ReturnType<typeof planImport>;
      return {
        effectiveOn,
        dryRun,
        summary: plan.summary,
        eventsAppended: dryRun ? 0 : plan.events.length,
        rows: plan.rows.map((r) =>
          r.outcome === 'changed'
            ? { row: r.row, schoolCode: r.schoolCode, outcome: r.outcome, fields: r.fields }
            : r.outcome === 'rejected'
              ? r
              : { row: r.row, schoolCode: r.schoolCode, outcome: r.outcome },
        ),
      };
    });
  }

  /** Organisation-tree commands (regions first, then single-school changes), applied in order. */
  @Allow(['province_officer'], 'province officers only')
  @Post('org/commands')
  @HttpCode(200)
  @Api({ summary: 'organisation-tree commands, applied in order', body: orgCommandsBody, response: eventsAnswer, errors: [404, 409, 422] })
  async orgCommands(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const caller = callerOf(actor);
    const { commands } = orgCommandsBody.parse(body);
    await this.access.recordProvince(caller, 'org-tree', 'org.commands');
    return this.state.run(async () => {
      const outcome = await this.state.decideOrg((tree) => accepted(decideInOrder(commands, tree, decide, (t, produced) => applyOrgEvents(produced, t))));
      return { events: outcome.kind === 'recorded' ? outcome.events : [] };
    });
  }

  @Allow([...OFFICERS, ...SCHOOL_STAFF, SERVICE], 'officers: schools in their region on the date; staff: their own school; services: any')
  @Api({ summary: 'a school as the organisation tree had it on a date', response: schoolViewSchema, errors: [404] })
  @Get('schools/:code')
  async school(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @ZodQuery(asOfQuery) { asOf: asOfText }: z.output<typeof asOfQuery>,
  ): Promise<ContractBody<typeof schoolViewSchema>> {
    const caller = callerOf(actor);
    assertSchoolCode(code, 'code');
    const asOf = dateParam(asOfText, 'asOf');
    await this.access.requireSchool(caller, code, asOf, 'school.read');
    const school = schoolAsOf(this.state.tree, code, asOf);
    if (!school) throw new IdentityError(IdentityErrorCode.UNKNOWN_SCHOOL, `no school ${code} on ${asOf}`, { field: 'code', rule: 'exists-on', value: code });
    return school;
  }

  @Allow([...OFFICERS, ...SCHOOL_STAFF, SERVICE], 'only the schools the caller may see on the date; 403 when none')
  @Api({
    summary: 'the schools of a region the caller may see on a date',
    response: z.object({ regionCode: z.string(), asOf: z.string(), count: z.number().int(), schools: z.array(schoolViewSchema) }),
    errors: [404, 422],
  })
  @Get('regions/:code/schools')
  async regionSchools(@CurrentActor() actor: Actor, @Param('code') code: string, @ZodQuery(asOfQuery) { asOf: asOfText }: z.output<typeof asOfQuery>) {
    const caller = callerOf(actor);
    assertRegionCode(code, 'code');
    const asOf = dateParam(asOfText, 'asOf');
    if (!this.state.tree.regions[code])
      throw new IdentityError(IdentityErrorCode.UNKNOWN_REGION, `no region with code ${code}`, { field: 'code', rule: 'exists', value: code });
    const all = schoolsUnder(this.state.tree, code, asOf);
    const visible = await this.access.visibleIn(
      caller,
      code,
      all.map((s) => s.code),
      asOf,
    );
    const schools = visible === 'all' ? all : all.filter((s) => visible.has(s.code));
    if (visible !== 'all' && schools.length === 0 && all.length > 0)
      throw new Problem(403, 'Forbidden', `none of the schools of region ${code} on ${asOf} is in your scope`, [
        { path: 'code', rule: 'in-scope', value: code },
      ]);
    return { regionCode: code, asOf, count: schools.length, schools };
  }

  /**
   * The organisation tree as of a date, whole: every region and every school with the district
   * it belonged to then. For the hub's services that keep roll-ups per region (assessment, the
   * warehouse) and for the gateway's region tree; each caches it briefly and applies the
   * visibility rule above for the person it serves.
   */
  @Allow([SERVICE], 'services only: the whole tree, for roll-ups per region; they apply the visibility rule for the people they serve')
  @Api({ summary: 'the whole organisation tree on a date', response: directorySchema })
  @Get('directory')
  directory(@ZodQuery(asOfQuery) { asOf: asOfText }: z.output<typeof asOfQuery>): ContractBody<typeof directorySchema> {
    const asOf = dateParam(asOfText, 'asOf');
    const tree = this.state.tree;
    const regions = Object.values(tree.regions)
      .filter((r) => r.registeredOn <= asOf)
      .map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode ?? null }))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    const roots = regions.filter((r) => r.parentCode === null).map((r) => r.code);
    const schools = roots.flatMap((root) => schoolsUnder(tree, root, asOf));
    return { asOf, regions, schools };
  }

  /**
   * The one visibility rule for the other services: the schools a principal (whom the calling
   * service has verified) may see on the date, by identity's organisation tree. An unsound scope
   * sees nothing and says why.
   */
  @Allow([SERVICE], 'services only: they ask on behalf of a caller whose token they verified')
  @Post('access/visible-schools')
  @HttpCode(200)
  @Api({
    summary: 'the schools a principal (verified by the calling service) may see on a date',
    body: visibleSchoolsBody,
    response: visibleSchoolsAnswerSchema,
  })
  async visibleSchools(@Body() body: unknown): Promise<ContractBody<typeof visibleSchoolsAnswerSchema>> {
    const { principal, asOf: asOfText } = visibleSchoolsBody.parse(body);
    const asOf = dateParam(asOfText, 'asOf');
    const problem = scopeProblem(principal, this.state.tree);
    return { asOf, schools: problem ? [] : visibleSchools(principal, this.state.tree, asOf), ...(problem ? { problem } : {}) };
  }

  /** Batch resolution of source-system ids: per ref a person id or the reason it is unresolved. */
  @Allow([...OFFICERS, SERVICE], 'officers: only people placed in their region today; services: any')
  @Post('id-links/resolve')
  @HttpCode(200)
  @Api({ summary: 'resolves source-system ids to unified person ids, one answer per ref', body: idLinkResolveRequestSchema, response: idLinkResolutionSchema })
  async resolve(@CurrentActor() actor: Actor, @Body() body: unknown): Promise<ContractBody<typeof idLinkResolutionSchema>> {
    const caller = callerOf(actor);
    const { refs } = resolveBody.parse(body);
    // an officer learns only the people placed in their region today; any other link reads as
    // unknown, so the answer does not tell whether a staff id elsewhere exists
    const visible = this.access.visible(caller, new Date().toISOString().slice(0, 10));
    const today = new Date().toISOString().slice(0, 10);
    const mayKnow = (personId: string): boolean => {
      if (visible === 'all') return true;
      const person = Object.hasOwn(this.state.people.persons, personId) ? this.state.people.persons[personId] : undefined;
      const school = person ? placementAsOf(person, today)?.schoolCode : undefined;
      return school !== undefined && visible.has(school);
    };
    const hidden = { unresolved: 'no-link' as const, message: visible === 'all' ? undefined : 'no person in your scope is linked to this id' };
    const results = resolveBatch(this.state.people, refs).map((r) => {
      if (r.status === 'resolved') return mayKnow(r.personId) ? { ref: r.ref, personId: r.personId } : { ref: r.ref, ...hidden };
      // for an officer, an id linked elsewhere and an id linked nowhere read the same
      return r.reason === 'no-link' && visible !== 'all' ? { ref: r.ref, ...hidden } : { ref: r.ref, unresolved: r.reason, message: r.message };
    });
    await this.access.record(caller, 'id-links', true, { action: 'id-links.resolve', refs: refs.length });
    return { results };
  }

  /** People commands (register, assign, enrol, transfer, leave, link and unlink ids), applied in order. */
  @Allow([...OFFICERS], 'province officers: every command; other officers: GrantRole/RevokeRole inside their region, never their own, never a wider role')
  @Post('people/commands')
  @HttpCode(200)
  @Api({
    summary: 'people commands (register, assign, enrol, transfer, leave, link ids, grant and revoke roles), applied in order',
    body: peopleCommandsBody,
    response: eventsAnswer,
    errors: [404, 409, 422],
  })
  async peopleCommands(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const caller = callerOf(actor);
    const { commands } = peopleCommandsBody.parse(body);
    return this.state.run(async () => {
      // checked inside the run, against the roles as they stand when the batch applies
      try {
        this.requireGrantRights(caller, commands);
      } catch (refusal) {
        await this.access.record(caller, 'people', false, { action: 'people.commands', reason: refusal instanceof Error ? refusal.message : String(refusal) });
        throw refusal;
      }
      await this.access.recordProvince(caller, 'people', 'people.commands');
      const outcome = await this.state.decidePeople((current) => {
        // one copy of the people for the whole batch, not one per command
        const batch = peopleBatch(current);
        return accepted(
          decideInOrder(
            commands,
            batch.state,
            (c, people) => decidePeople(c, people, { tree: this.state.tree }),
            (people, produced) => {
              batch.apply(produced);
              return people;
            },
          ),
        );
      });
      return { events: outcome.kind === 'recorded' ? outcome.events : [] };
    });
  }

  @Allow([...OFFICERS, 'principal', 'cio', SERVICE], 'officers: schools in their region; principal/CIO: their own school; services: any')
  @Api({ summary: "a school's headcount on a date", response: headcountAnswer, errors: [404] })
  @Get('headcounts/:schoolCode')
  async headcount(
    @CurrentActor() actor: Actor,
    @Param('schoolCode') code: string,
    @ZodQuery(asOfQuery) { asOf: asOfText }: z.output<typeof asOfQuery>,
  ): Promise<ContractBody<typeof headcountAnswer>> {
    const caller = callerOf(actor);
    assertSchoolCode(code, 'schoolCode');
    const asOf = dateParam(asOfText, 'asOf');
    await this.access.requireSchool(caller, code, asOf, 'headcount.read');
    return headcountAsOf(this.state.people, code, asOf);
  }
}

/**
 * Decides each command against the state the earlier ones leave, so a batch behaves like the
 * same commands sent one by one; the caller appends the events all or nothing.
 */
function decideInOrder<C, S, E>(commands: readonly C[], state: S, decideOne: (command: C, state: S) => E[], apply: (state: S, events: E[]) => S): E[] {
  const events: E[] = [];
  let current = state;
  for (const command of commands) {
    const produced = decideOne(command, current);
    events.push(...produced);
    current = apply(current, produced);
  }
  return events;
}
