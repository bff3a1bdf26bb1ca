// What "meeting" a standard means on the overview's tiles, from each standard's verdict labels
// (the assessment's; see docs/graphql.md): a display rule, stated next to each tile.
export const STANDARDS = ['zhejiang', 'ningbo', 'wenzhou', 'ningxia', 'jiangsu'] as const;
export type StandardId = (typeof STANDARDS)[number];

export function meets(standard: StandardId, label: string): boolean {
  switch (standard) {
    case 'zhejiang':
      return label === 'basic-met';
    case 'ningbo':
      return Number(label.split('-')[0]) >= 60;
    case 'wenzhou':
      return label !== 'none';
    case 'ningxia':
      return Number(label.split('-')[0]) >= 1;
    case 'jiangsu':
      return label === 'passed';
  }
}

export interface Distribution {
  readonly schools: number;
  readonly distribution: readonly { readonly label: string; readonly count: number }[];
}

/** Share of rated schools meeting the standard, or null when none is rated. */
export function shareMeeting(standard: StandardId, d: Distribution | null | undefined): number | null {
  if (!d || d.schools === 0) return null;
  return d.distribution.filter((x) => meets(standard, x.label)).reduce((n, x) => n + x.count, 0) / d.schools;
}

export const starsOf = (label: string): number => Number(label.split('-')[0]);
