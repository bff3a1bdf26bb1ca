import { useEffect, useState } from 'react';
import type { Dict } from './i18n';

/** An age in the largest unit that keeps it readable: 42 秒前, 5 分钟前, 3 小时前, 2 天前. */
export function ageText(seconds: number | null, t: Dict): string {
  if (seconds === null) return '—';
  if (seconds < 120) return `${seconds} ${t.secondsAgo}`;
  if (seconds < 7_200) return `${Math.floor(seconds / 60)} ${t.minutesAgo}`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3_600)} ${t.hoursAgo}`;
  return `${Math.floor(seconds / 86_400)} ${t.daysAgo}`;
}

/** Seconds since `iso`, refreshed every second: what each live panel says of its freshness. */
export function useAge(iso: string | null | undefined): number | null {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return iso ? Math.max(0, Math.round((now - Date.parse(iso)) / 1000)) : null;
}
