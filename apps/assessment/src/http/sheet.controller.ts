import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Actor } from '@educube/oidc';
import { Allow, Api, CurrentActor, Problem } from '@educube/service-kit';
import { CATALOGS, type StandardId } from '@educube/assessment-catalog';
import {
  CLASSIFICATIONS,
  entitiesAsOf,
  evaluateCatalog,
  ningxiaForm,
  ningxiaFormToCsv,
  ningxiaFormToHtml,
  sheetToCsv,
  type PointsVerdict,
} from '@educube/assessment-engine';
import { REVIEW_CHAINS, type Column, type ReviewState } from '@educube/assessment-review';
import type { FastifyReply } from 'fastify';
import { IndicatorAlerts } from '../alerts/indicator-alerts';
import { EvidenceService } from '../evidence/evidence.service';
import { FactsProjection } from '../projection/facts-projection';
import { ReviewService } from '../review/review.service';
import { standardOf } from '../review/review.controller';
import { lastColumn, sheetOf } from '../standings/sheet';
import { StandingsService } from '../standings/standings.service';
import { ROUTE_ACCESS, Scope } from '../access';
import { z } from 'zod';
import type { ContractBody } from '@educube/contracts';
import { evidenceAnswer, ningxiaFormAnswer, sheetAnswer, statusAnswer } from './answers';

/**
 * An export (CSV, HTML) as the bytes it is sent as. The JSON answer of the same route is the one
 * its `@Api` describes (a status documents one content type), and the response check compares
 * JSON answers only: bytes it leaves alone, where a string would be taken for JSON that drifted.
 */
const exported = (text: string): Buffer => Buffer.from(text, 'utf8');

const invalid = (path: string, rule: string, message: string, value: unknown): Problem =>
  new Problem(400, 'Invalid query', message, [{ path, rule, message, value }]);

@Controller('v1')
export class SheetController {
  constructor(
    private readonly projection: FactsProjection,
    private readonly evidence: EvidenceService,
    private readonly reviews: ReviewService,
    private readonly standings: StandingsService,
    private readonly alerts: IndicatorAlerts,
    @Inject(Scope) private readonly scope: Scope,
  ) {}

  private asOf(text: string | undefined): string {
    const asOf = text ?? this.evidence.asOf();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) throw invalid('asOf', 'date', `asOf must be a date YYYY-MM-DD, not ${asOf}`, asOf);
    return asOf;
  }

  private column(standard: StandardId, text: string | undefined): Column {
    const chain = REVIEW_CHAINS[standard];
    const column = text ?? lastColumn(standard);
    if (column !== 'self' && !chain.some((l) => l.id === column))
      throw invalid('column', 'review-level', `${standard}'s columns are self, ${chain.map((l) => l.id).join(', ')}; not ${column}`, column);
    return column as Column;
  }

  /** The sheet of one column: derived evidence as of the date, attested items and overrides as that level stands. */
  private sheet(code: string, standard: StandardId, asOf: string, column: Column, state: ReviewState) {
    const catalog = CATALOGS[standard];
    const table = CLASSIFICATIONS[standard];
    const facts = this.projection.factsOf(code);
    const evidence = evaluateCatalog(catalog, table, facts, this.evidence.options(code, asOf));
    return { facts, ...sheetOf(standard, evidence, state, column) };
  }

  /**
   * A school's score sheet for one standard as of a date: derived items from the facts applied
   * so far, attested items and overrides as the review `column` stands (default: the last level
   * of the standard's chain; `self` is the school's own claim).
   */
  @Allow(ROUTE_ACCESS.schoolSheet.roles, ROUTE_ACCESS.schoolSheet.scope)
  @Api({
    summary: "a school's score sheet for a standard (JSON or CSV)",
    query: z.object({ asOf: z.string().optional(), format: z.enum(['json', 'csv']).optional(), column: z.string().optional() }),
    // the CSV answer (format=csv) shares the status: the document can show one of them, the JSON one
    response: { schema: sheetAnswer, description: 'the sheet (format=json, the default); format=csv answers text/csv' },
    errors: [404, 503],
  })
  @Get('schools/:code/standards/:standard/sheet')
  async get(
    @Param('code') code: string,
    @Param('standard') standardText: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentActor() actor: Actor,
    @Query('asOf') asOfText?: string,
    @Query('format') format?: string,
    @Query('column') columnText?: string,
  ): Promise<ContractBody<typeof sheetAnswer> | Buffer> {
    await this.scope.requireSchool(actor, code);
    const standard = standardOf(standardText);
    const asOf = this.asOf(asOfText);
    const column = this.column(standard, columnText);
    if (format !== undefined && format !== 'json' && format !== 'csv') throw invalid('format', 'enum', `format is json or csv, not ${format}`, format);
    const { state } = await this.reviews.load(code, standard);
    const { facts, rows, verdict } = this.sheet(code, standard, asOf, column, state);
    if (format === 'csv') {
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${code}-${standard}-${column}-${asOf}.csv"`);
      return exported(sheetToCsv(rows));
    }
    const { checkpoint } = this.projection.status();
    return { school: code, standard, asOf, column, checkpoint, facts: facts.records.size, conflicts: facts.conflicts, verdict, rows };
  }

  /**
   * Ningxia's 星级认定表 (附件2) filled from the hub: 学校自评 = the school's claim, 教育局评定 =
   * the district level's results, 教育厅评定 = the region level's; a level that has not acted
   * on any item stays blank, as on paper.
   */
  @Allow(ROUTE_ACCESS.schoolSheet.roles, ROUTE_ACCESS.schoolSheet.scope)
  @Api({
    summary: "a school's Ningxia declaration form",
    query: z.object({
      asOf: z.string().optional(),
      format: z.enum(['json', 'csv', 'html']).optional(),
      contact: z.string().optional(),
      phone: z.string().optional(),
    }),
    response: { schema: ningxiaFormAnswer, description: 'the form (format=json, the default); format=csv answers text/csv, format=html text/html' },
    errors: [404, 503],
  })
  @Get('schools/:code/standards/ningxia/form')
  async form(
    @Param('code') code: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentActor() actor: Actor,
    @Query('asOf') asOfText?: string,
    @Query('format') format = 'json',
    @Query('contact') contact?: string,
    @Query('phone') phone?: string,
  ): Promise<ContractBody<typeof ningxiaFormAnswer> | Buffer> {
    await this.scope.requireSchool(actor, code);
    if (!['json', 'csv', 'html'].includes(format)) throw invalid('format', 'enum', `format is json, csv or html, not ${format}`, format);
    const asOf = this.asOf(asOfText);
    const { state } = await this.reviews.load(code, 'ningxia');
    const acted = (level: string) => state.history.some((e) => (e.type === 'ItemReviewed' || e.type === 'DerivedValueOverridden') && e.data.level === level);
    const verdictOf = (column: Column) => this.sheet(code, 'ningxia', asOf, column, state).verdict as PointsVerdict;
    const self = verdictOf('self');
    const bureau = acted('district') ? verdictOf('district') : undefined;
    const department = acted('region') ? verdictOf('region') : undefined;
    const school = entitiesAsOf(this.projection.factsOf(code), 'school', asOf)[0];
    const filled = ningxiaForm({
      schoolName: typeof school?.data['name'] === 'string' ? school.data['name'] : code,
      ...(contact ? { contact } : {}),
      ...(phone ? { contactPhone: phone } : {}),
      selfAssessment: self,
      appliedStars: self.stars ?? 0,
      ...(bureau ? { bureauAssessment: bureau, bureauStars: bureau.stars ?? 0 } : {}),
      ...(department ? { departmentAssessment: department, departmentStars: department.stars ?? 0 } : {}),
    });
    if (format === 'csv') {
      void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${code}-ningxia-form-${asOf}.csv"`);
      return exported(ningxiaFormToCsv(filled));
    }
    if (format === 'html') {
      void reply.header('content-type', 'text/html; charset=utf-8');
      return exported(ningxiaFormToHtml(filled));
    }
    return { school: code, asOf, form: filled };
  }

  /** The stored evidence of a school's derived items with its provenance; `standard` and `item` narrow it. */
  @Allow(ROUTE_ACCESS.schoolSheet.roles, ROUTE_ACCESS.schoolSheet.scope)
  @Api({
    summary: "a school's stored evidence per item",
    query: z.object({ standard: z.string().optional(), item: z.string().optional() }),
    response: evidenceAnswer,
    errors: [404, 503],
  })
  @Get('schools/:code/evidence')
  async stored(
    @Param('code') code: string,
    @CurrentActor() actor: Actor,
    @Query('standard') standard?: string,
    @Query('item') item?: string,
  ): Promise<ContractBody<typeof evidenceAnswer>> {
    await this.scope.requireSchool(actor, code);
    const std = standard === undefined ? undefined : standardOf(standard);
    const rows = await this.evidence.read(code, std, item);
    if (item !== undefined && rows.length === 0)
      throw new Problem(
        404,
        'Not found',
        `no stored evidence for item ${item} of school ${code}${std ? ` under ${std}` : ''} (attested items have none; or the school has no facts yet)`,
        [{ path: 'item', rule: 'derived-item', message: 'attested items are reviewed, not derived', value: item }],
      );
    return { school: code, ...this.evidence.status(), evidence: rows };
  }

  @Allow(ROUTE_ACCESS.status.roles, ROUTE_ACCESS.status.scope)
  @Api({ summary: 'the projection position and counts', response: statusAnswer })
  @Get('assessment/status')
  status(): ContractBody<typeof statusAnswer> {
    return { ...this.projection.status(), evidence: this.evidence.status(), standings: this.standings.status(), alerts: this.alerts.status() };
  }
}
