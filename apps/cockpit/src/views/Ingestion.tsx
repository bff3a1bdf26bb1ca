import { useEffect, useState } from 'react';
import { query } from '../api';
import type { IngestionViewQuery } from '../gql/graphql';
import type { Dict, Lang } from '../i18n';
import { IngestionView } from '../queries';
import { AlertsPanel } from './Alerts';

/** Every source of the region's schools, silent ones first, then the most refused; and the region's alerts. */
export function IngestionPanel({ code, t, lang, onSchool }: { code: string; t: Dict; lang: Lang; onSchool: (code: string) => void }) {
  const [data, setData] = useState<IngestionViewQuery['region'] | undefined>();
  useEffect(() => void query(IngestionView, { code }).then((d) => setData(d.region)), [code]);
  if (!data) return <p>{t.loading}</p>;
  const sources = [...data.ingestion.sources].sort((a, b) => Number(b.silent) - Number(a.silent) || b.rejects - a.rejects || a.school.localeCompare(b.school));
  const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(lang, { timeZone: 'Asia/Shanghai' }) : '—');
  return (
    <section className="panels">
      <div className="chart">
        <h2>
          {t.ingestion} · {t.silentFirst}
        </h2>
        <table data-testid="ingestion-table">
          <thead>
            <tr>
              <th scope="col">{t.school}</th>
              <th scope="col">{t.source}</th>
              <th scope="col">{t.accepted}</th>
              <th scope="col">{t.rejects}</th>
              <th scope="col">{t.parked}</th>
              <th scope="col">{t.lastSeen}</th>
              <th scope="col">{t.silent}</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={`${s.school}|${s.source}`}>
                <td>
                  <button type="button" className="link" onClick={() => onSchool(s.school)}>
                    {s.school}
                  </button>
                </td>
                <td>{s.source}</td>
                <td>{s.accepted}</td>
                <td>{s.rejects}</td>
                <td>{s.parked}</td>
                <td>{when(s.lastEventAt)}</td>
                <td>{s.silent ? t.yes : t.no}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <AlertsPanel code={code} t={t} lang={lang} onSchool={onSchool} />
    </section>
  );
}
