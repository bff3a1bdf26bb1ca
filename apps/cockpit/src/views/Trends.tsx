import { useEffect, useMemo, useState } from 'react';
import { query } from '../api';
import { Chart } from '../Chart';
import type { TrendsQuery } from '../gql/graphql';
import type { Dict } from '../i18n';
import { Trends } from '../queries';

/** Twelve months of the region's activity from the warehouse's roll-ups. */
export function TrendsView({ code, t }: { code: string; t: Dict }) {
  const [data, setData] = useState<TrendsQuery['region'] | undefined>();
  useEffect(() => void query(Trends, { code }).then((d) => setData(d.region)), [code]);
  const chart = useMemo(() => {
    if (!data) return undefined;
    const months = data.activity;
    return {
      option: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 50, right: 60, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: months.map((m) => m.month) },
        yAxis: [{ type: 'value' }, { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } }],
        series: [
          { name: t.spaceEvents, type: 'line', data: months.map((m) => m.teacherSpaceEvents) },
          { name: t.threeClassrooms, type: 'line', data: months.map((m) => m.threeClassroomLessons) },
          { name: t.uploadsPerTeacher, type: 'line', yAxisIndex: 0, data: months.map((m) => m.uploadsPerTeacher) },
          { name: t.attendance, type: 'line', yAxisIndex: 1, data: months.map((m) => m.attendanceRate) },
        ],
      },
      rows: months.map((m) => [m.month, m.teacherSpaceEvents, m.uploadsPerTeacher ?? '', m.threeClassroomLessons, m.attendanceRate ?? '']),
    };
  }, [data, t]);
  if (!data || !chart) return <p>{t.loading}</p>;
  return (
    <Chart
      id="trends"
      title={t.trends}
      option={chart.option}
      table={{ head: [t.month, t.spaceEvents, t.uploadsPerTeacher, t.threeClassrooms, t.attendance], rows: chart.rows }}
      height={360}
    />
  );
}
