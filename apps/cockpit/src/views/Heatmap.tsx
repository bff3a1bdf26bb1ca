import { useEffect, useMemo, useState } from 'react';
import { query, subscribe } from '../api';
import { Chart } from '../Chart';
import type { HeatmapQuery } from '../gql/graphql';
import type { Dict } from '../i18n';
import { Heatmap, StandingsLive } from '../queries';
import { STANDARDS, type StandardId } from '../standards';

/** Items × districts, met-rate: the twenty items the region meets least, per district; live as standings change. */
export function HeatmapView({ code, t }: { code: string; t: Dict }) {
  const [standard, setStandard] = useState<StandardId>('zhejiang');
  const [data, setData] = useState<HeatmapQuery['region'] | undefined>();
  useEffect(() => {
    let alive = true;
    const load = () => query(Heatmap, { code, standard }).then((d) => alive && setData(d.region));
    setData(undefined);
    void load();
    // the met-rates move when a school's standing does: read them again, at most every 2 s
    let pending: ReturnType<typeof setTimeout> | undefined;
    const stop = subscribe(StandingsLive, { region: code }, () => {
      pending ??= setTimeout(() => {
        pending = undefined;
        void load();
      }, 2_000);
    });
    return () => {
      alive = false;
      stop();
      if (pending) clearTimeout(pending);
    };
  }, [code, standard]);

  const chart = useMemo(() => {
    if (!data?.standing) return undefined;
    const lagging = [...data.standing.items]
      .filter((i) => i.schools > 0)
      .sort((a, b) => a.rate - b.rate)
      .slice(0, 20);
    const districts = data.children;
    const rateOf = (d: (typeof districts)[number], itemId: string) => d.standing?.items.find((i) => i.itemId === itemId);
    const cells = lagging.flatMap((item, y) =>
      districts.map((d, x) => [x, y, rateOf(d, item.itemId)?.schools ? Math.round((rateOf(d, item.itemId)?.rate ?? 0) * 100) : '-']),
    );
    return {
      rows: lagging.map((item) => [
        `${item.number ?? item.itemId} ${item.label}`,
        Math.round(item.rate * 1000) / 1000,
        ...districts.map((d) => {
          const r = rateOf(d, item.itemId);
          return r?.schools ? Math.round(r.rate * 1000) / 1000 : '';
        }),
      ]),
      head: [t.item, t.region, ...districts.map((d) => d.name)],
      option: {
        tooltip: { position: 'top' },
        grid: { left: 220, right: 20, top: 10, bottom: 60 },
        xAxis: { type: 'category', data: districts.map((d) => d.name), splitArea: { show: true } },
        yAxis: { type: 'category', data: lagging.map((i) => `${i.number ?? i.itemId} ${i.label}`.slice(0, 24)), splitArea: { show: true } },
        visualMap: {
          min: 0,
          max: 100,
          calculable: true,
          orient: 'horizontal',
          left: 'center',
          bottom: 0,
          inRange: { color: ['#d7263d', '#f4d35e', '#2a9d8f'] },
        },
        series: [
          {
            type: 'heatmap',
            data: cells,
            label: { show: true, formatter: (p: { value: [number, number, number | string] }) => (p.value[2] === '-' ? '' : `${p.value[2]}%`) },
          },
        ],
      },
    };
  }, [data, t]);

  return (
    <section>
      <label>
        {t.colourBy}{' '}
        <select data-testid="heatmap-standard" value={standard} onChange={(e) => setStandard(e.target.value as StandardId)}>
          {STANDARDS.map((s) => (
            <option key={s} value={s}>
              {t.standard[s]}
            </option>
          ))}
        </select>
      </label>
      {!data ? (
        <p>{t.loading}</p>
      ) : chart ? (
        <Chart id="heatmap" title={`${t.heatmap} · ${t.lagging}`} option={chart.option} table={{ head: chart.head, rows: chart.rows }} height={560} />
      ) : (
        <p>{t.noData}</p>
      )}
    </section>
  );
}
