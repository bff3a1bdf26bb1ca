/**
 * `npm run assessment:report`: writes docs/assessment/report.md and
 * docs/assessment/sample-sheets/<standard>.csv, the reviewers' summary of the assessment.
 *
 * Everything in it is computed from the catalogs, the classification and one simulated school,
 * so the files change only when the code does; a diff after a run is the change's effect on the
 * figures. No servers, no clock: the school and its dates are fixed below.
 */
import { commandLine } from '@educube/cli';
import { CATALOGS, STANDARD_IDS, allItems, type Catalog, type StandardId } from '@educube/assessment-catalog';
import { CLASSIFICATIONS, applyAll, emptyFacts, evaluateCatalog, scoreSheet, sheetToCsv, type SheetRow, type Verdict } from '@educube/assessment-engine';
import { eventStream, simulateProvince } from '@educube/simulator';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

commandLine({
  command: 'npm run assessment:report --',
  summary:
    "Writes docs/assessment/report.md and docs/assessment/sample-sheets/<standard>.csv, the reviewers' summary\nof the assessment, from the catalogs, the classification and one simulated school. No servers, no clock:\na diff after a run is the change's effect on the figures.",
  examples: ['npm run assessment:report && git diff --stat docs/assessment'],
  exitCodes: { 0: 'written', 1: 'error (a document count no longer matches)' },
});

const root = join(__dirname, '..', '..', '..');
const outDir = join(root, 'docs', 'assessment');
const sheetDir = join(outDir, 'sample-sheets');
const formulas = join(root, 'libs', 'assessment', 'engine', 'FORMULAS.md');

/**
 * Items as the source document has them, the figures each catalog spec reconciles against the
 * document (libs/assessment/catalog/src/catalogs/<standard>.catalog.spec.ts). Where the document
 * states its own count, `statement` quotes it and the run fails if the sentence is gone, so a
 * re-extracted document cannot silently leave this table behind.
 */
const DOCUMENT_COUNTS: Readonly<Record<StandardId, { items: number; how: string; statement?: string }>> = {
  zhejiang: { items: 88, how: 'numbered requirements （n） under 三、建设内容, counted (23 of them marked （0） optional)' },
  ningbo: { items: 42, how: 'numbered rows of the 附表: 39 （基本要求） + 3 （特色要求）, counted' },
  wenzhou: { items: 28, how: 'stated in 说明 1 and counted in the indicator table', statement: '一级指标6项，二级指标15项，三级指标28项' },
  ningxia: { items: 64, how: 'rows 序号 1–64 of the indicator table, counted' },
  jiangsu: { items: 73, how: 'stated under the 指标体系 and counted in the 权重分配表', statement: '评价指标共21大类73小项' },
};

/** The school of libs/assessment/engine/src/simulated.spec.ts, over a longer stretch. */
const SCHOOL = { seed: 1, from: '2026-09-01', days: 120, asOf: '2026-12-31' } as const;

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const round = (n: number): string => String(Math.round(n * 100) / 100);
const list = (ids: readonly string[]): string => (ids.length ? ids.join(', ') : 'none');

function verdictLine(v: Verdict): { summary: string; reasons: string[] } {
  switch (v.kind) {
    case 'requirements':
      return {
        summary: `${v.passed ? 'passed' : 'not passed'}: basic met ${v.basicMet} of ${v.basicTotal}, optional met ${v.optionalMet} of ${v.optionalTotal}`,
        reasons: [`basic items not met: ${list(v.unmetBasic)}`],
      };
    case 'weighted-parts':
      return {
        summary: `score ${round(v.score)} of 100: ${v.parts.map((p) => `${p.part} ${p.met} of ${p.total} met × ${p.weightPercent} % = ${round(p.score)}`).join('; ')}`,
        reasons: [`items not met: ${list(v.unmet)}`],
      };
    case 'levels':
      return {
        summary: `level ${v.level ?? 'none reached'}`,
        reasons: v.levels.map(
          (l) =>
            `${l.name} (${l.id}): ${l.reached ? 'reached' : 'not reached'}; ▲ not met: ${list(l.missingRequired)}; others met ${l.othersMet.length} (at least ${l.minimumOthers} needed)`,
        ),
      };
    case 'points': {
      const parts = [`score ${v.total} of ${v.max}`];
      if (v.stars !== undefined)
        parts.push(`${v.stars} stars${v.starsByScore !== undefined && v.starsByScore !== v.stars ? ` (${v.starsByScore} by score alone)` : ''}`);
      if (v.passed !== undefined) parts.push(v.passed ? 'passed' : 'not passed');
      return {
        summary: parts.join(', '),
        reasons: [...v.reasons, ...(v.unmetVeto.length || v.stars !== undefined ? [`★ items not met: ${list(v.unmetVeto)}`] : [])],
      };
    }
  }
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

function countTable(): string[] {
  const out = ['| standard | document | items in catalog | items in document | derived | attested | document count |', '|---|---|---|---|---|---|---|'];
  for (const s of STANDARD_IDS) {
    const catalog: Catalog = CATALOGS[s];
    const doc = DOCUMENT_COUNTS[s];
    if (doc.statement) {
      const text = readFileSync(join(root, 'docs', 'standards', 'originals', catalog.sourceFile), 'utf8');
      if (!text.includes(doc.statement)) throw new Error(`${s}: the document no longer says "${doc.statement}"`);
    }
    const items = allItems(catalog.groups).length;
    const classes = Object.values(CLASSIFICATIONS[s]);
    const derived = classes.filter((c) => c.basis === 'derived').length;
    out.push(
      `| ${s} | ${cell(catalog.title)} | ${items} | ${doc.items}${items === doc.items ? '' : ' ≠'} | ${derived} | ${classes.length - derived} | ${cell(doc.statement ? `${doc.how}: “${doc.statement}”` : doc.how)} |`,
    );
  }
  return out;
}

function main(): void {
  const province = simulateProvince({ seed: SCHOOL.seed, schools: 3, teachersPerSchool: 30, studentsPerSchool: 300 });
  const school = province.schools[0];
  if (!school) throw new Error('the simulator made no school');
  const events = [...eventStream(province, { seed: SCHOOL.seed, from: new Date(SCHOOL.from), days: SCHOOL.days })].filter((e) => e.subject === school.code);
  const facts = applyAll(emptyFacts(school.code), events);
  const options = { asOf: SCHOOL.asOf, creationStart: SCHOOL.from };

  mkdirSync(sheetDir, { recursive: true });
  const sections: string[] = [];
  for (const s of STANDARD_IDS) {
    const catalog = CATALOGS[s];
    const evidence = evaluateCatalog(catalog, CLASSIFICATIONS[s], facts, options);
    const { rows, verdict } = scoreSheet(catalog, CLASSIFICATIONS[s], evidence);
    const csvPath = join(sheetDir, `${s}.csv`);
    writeFileSync(csvPath, sheetToCsv(rows));
    const derived = rows.filter((r: SheetRow) => r.basis === 'derived');
    const { summary, reasons } = verdictLine(verdict);
    sections.push(
      '',
      `### ${s}`,
      '',
      `**Verdict (${verdict.kind}):** ${summary}.`,
      '',
      ...reasons.map((r) => `- ${r}`),
      `- derived items met ${derived.filter((r) => r.met).length} of ${derived.length}; attested items ${rows.length - derived.length}, none attested here (counted as not met)`,
      '',
      `Sheet: [sample-sheets/${s}.csv](${relative(outDir, csvPath)})`,
    );
    say(`${s}: ${summary}`);
  }

  const classes = STANDARD_IDS.map((s) => Object.values(CLASSIFICATIONS[s]));
  const derivedTotal = classes.reduce((a, c) => a + c.filter((x) => x.basis === 'derived').length, 0);
  const allTotal = classes.reduce((a, c) => a + c.length, 0);
  const text = [
    '# Assessment report',
    '',
    'Generated by `tools/assessment-report/src/main.ts` (`npm run assessment:report` rewrites this file and `sample-sheets/`). Do not edit by hand.',
    '',
    '## Catalogs against their documents',
    '',
    'Items in the catalog (`@educube/assessment-catalog`) and in the source document under `docs/standards/originals/`, as reconciled by `libs/assessment/catalog/src/catalogs/<standard>.catalog.spec.ts`; derived = computed from events by `@educube/assessment-engine`, attested = evidence a reviewer checks.',
    '',
    ...countTable(),
    '',
    `Every item's formula (windows, thresholds, scoring) or the evidence to upload: [FORMULAS.md](${relative(outDir, formulas)}) (${derivedTotal} derived and ${allTotal - derivedTotal} attested items of ${allTotal}).`,
    '',
    '## One simulated school',
    '',
    `\`@educube/simulator\` seed ${SCHOOL.seed} (3 schools, 30 teachers and 300 students each), school ${school.code} (${school.schoolType}): ${events.length} events over ${SCHOOL.days} days from ${SCHOOL.from}, evaluated as of ${SCHOOL.asOf} (creation period from ${SCHOOL.from}). No attestations and no overrides, so the verdicts are what the events alone support; the simulator's figures are synthetic, not a real school's.`,
    ...sections,
    '',
  ].join('\n');
  writeFileSync(join(outDir, 'report.md'), text);
  say(`wrote ${relative(root, join(outDir, 'report.md'))} and ${STANDARD_IDS.length} sheets in ${relative(root, sheetDir)}`);
}

main();
