import type { IngestionAnswer } from './upstream/clients';
import { AlertKind, type Alert } from './types/viewer.types';

/**
 * Alerts from a region's live ingestion figures: a source gone silent, dead letters or parked
 * events waiting. Pure, so the query and the subscription derive the same alerts from the same
 * figures; `districtOf` places each school by identity's tree.
 */
export function ingestionAlerts(health: IngestionAnswer, districtOf: (school: string) => string | undefined): Alert[] {
  const alerts: Alert[] = [];
  for (const s of health.silentSources ?? []) {
    const region = districtOf(s.school);
    if (!region) continue;
    alerts.push({ id: `silent:${s.school}:${s.source}`, kind: AlertKind.SILENT_SOURCE, severity: 'warning', school: s.school, source: s.source, region, message: `${s.source} of school ${s.school} has sent nothing since ${s.lastEventAt ?? 'its last event'}`, since: s.lastEventAt });
  }
  for (const s of health.sources ?? []) {
    const school = s.school ?? s.schoolCode;
    const region = school ? districtOf(school) : undefined;
    if (!school || !region) continue;
    const rejects = s.deadLetters ?? s.rejects ?? 0;
    if (rejects > 0) alerts.push({ id: `rejects:${school}:${s.source}`, kind: AlertKind.DEAD_LETTERS, severity: rejects >= 100 ? 'critical' : 'warning', school, source: s.source, region, message: `${rejects} events of ${s.source} at school ${school} were refused and wait as dead letters`, since: null });
    if ((s.parked ?? 0) > 0) alerts.push({ id: `parked:${school}:${s.source}`, kind: AlertKind.PARKED_EVENTS, severity: 'warning', school, source: s.source, region, message: `${s.parked} events of ${s.source} at school ${school} are parked, waiting for what they refer to`, since: null });
  }
  return alerts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
