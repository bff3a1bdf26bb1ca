import type { DriftReport, ProvisionReport } from '@educube/keycloak-admin';

const list = (names: readonly string[], max = 20): string =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} … and ${names.length - max} more`;

/** The reconcile report as a person reads it: one line per kind of drift, nothing when in sync. */
export function formatDrift(drift: DriftReport, desiredAccounts: number): string {
  if (drift.inSync) return `in sync: ${desiredAccounts} accounts in identity, Keycloak holds exactly them`;
  const lines = [`drift between identity (${desiredAccounts} accounts) and Keycloak:`];
  if (drift.missing.length) lines.push(`  missing in Keycloak (${drift.missing.length}): ${list(drift.missing)}`);
  if (drift.extra.length) lines.push(`  in Keycloak, no longer in identity (${drift.extra.length}; never deleted automatically): ${list(drift.extra)}`);
  if (drift.unmanagedConflicts.length)
    lines.push(`  username taken by an account identity does not manage (${drift.unmanagedConflicts.length}): ${list(drift.unmanagedConflicts)}`);
  for (const d of drift.roleDifferences)
    lines.push(`  roles of ${d.username}:${d.missing.length ? ` missing ${d.missing.join(', ')}` : ''}${d.extra.length ? ` extra ${d.extra.join(', ')}` : ''}`);
  for (const d of drift.attributeDifferences)
    lines.push(`  ${d.attribute} of ${d.username}: identity says [${d.desired.join(', ')}], Keycloak has [${d.actual.join(', ')}]`);
  lines.push('run with --apply to provision (creates missing accounts, repairs roles and scopes)');
  return lines.join('\n');
}

export function formatProvision(report: ProvisionReport): string {
  const { created, changed, unchanged } = report.counts;
  const lines = [`provisioned: ${created} created, ${changed} changed, ${unchanged} unchanged`];
  if (report.extra.length) lines.push(`  in Keycloak, no longer in identity (${report.extra.length}; left in place): ${list(report.extra)}`);
  if (report.skippedUnmanaged.length) lines.push(`  skipped, username held by an unmanaged account: ${list(report.skippedUnmanaged)}`);
  return lines.join('\n');
}
