import { BadRequestException, Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { CATALOGS, type StandardId } from '@educube/assessment-catalog';
import { CLASSIFICATIONS, evaluateCatalog, scoreSheet, sheetToCsv } from '@educube/assessment-engine';
import type { FastifyReply } from 'fastify';
import { EvidenceService } from '../evidence/evidence.service';
import { FactsProjection } from '../projection/facts-projection';

const isStandard = (s: string): s is StandardId => Object.hasOwn(CATALOGS, s);

@Controller('v1')
export class SheetController {
  constructor(
    private readonly projection: FactsProjection,
    private readonly evidence: EvidenceService,
  ) {}

  /** A school's score sheet for one standard as of a date, from the facts applied so far. */
  @Get('schools/:code/standards/:standard/sheet')
  sheet(@Param('code') code: string, @Param('standard') standard: string, @Res({ passthrough: true }) reply: FastifyReply, @Query('asOf') asOfText?: string, @Query('format') format?: string) {
    if (!isStandard(standard)) throw new BadRequestException(`unknown standard ${standard}; one of ${Object.keys(CATALOGS).join(', ')}`);
    const asOf = asOfText ?? this.evidence.asOf();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) throw new BadRequestException(`asOf must be a date YYYY-MM-DD, not ${asOf}`);
    if (format !== undefined && format !== 'json' && format !== 'csv') throw new BadRequestException(`format is json or csv, not ${format}`);
    const catalog = CATALOGS[standard];
    const table = CLASSIFICATIONS[standard];
    const facts = this.projection.factsOf(code);
    const { rows, verdict } = scoreSheet(catalog, table, evaluateCatalog(catalog, table, facts, { asOf }));
    if (format === 'csv') {
      void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${code}-${standard}-${asOf}.csv"`);
      return sheetToCsv(rows);
    }
    const { checkpoint } = this.projection.status();
    return { school: code, standard, asOf, checkpoint, facts: facts.records.size, conflicts: facts.conflicts, verdict, rows };
  }

  /**
   * The stored evidence of a school's derived items with its provenance (feed position, digest,
   * computed time), as kept current by the feed; `standard` and `item` narrow it.
   */
  @Get('schools/:code/evidence')
  async stored(@Param('code') code: string, @Query('standard') standard?: string, @Query('item') item?: string) {
    if (standard !== undefined && !isStandard(standard)) throw new BadRequestException(`unknown standard ${standard}; one of ${Object.keys(CATALOGS).join(', ')}`);
    const rows = await this.evidence.read(code, standard, item);
    if (item !== undefined && rows.length === 0) throw new NotFoundException(`no stored evidence for item ${item} of school ${code}${standard ? ` under ${standard}` : ''} (attested items have none; or the school has no facts yet)`);
    return { school: code, ...this.evidence.status(), evidence: rows };
  }

  @Get('assessment/status')
  status() {
    return { ...this.projection.status(), evidence: this.evidence.status() };
  }
}
