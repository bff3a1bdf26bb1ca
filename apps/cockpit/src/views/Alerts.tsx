import { useEffect, useState } from 'react';
import { ageText, useAge } from '../age';
import { query, subscribe } from '../api';
import type { AlertFieldsFragment } from '../gql/graphql';
import type { Dict, Lang } from '../i18n';
import { AcknowledgeAlert, AlertsLive, AlertsView } from '../queries';

type AlertRow = AlertFieldsFragment;

const SEVERITY: Record<string, number> = { critical: 0, warning: 1 };
/** The gateway's order: open before resolved, critical first, newest first. */
const byUrgency = (a: AlertRow, b: AlertRow): number =>
  Number(a.status === 'RESOLVED') - Number(b.status === 'RESOLVED') ||
  (SEVERITY[a.severity] ?? 9) - (SEVERITY[b.severity] ?? 9) ||
  Date.parse(b.raisedAt) - Date.parse(a.raisedAt) ||
  a.id.localeCompare(b.id);

/**
 * The region's alerts from both owners' streams, kept current by the alertRaised subscription
 * (raised, acknowledged and resolved alike). An officer acknowledges an open alert with an
 * optional note; the owner may refuse (someone else acknowledged it first, or it resolved),
 * and the refusal is shown as the gateway words it.
 */
const RETRY_MS = 3000;

export function AlertsPanel({ code, t, lang, onSchool }: { code: string; t: Dict; lang: Lang; onSchool: (code: string) => void }) {
  const [alerts, setAlerts] = useState<Map<string, AlertRow> | undefined>();
  const [updatedAt, setUpdatedAt] = useState<string | undefined>();
  const [editing, setEditing] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const age = useAge(updatedAt);

  useEffect(() => {
    let alive = true;
    const put = (rows: readonly AlertRow[]) => {
      if (!alive) return;
      setAlerts((m) => {
        const next = new Map(m ?? []);
        for (const r of rows) next.set(r.id, r);
        return next;
      });
      setUpdatedAt(new Date().toISOString());
    };
    setAlerts(undefined);
    // A service that cannot answer yet (identity still starting, an owner restarting) is asked again:
    // the panel says so instead of staying on "loading".
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      query(AlertsView, { code }).then(
        (d) => {
          setError(undefined);
          put(d.region?.alerts ?? []);
        },
        (e: Error) => {
          if (!alive) return;
          setError(e.message);
          retry = setTimeout(() => void load(), RETRY_MS);
        },
      );
    void load();
    const stop = subscribe(AlertsLive, { region: code }, (d) => put([d.alertRaised]));
    return () => {
      alive = false;
      if (retry) clearTimeout(retry);
      stop();
    };
  }, [code]);

  const submit = async (id: string) => {
    setError(undefined);
    try {
      const d = await query(AcknowledgeAlert, { id, note: note.trim() ? note.trim() : null });
      setAlerts((m) => new Map(m ?? []).set(d.acknowledgeAlert.id, d.acknowledgeAlert));
      setEditing(undefined);
      setNote('');
    } catch (e) {
      setError((e as Error).message);
    }
  };

  if (!alerts) return <p>{error ? `${t.loading} · ${error}` : t.loading}</p>;
  const rows = [...alerts.values()].sort(byUrgency);
  const open = rows.filter((a) => a.status !== 'RESOLVED').length;
  const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(lang, { timeZone: 'Asia/Shanghai' }) : '—');
  return (
    <div className="chart">
      <h2>
        {t.alerts} · {open} {t.openCount}
      </h2>
      <p className="fresh" data-testid="alerts-age">
        {t.live} · {t.updated} {ageText(age, t)}
      </p>
      {error && (
        <p role="alert" className="error" data-testid="alerts-error">
          {error}
        </p>
      )}
      {rows.length === 0 ? (
        <p>{t.noAlerts}</p>
      ) : (
        <table data-testid="alerts-table">
          <thead>
            <tr>
              <th scope="col">{t.level}</th>
              <th scope="col">{t.kind}</th>
              <th scope="col">{t.school}</th>
              <th scope="col">{t.description}</th>
              <th scope="col">{t.since}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.action}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id} data-alert-id={a.id} data-status={a.status} className={a.status === 'RESOLVED' ? 'resolved' : a.severity}>
                <td>{t.severity[a.severity] ?? a.severity}</td>
                <td>{t.alertKind[a.kind]}</td>
                <td>
                  <button type="button" className="link" onClick={() => onSchool(a.school)}>
                    {a.school}
                  </button>
                </td>
                <td>{lang === 'en' ? a.messageEn : a.message}</td>
                <td>{when(a.since)}</td>
                <td>
                  {t.alertStatus[a.status]}
                  {a.acknowledgement && (
                    <div className="ack">
                      {t.acknowledgedBy} {a.acknowledgement.by} · {when(a.acknowledgement.at)}
                      {a.acknowledgement.note ? ` · ${a.acknowledgement.note}` : ''}
                    </div>
                  )}
                </td>
                <td>
                  {a.status === 'RAISED' && editing !== a.id && (
                    <button type="button" onClick={() => (setEditing(a.id), setNote(''), setError(undefined))}>
                      {t.acknowledge}
                    </button>
                  )}
                  {editing === a.id && (
                    <form
                      className="ack-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void submit(a.id);
                      }}
                    >
                      <input
                        aria-label={t.acknowledgeNote}
                        placeholder={t.acknowledgeNote}
                        value={note}
                        maxLength={2000}
                        onChange={(e) => setNote(e.target.value)}
                      />
                      <button type="submit">{t.submit}</button>
                      <button type="button" onClick={() => setEditing(undefined)}>
                        {t.cancel}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
