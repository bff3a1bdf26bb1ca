import { useEffect, useState } from 'react';
import { query } from '../api';
import type { SchoolDrillQuery, SchoolListQuery } from '../gql/graphql';
import type { Dict } from '../i18n';
import { NingxiaForm, SchoolDrill, SchoolList } from '../queries';
import { STANDARDS, type StandardId } from '../standards';

type Edge = NonNullable<SchoolListQuery['region']>['schools']['edges'][number];

/** A school of the region: its standings, the score sheet per standard with provenance and review status, the Ningxia form. */
export function SchoolView({ region, school, t, onSchool }: { region: string; school: string | undefined; t: Dict; onSchool: (code: string) => void }) {
  const [search, setSearch] = useState('');
  const [list, setList] = useState<Edge[]>([]);
  const [standard, setStandard] = useState<StandardId>('ningxia');
  const [drill, setDrill] = useState<SchoolDrillQuery['school'] | undefined>();

  useEffect(() => {
    const timer = setTimeout(() => void query(SchoolList, { code: region, search: search || null }).then((d) => setList(d.region?.schools.edges ?? [])), 200);
    return () => clearTimeout(timer);
  }, [region, search]);

  useEffect(() => {
    if (!school) return;
    setDrill(undefined);
    void query(SchoolDrill, { code: school, standard }).then((d) => setDrill(d.school));
  }, [school, standard]);

  const download = async () => {
    if (!school) return;
    const form = (await query(NingxiaForm, { code: school })).school?.ningxiaForm;
    if (!form) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([form], { type: 'text/html;charset=utf-8' }));
    a.download = `${school}-ningxia-form.html`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <section className="panels">
      <div className="chart">
        <label>
          {t.search} <input data-testid="school-search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <ul data-testid="school-list">
          {list.map((e) => (
            <li key={e.node.code}>
              <button type="button" className="link" onClick={() => onSchool(e.node.code)}>
                {e.node.name} ({e.node.code})
              </button>
            </li>
          ))}
        </ul>
      </div>
      {school && (
        <div className="chart" data-testid="school-drill">
          {!drill ? (
            <p>{t.loading}</p>
          ) : (
            <>
              <h2>
                {drill.name} · {drill.district?.name}
              </h2>
              <p data-testid="headcounts">
                {t.headcounts}: {drill.headcounts?.students ?? '—'} {t.students} · {drill.headcounts?.teachers ?? '—'} {t.teachers}
              </p>
              <table data-testid="school-standings">
                <thead>
                  <tr>
                    <th scope="col">{t.verdict}</th>
                    <th scope="col">{t.score}</th>
                  </tr>
                </thead>
                <tbody>
                  {drill.standings.map((s) => (
                    <tr key={s.standard}>
                      <td>
                        {t.standard[s.standard as StandardId]} · {s.label}
                      </td>
                      <td>{s.score ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <label>
                {t.verdict}{' '}
                <select data-testid="sheet-standard" value={standard} onChange={(e) => setStandard(e.target.value as StandardId)}>
                  {STANDARDS.map((s) => (
                    <option key={s} value={s}>
                      {t.standard[s]}
                    </option>
                  ))}
                </select>
              </label>{' '}
              {standard === 'ningxia' && (
                <button type="button" data-testid="form-download" onClick={() => void download()}>
                  {t.formDownload}
                </button>
              )}
              <table data-testid="sheet">
                <thead>
                  <tr>
                    <th scope="col">{t.item}</th>
                    <th scope="col">{t.value}</th>
                    <th scope="col">{t.threshold}</th>
                    <th scope="col">{t.met}</th>
                    <th scope="col">{t.points}</th>
                    <th scope="col">{t.provenance}</th>
                    <th scope="col">{t.reviewStatus}</th>
                  </tr>
                </thead>
                <tbody>
                  {drill.sheet?.rows.map((r) => (
                    <tr key={r.itemId}>
                      <td>
                        {r.number ?? r.itemId} {r.label}
                      </td>
                      <td>{r.value === null ? '' : Math.round(r.value * 1000) / 1000}</td>
                      <td>{r.threshold ?? ''}</td>
                      <td>{r.met ? t.yes : t.no}</td>
                      <td>{r.points ?? ''}</td>
                      <td title={r.formulaOrEvidence}>
                        {r.basis === 'derived'
                          ? `${r.window} · ${r.contributing}`
                          : r.basis === 'derived+attested'
                            ? `${r.window} · ${r.contributing} · ${r.basis}`
                            : r.basis}
                      </td>
                      <td>
                        {[r.status, ...(drill.review?.items.find((i) => i.itemId === r.itemId)?.decisions.map((d) => `${d.level}: ${d.decision}`) ?? [])]
                          .filter(Boolean)
                          .join(' · ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
    </section>
  );
}
