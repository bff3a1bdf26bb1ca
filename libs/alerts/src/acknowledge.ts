import { isoDateTime } from '@educube/contracts';
import { z } from 'zod';
import { problemsOf, type Problem } from './errors';
import { actorRef, alertId, AlertAcknowledgedV1, type AlertEvent } from './events';
import type { AlertsState } from './state';

export const acknowledgeCommandSchema = z.strictObject({
  alertId,
  by: actorRef,
  at: isoDateTime,
  note: AlertAcknowledgedV1.shape.data.shape.note,
});
export type AcknowledgeCommand = z.input<typeof acknowledgeCommandSchema>;

export type Decision = { readonly ok: true; readonly events: readonly AlertEvent[] } | { readonly ok: false; readonly problems: readonly Problem[] };

const refuse = (...problems: Problem[]): Decision => ({ ok: false, problems });

/**
 * An officer acknowledges an open alert ("seen, someone is on it"); it stays open until its
 * condition clears. Refused: a command of the wrong shape (every problem listed), an unknown
 * alert, a resolved one (nothing left to act on), one already acknowledged by someone else
 * (the answer names who and when). The same person acknowledging again is a retry and succeeds
 * with no new event. Whether the officer may see the alert at all (`visibleTo`) is the caller's
 * check, made with identity's tree before this.
 */
export function acknowledge(state: AlertsState, command: AcknowledgeCommand): Decision {
  const parsed = acknowledgeCommandSchema.safeParse(command);
  if (!parsed.success) return refuse(...problemsOf(parsed.error));
  const { alertId: id, by, at, note } = parsed.data;
  const alert = state.alerts[id];
  if (!alert) return refuse({ path: 'alertId', rule: 'alert.unknown', message: `no alert ${id} in this stream` });
  if (alert.resolved)
    return refuse({
      path: 'alertId',
      rule: 'alert.resolved',
      message: `alert ${id} was resolved at ${alert.resolved.at} (${alert.resolved.reason}); there is nothing left to acknowledge`,
    });
  if (alert.acknowledged) {
    if (alert.acknowledged.by.subject === by.subject) return { ok: true, events: [] };
    const who = alert.acknowledged.by;
    return refuse({
      path: 'alertId',
      rule: 'alert.acknowledged',
      message: `alert ${id} was already acknowledged by ${who.subject} (${who.role}) at ${alert.acknowledged.at}`,
    });
  }
  return { ok: true, events: [{ type: 'AlertAcknowledged', version: 1, data: note === undefined ? { alertId: id, by, at } : { alertId: id, by, at, note } }] };
}
