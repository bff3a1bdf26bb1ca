import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Put, Query, UseFilters } from '@nestjs/common';
import { PersonalDataError, type PersonalDataStore } from '@educube/identity-privacy';
import {
  applyOrgEvents, assertRegionCode, assertSchoolCode, decide, decidePeople, headcountAsOf, peopleBatch, orgCommandSchema, peopleCommandSchema, planImport, resolveBatch, schoolAsOf, schoolsUnder,
  IdentityError, IdentityErrorCode,
} from '@educube/identity-domain';
import { z } from 'zod';
import { Access, dateParam } from '../auth/access';
import { IdentityState } from '../storage/identity-state';
import { PERSONAL_DATA } from '../storage/storage';
import { Problem, ProblemFilter } from './problem';

const resolveBody = z.strictObject({ refs: z.array(z.unknown()).max(10_000) });
const orgCommandsBody = z.strictObject({ commands: z.array(orgCommandSchema).min(1).max(10_000) });
const personalDataBody = z.strictObject({ fullName: z.string().trim().min(1).max(64).optional(), idCardNumber: z.string().trim().min(1).max(32).optional() });
const lookupBody = z.strictObject({ idCardNumber: z.string().trim().min(1).max(32) });
const peopleCommandsBody = z.strictObject({ commands: z.array(peopleCommandSchema).min(1).max(10_000) });

@Controller('v1')
@UseFilters(ProblemFilter)
export class IdentityController {
  constructor(
    private readonly state: IdentityState,
    private readonly access: Access,
    @Inject(PERSONAL_DATA) private readonly personal: PersonalDataStore,
  ) {}

  /** Names and identity-card numbers are kept here only, sealed; nothing answers them in clear. */
  @Put('people/:personId/personal-data')
  @HttpCode(204)
  async putPersonalData(@Headers('authorization') auth: string | undefined, @Param('personId') personId: string, @Body() body: unknown): Promise<void> {
    const caller = await this.access.authenticate(auth);
    const data = personalDataBody.parse(body);
    await this.access.requireProvinceOfficer(caller, personId, 'person.personal-data.write', 'person.read');
    this.requirePerson(personId);
    await this.sealed(() => this.personal.put(personId, data));
  }

  /** Which person an identity-card number belongs to (blind index); audited as a search. */
  @Post('people/lookup')
  @HttpCode(200)
  async lookup(@Headers('authorization') auth: string | undefined, @Body() body: unknown) {
    const caller = await this.access.authenticate(auth);
    const { idCardNumber } = lookupBody.parse(body);
    await this.access.requireProvinceOfficer(caller, 'people', 'person.lookup', 'person.search');
    const personId = await this.personal.findByIdCard(idCardNumber);
    if (!personId) throw new Problem(404, 'Not found', 'no person holds this identity-card number', [{ path: 'idCardNumber', rule: 'known', value: null }]);
    return { personId };
  }

  /** A person as other services may see them: the unified id, the masked name, the kind. */
  @Get('people/:personId')
  async person(@Headers('authorization') auth: string | undefined, @Param('personId') personId: string) {
    const caller = await this.access.authenticate(auth);
    await this.access.requireProvinceOfficer(caller, personId, 'person.read', 'person.read');
    const person = this.requirePerson(personId);
    return { personId, kind: person.kind, maskedName: (await this.personal.maskedName(personId)) ?? null };
  }

  private requirePerson(personId: string) {
    const person = this.state.people.persons[personId];
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
  @Post('registry/import')
  @HttpCode(200)
  async importRegistry(@Headers('authorization') auth: string | undefined, @Body() body: unknown, @Query('dryRun') dryRunText?: string, @Query('effectiveOn') effectiveOnText?: string) {
    const caller = await this.access.authenticate(auth);
    if (typeof body !== 'string') throw new Problem(415, 'Unsupported media type', 'the registry must be posted as text/csv', [{ path: 'content-type', rule: 'text/csv', value: null }]);
    if (dryRunText !== undefined && dryRunText !== 'true' && dryRunText !== 'false') throw new Problem(400, 'Invalid input', `dryRun must be true or false, got ${JSON.stringify(dryRunText)}`, [{ path: 'dryRun', rule: 'boolean', value: dryRunText }]);
    const dryRun = dryRunText === 'true';
    const effectiveOn = dateParam(effectiveOnText, 'effectiveOn');
    await this.access.requireProvinceOfficer(caller, 'registry', dryRun ? 'registry.import.dry-run' : 'registry.import');
    return this.state.run(async () => {
      const plan = planImport(body, this.state.tree, { effectiveOn, dryRun });
      if (plan.fileProblems.length) {
        throw new Problem(400, 'Invalid registry file', plan.fileProblems.map((p) => p.message).join('; '), plan.fileProblems.map((p) => ({ column: p.column, rule: p.rule, value: p.value, message: p.message })));
      }
      if (!dryRun) await this.state.appendOrg(plan.events);
      return {
        effectiveOn,
        dryRun,
        summary: plan.summary,
        eventsAppended: dryRun ? 0 : plan.events.length,
        rows: plan.rows.map((r) => (r.outcome === 'changed' ? { row: r.row, schoolCode: r.schoolCode, outcome: r.outcome, fields: r.fields } : r.outcome === 'rejected' ? r : { row: r.row, schoolCode: r.schoolCode, outcome: r.outcome })),
      };
    });
  }

  /** Organisation-tree commands (regions first, then single-school changes), applied in order. */
  @Post('org/commands')
  @HttpCode(200)
  async orgCommands(@Headers('authorization') auth: string | undefined, @Body() body: unknown) {
    const caller = await this.access.authenticate(auth);
    const { commands } = orgCommandsBody.parse(body);
    await this.access.requireProvinceOfficer(caller, 'org-tree', 'org.commands');
    return this.state.run(async () => {
      const events = decideInOrder(commands, this.state.tree, decide, (tree, produced) => applyOrgEvents(produced, tree));
      await this.state.appendOrg(events);
      return { events };
    });
  }

  @Get('schools/:code')
  async school(@Headers('authorization') auth: string | undefined, @Param('code') code: string, @Query('asOf') asOfText?: string) {
    const caller = await this.access.authenticate(auth);
    assertSchoolCode(code, 'code');
    const asOf = dateParam(asOfText, 'asOf');
    await this.access.requireSchool(caller, code, asOf, 'school.read');
    const school = schoolAsOf(this.state.tree, code, asOf);
    if (!school) throw new IdentityError(IdentityErrorCode.UNKNOWN_SCHOOL, `no school ${code} on ${asOf}`, { field: 'code', rule: 'exists-on', value: code });
    return school;
  }

  @Get('regions/:code/schools')
  async regionSchools(@Headers('authorization') auth: string | undefined, @Param('code') code: string, @Query('asOf') asOfText?: string) {
    const caller = await this.access.authenticate(auth);
    assertRegionCode(code, 'code');
    const asOf = dateParam(asOfText, 'asOf');
    if (!this.state.tree.regions[code]) throw new IdentityError(IdentityErrorCode.UNKNOWN_REGION, `no region with code ${code}`, { field: 'code', rule: 'exists', value: code });
    const all = schoolsUnder(this.state.tree, code, asOf);
    const visible = await this.access.visibleIn(caller, code, all.map((s) => s.code), asOf);
    const schools = visible === 'all' ? all : all.filter((s) => visible.has(s.code));
    if (visible !== 'all' && schools.length === 0 && all.length > 0) throw new Problem(403, 'Forbidden', `none of the schools of region ${code} on ${asOf} is in your scope`, [{ path: 'code', rule: 'in-scope', value: code }]);
    return { regionCode: code, asOf, count: schools.length, schools };
  }

  /** Batch resolution of source-system ids: per ref a person id or the reason it is unresolved. */
  @Post('id-links/resolve')
  @HttpCode(200)
  async resolve(@Headers('authorization') auth: string | undefined, @Body() body: unknown) {
    await this.access.authenticate(auth);
    const { refs } = resolveBody.parse(body);
    return {
      results: resolveBatch(this.state.people, refs).map((r) => (r.status === 'resolved' ? { ref: r.ref, personId: r.personId } : { ref: r.ref, unresolved: r.reason, message: r.message })),
    };
  }

  /** People commands (register, assign, enrol, transfer, leave, link and unlink ids), applied in order. */
  @Post('people/commands')
  @HttpCode(200)
  async peopleCommands(@Headers('authorization') auth: string | undefined, @Body() body: unknown) {
    const caller = await this.access.authenticate(auth);
    const { commands } = peopleCommandsBody.parse(body);
    await this.access.requireProvinceOfficer(caller, 'people', 'people.commands');
    return this.state.run(async () => {
      // one copy of the people for the whole batch, not one per command
      const batch = peopleBatch(this.state.people);
      const events = decideInOrder(commands, batch.state, (c, people) => decidePeople(c, people, { tree: this.state.tree }), (people, produced) => {
        batch.apply(produced);
        return people;
      });
      await this.state.appendPeople(events);
      return { events };
    });
  }

  @Get('headcounts/:schoolCode')
  async headcount(@Headers('authorization') auth: string | undefined, @Param('schoolCode') code: string, @Query('asOf') asOfText?: string) {
    const caller = await this.access.authenticate(auth);
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
