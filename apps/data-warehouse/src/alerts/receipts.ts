import { idPart } from '@educube/alerts';
import { schoolCode } from '@educube/contracts';
import type { EventResult } from '@educube/warehouse-ingestion';

/** What one ingested batch says about a sending system of a school: it was heard from, and how many of its events were taken and refused. */
export interface Receipt {
  readonly school: string;
  readonly source: string;
  readonly accepted: number;
  readonly rejected: number;
}

const SCHOOL_SOURCE = /^\/schools\/[^/]+\/([^/]+)$/;

/**
 * The sending system a CloudEvent `source` names, as the alert rules key it: `/schools/<code>/<system>`
 * (the contracts' and the simulator's form) → `<system>`; a bare name is itself. Anything else (a
 * URL, a URN, text with spaces) names no system an alert can be about.
 */
export function systemOf(source: unknown): string | undefined {
  if (typeof source !== 'string') return undefined;
  const system = SCHOOL_SOURCE.exec(source)?.[1] ?? source;
  return idPart.safeParse(system).success ? system : undefined;
}

/**
 * A batch's outcomes per (school, system). Taken: accepted, and parked (valid, waiting for
 * identity to know a person; appended later without being received again). Refused: rejected
 * and conflicting events, the dead letters. A duplicate is a redelivery, neither. An event
 * without a usable school or system counts nowhere.
 */
export function receiptsOf(results: readonly EventResult[], raws: readonly unknown[], schoolOf: (claimed: string | null) => string | null): Receipt[] {
  const receipts = new Map<string, { school: string; source: string; accepted: number; rejected: number }>();
  results.forEach((result, i) => {
    const raw = raws[i];
    const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const school = schoolOf(typeof o['subject'] === 'string' ? o['subject'] : null);
    const source = systemOf(o['source']);
    if (school === null || !schoolCode.safeParse(school).success || source === undefined) return;
    const key = `${school}/${source}`;
    const receipt = receipts.get(key) ?? { school, source, accepted: 0, rejected: 0 };
    if (result.status === 'accepted' || result.status === 'parked') receipt.accepted += 1;
    else if (result.status === 'rejected' || result.status === 'conflict') receipt.rejected += 1;
    receipts.set(key, receipt);
  });
  return [...receipts.values()];
}
