import { useEffect, useMemo, useState } from 'react';
import { ageText, useAge } from '../age';
import { query, subscribe } from '../api';
import { Chart } from '../Chart';
import type { IngestionLiveSubscription, OverviewQuery } from '../gql/graphql';
import type { Dict, Lang } from '../i18n';
import { IngestionLive, Overview, StandingsLive } from '../queries';
import { shareMeeting, STANDARDS, starsOf, type StandardId } from '../standards';

type Region = NonNullable<OverviewQuery['region']>;
type Area = Region['children'][number];

/** What the charts show side by side: the region's districts, or a district itself (it has none below it). */
const areasOf = (region: Region): readonly Area[] => (region.children.length > 0 ? region.children : [region]);
type Live = IngestionLiveSubscription['ingestionCounters'];

const pct = (x: number | null, lang: Lang) => (x === null ? '—' : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(x));
const num = (x: number, lang: Lang) => new Intl.NumberFormat(lang).format(x);

export function OverviewView({ code, t, lang }: { code: string; t: Dict; lang: Lang }) {
  const [region, setRegion] = useState<Region | null | undefined>();
  const [loadedAt, setLoadedAt] = useState<string | undefined>();
  const [live, setLive] = useState<Live | undefined>();
  const [colourBy, setColourBy] = useState<StandardId>('jiangsu');

  useEffect(() => {
    const started = performance.now();
    const load = () =>
      query(Overview, { code }).then((d) => {
        setRegion(d.region);
        setLoadedAt(new Date().toISOString());
      });
    void load().then(() => performance.measure('overview-loaded', { start: started }));
    // a standard's distribution moved (evidence or a review changed a school): read the overview again, at most every 2 s
    let pending: ReturnType<typeof setTimeout> | undefined;
    const stopStandings = subscribe(StandingsLive, { region: code }, () => {
      pending ??= setTimeout(() => {
        pending = undefined;
        void load();
      }, 2_000);
    });
    const stopIngestion = subscribe(IngestionLive, { region: code }, (d) => setLive(d.ingestionCounters));
    return () => {
      stopStandings();
      stopIngestion();
      if (pending) clearTimeout(pending);
    };
  }, [code]);

  const liveAge = useAge(live?.at ?? loadedAt);
  const standingsAge = useAge(loadedAt);
  const lastEventAge = useAge(region?.ingestion.lastEventAt);

  const treemap = useMemo(() => {
    if (!region) return undefined;
    const rows = areasOf(region).map((c) => ({ name: c.name, schools: c.schoolCount, share: shareMeeting(colourBy, c[colourBy]) }));
    return {
      rows,
      option: {
        tooltip: { formatter: (p: { name: string; value: [number, number | null] }) => `${p.name}<br/>${t.schools} ${p.value[0]} · ${pct(p.value[1], lang)}` },
        visualMap: {
          min: 0,
          max: 1,
          dimension: 1,
          show: true,
          orient: 'horizontal',
          left: 'center',
          bottom: 0,
          inRange: { color: ['#d7263d', '#f4d35e', '#2a9d8f'] },
          text: ['100%', '0%'],
        },
        series: [
          {
            type: 'treemap',
            roam: false,
            nodeClick: false,
            breadcrumb: { show: false },
            visualDimension: 1,
            label: { show: true, formatter: '{b}' },
            data: rows.map((r) => ({ name: r.name, value: [r.schools, r.share ?? 0] })),
          },
        ],
      },
    };
  }, [region, colourBy, t, lang]);

  const ningxia = useMemo(() => {
    if (!region) return undefined;
    const levels = [...new Set(areasOf(region).flatMap((c) => c.ningxia?.distribution.map((d) => d.label) ?? []))].sort((a, b) => starsOf(a) - starsOf(b));
    const rows = areasOf(region).map((c) => {
      const counts = Object.fromEntries((c.ningxia?.distribution ?? []).map((d) => [d.label, d.count]));
      const rated = c.ningxia?.schools ?? 0;
      const threeStar = (c.ningxia?.distribution ?? []).filter((d) => starsOf(d.label) >= 3).reduce((n, d) => n + d.count, 0);
      const heldBack = (c.ningxia?.threeStarCap ?? []).reduce((n, cap) => n + cap.heldBack.length, 0);
      return { name: c.name, counts, share: rated ? threeStar / rated : 0, heldBack };
    });
    return {
      levels,
      rows,
      option: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 50, top: 40, bottom: 40 },
        xAxis: { type: 'category', data: rows.map((r) => r.name) },
        yAxis: [
          { type: 'value', name: t.schools },
          { type: 'value', name: '★≥3', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
        ],
        series: [
          ...levels.map((l) => ({ name: `${starsOf(l)}${t.stars}`, type: 'bar', stack: 'stars', data: rows.map((r) => r.counts[l] ?? 0) })),
          {
            name: '★≥3 %',
            type: 'line',
            yAxisIndex: 1,
            data: rows.map((r) => r.share),
            markLine: { symbol: 'none', lineStyle: { color: '#d7263d', type: 'dashed' }, label: { formatter: t.capLine }, data: [{ yAxis: 0.3 }] },
          },
        ],
      },
    };
  }, [region, t]);

  // Ningxia's region rulings: only the schools a rule changed (held back by the cap, lowered by 第十四条), with why.
  const ruled = (region?.ningxiaRulings?.districts ?? []).flatMap((d) =>
    d.schools.filter((s) => s.capped || s.downgraded).map((s) => ({ district: d.name ?? d.district, ...s })),
  );

  if (region === undefined) return <p>{t.loading}</p>;
  if (region === null) return <p>{t.noData}</p>;
  const accepted = live?.accepted ?? region.ingestion.accepted;
  return (
    <>
      <section className="tiles" aria-label={t.overview} data-testid="tiles">
        <div className="tile" data-testid="tile-schools">
          <div className="label">{t.schools}</div>
          <div className="value">{num(region.schoolCount, lang)}</div>
          <div className="note">{region.name}</div>
        </div>
        <div className="tile" data-testid="tile-events">
          <div className="label">{t.eventsToday}</div>
          <div className="value">{num(accepted, lang)}</div>
          <div className="fresh" data-testid="live-age">
            {t.live} · {t.updated} {ageText(liveAge, t)}
          </div>
        </div>
        <div className="tile" data-testid="tile-freshness">
          <div className="label">{t.freshness}</div>
          <div className="value">{ageText(lastEventAge, t)}</div>
          <div className="note">{t.lastEvent}</div>
        </div>
        {STANDARDS.map((s) => (
          <div className="tile" key={s} data-testid={`tile-${s}`}>
            <div className="label">
              {t.standard[s]} · {t.meeting}
            </div>
            <div className="value">{pct(shareMeeting(s, region[s]), lang)}</div>
            <div className="note">
              {t.meetingRule[s]} · {num(region[s]?.schools ?? 0, lang)} {t.schools}
            </div>
          </div>
        ))}
      </section>
      <p className="fresh" data-testid="standings-age">
        {t.live} · {t.updated} {ageText(standingsAge, t)}
      </p>
      <section className="panels">
        {treemap && (
          <div>
            <label>
              {t.colourBy}{' '}
              <select data-testid="colour-by" value={colourBy} onChange={(e) => setColourBy(e.target.value as StandardId)}>
                {STANDARDS.map((s) => (
                  <option key={s} value={s}>
                    {t.standard[s]} · {t.meetingRule[s]}
                  </option>
                ))}
              </select>
            </label>
            <Chart
              id="districts"
              title={t.districts}
              option={treemap.option}
              table={{
                head: [t.district, t.schools, t.meeting],
                rows: treemap.rows.map((r) => [r.name, r.schools, r.share === null ? '' : Math.round(r.share * 1000) / 1000]),
              }}
            />
          </div>
        )}
        {ningxia && (
          <Chart
            id="ningxia-stars"
            title={t.ningxiaStars}
            option={ningxia.option}
            table={{
              head: [t.district, ...ningxia.levels.map((l) => `${starsOf(l)}${t.stars}`), '★≥3 %', 'held back'],
              rows: ningxia.rows.map((r) => [r.name, ...ningxia.levels.map((l) => r.counts[l] ?? 0), Math.round(r.share * 1000) / 1000, r.heldBack]),
            }}
          />
        )}
        {region.ningxiaRulings && (
          <div data-testid="ningxia-rulings">
            <h2>
              {t.rulings} · {region.ningxiaRulings.year}
            </h2>
            {ruled.length === 0 ? (
              <p>{t.rulingsNone}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    {[t.rulingsHead.district, t.rulingsHead.school, t.rulingsHead.afterCap, t.rulingsHead.final, t.rulingsHead.reasons].map((h) => (
                      <th key={h} scope="col">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {ruled.map((r) => (
                    <tr key={r.school}>
                      <td>{r.district}</td>
                      <td>{r.school}</td>
                      <td>{`${r.starsAfterCap}${t.stars}`}</td>
                      <td>{`${r.finalStars}${t.stars}`}</td>
                      <td>{r.reasons.join('；')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
      </section>
    </>
  );
}
