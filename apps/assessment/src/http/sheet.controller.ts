import { BadRequestException, Controller, Get, Param, Query, Res } from '@nestjs/common';
import { CATALOGS, type StandardId } from '@educube/assessment-catalog';
import { CLASSIFICATIONS, evaluateCatalog, scoreSheet, sheetToCsv } from '@educube/assessment-engine';
import type { FastifyReply } from 'fastify';
import { FactsProjection } from '../projection/facts-projection';

const isStandard = (s: string): s is StandardId => Object.hasOwn(CATALOGS, s);

/** Today in China time: the assessment's default as-of date. */
const chinaToday = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

@Controller('v1')
export class SheetController {
  constructor(private readonly projection: FactsProjection) {}

  /** A school's score sheet for one standard as of a date, from the facts applied so far. */
  @Get('schools/:code/standards/:standard/sheet')
  sheet(@Param('code') code: string, @Param('standard') standard: string, @Res({ passthrough: true }) reply: FastifyReply, @Query('asOf') asOfText?: string, @Query('format') format?: string) {
    if (!isStandard(standard)) throw new BadRequestException(`unknown standard ${standard}; one of ${Object.keys(CATALOGS).join(', ')}`);
    const asOf = asOfText ?? chinaToday();
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

  @Get('assessment/status')
  status() {
    return this.projection.status();
  }
}
