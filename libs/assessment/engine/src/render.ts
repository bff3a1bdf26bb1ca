import { CATALOGS, STANDARD_IDS, allItems } from '@educube/assessment-catalog';
import { CLASSIFICATIONS } from './classification';
import type { Check, Scoring, Window } from './formula';

// The classification as a reader wants it: per standard, every item with its basis and either
// its formula (windows, thresholds, scoring) or the evidence to upload. FORMULAS.md is this
// text; render.spec.ts keeps the file current.

const windowText = (w: Window): string =>
  w.kind === 'rolling'
    ? `${w.days} d`
    : w.kind === 'calendarYear'
      ? w.previous
        ? 'previous CY'
        : 'CY'
      : { asOf: 'as-of', schoolYear: 'SY', semester: 'SEM', cumulative: 'cumulative', creation: 'creation' }[w.kind];

const thresholdText = (c: Check): string => {
  if (c.byStage)
    return Object.entries(c.byStage)
      .map(([s, v]) => `${s} ${c.cmp} ${round(v)}`)
      .join(', ');
  return typeof c.value === 'number' ? `${c.cmp} ${round(c.value)}` : `${c.cmp} ${c.value.regional}`;
};
const round = (n: number): string => String(Math.round(n * 10_000) / 10_000);

const scoringText = (s: Scoring | undefined): string =>
  !s || s.kind === 'all'
    ? 'all checks'
    : s.kind === 'parts'
      ? `parts ${s.points.join(' + ')}`
      : `${s.terms.map((t) => `${t.per} each`).join(' / ')}, cap ${s.cap}`;

const cell = (s: string): string => s.replace(/\|/g, '\\|');

export function renderFormulas(): string {
  const out: string[] = [
    '# Derived and attested items, per standard',
    '',
    'Generated from `src/classification/*.ts` by `render.ts` (`UPDATE_FORMULAS=1 npx nx run assessment-engine:test` rewrites it).',
    'Windows: SY school year (1 Sep – 31 Aug), SEM semester, CY calendar year, `N d` rolling days, as-of a snapshot, creation the creation period.',
    'Tiers (countable-items.md): A explicit number, B universal quantifier (100 %), C evidence of presence or use.',
    'derived+attested: the checks give the value, and the item is met only once the documents it names are attested and accepted too.',
    '',
    '| standard | items | derived | A | B | C | derived+attested | attested |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const s of STANDARD_IDS) {
    const values = Object.values(CLASSIFICATIONS[s]);
    const d = values.filter((c) => c.basis === 'derived');
    const tier = (t: string) => d.filter((c) => c.basis === 'derived' && c.tier === t).length;
    const both = values.filter((c) => c.basis === 'derived+attested').length;
    out.push(`| ${s} | ${values.length} | ${d.length} | ${tier('A')} | ${tier('B')} | ${tier('C')} | ${both} | ${values.length - d.length - both} |`);
  }
  for (const s of STANDARD_IDS) {
    out.push('', `## ${s}`, '', '| item | basis | formula or evidence | checks (window, threshold) | scoring |', '|---|---|---|---|---|');
    for (const item of allItems(CATALOGS[s].groups)) {
      const c = CLASSIFICATIONS[s][item.id];
      if (!c) continue;
      if (c.basis === 'attested') out.push(`| ${item.id} | attested | ${cell(c.evidence)} | | |`);
      else {
        const list = (checks: readonly Check[]): string => checks.map((k) => `${k.label} (${windowText(k.window)}, ${thresholdText(k)})`).join('; ');
        const levels = c.levels
          ? Object.entries(c.levels)
              .map(([level, l]) => ` — at ${level}: ${list(l)}`)
              .join('')
          : '';
        const checks = `${list(c.checks)}${levels}`;
        const documents = c.basis === 'derived+attested' ? ` — attested: ${cell(c.evidence)}` : '';
        out.push(
          `| ${item.id} | ${c.basis} ${c.tier} | ${cell(c.formula)}${documents}${c.review ? ` — reviewer: ${cell(c.review)}` : ''} | ${cell(checks)} | ${scoringText(c.scoring)} |`,
        );
      }
    }
  }
  return `${out.join('\n')}\n`;
}
