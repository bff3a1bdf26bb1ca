import { Injectable } from '@nestjs/common';
import type { Channel, EventResult } from '@educube/warehouse-ingestion';
import type { Arrival } from './ingestor';

interface Counter {
  schoolCode: string;
  source: string;
  lastEventTime: string | undefined;
  lastReceivedAt: Date | undefined;
  accepted: number;
  duplicates: number;
  conflicts: number;
  rejects: number;
  parked: number;
  /** accepted per minute over the last 15 minutes, keyed by minute since epoch */
  perMinute: Map<number, number>;
}

const WINDOW_MINUTES = 15;

/**
 * What ingestion health shows per source system and school, kept in memory since the start
 * (the durable record is the store and the dead letters; these are operating figures).
 */
@Injectable()
export class IngestionStats {
  private readonly counters = new Map<string, Counter>();
  /** the figures count from here (the durable record is the store and the dead letters) */
  readonly startedAt = new Date();
  readonly byChannel: Record<Channel, { batches: number; events: number }> = { http: { batches: 0, events: 0 }, kafka: { batches: 0, events: 0 } };

  record(
    channel: Channel,
    results: readonly EventResult[],
    arrivals: readonly Arrival[],
    now: Date,
    schoolOf: (claimed: string | null) => string = (claimed) => claimed ?? '(unknown)',
  ): void {
    this.byChannel[channel].batches += 1;
    this.byChannel[channel].events += results.length;
    const minute = Math.floor(now.getTime() / 60_000);
    results.forEach((r, i) => {
      const raw = arrivals[i]?.raw;
      const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      const schoolCode = schoolOf(typeof o['subject'] === 'string' ? o['subject'] : null);
      const source = typeof o['source'] === 'string' ? o['source'] : '(unknown)';
      const key = `${source}\u0000${schoolCode}`;
      let c = this.counters.get(key);
      if (!c) {
        c = {
          schoolCode,
          source,
          lastEventTime: undefined,
          lastReceivedAt: undefined,
          accepted: 0,
          duplicates: 0,
          conflicts: 0,
          rejects: 0,
          parked: 0,
          perMinute: new Map(),
        };
        this.counters.set(key, c);
      }
      c.lastReceivedAt = now;
      const time = typeof o['time'] === 'string' ? o['time'] : undefined;
      if (r.status === 'accepted' && time && (!c.lastEventTime || Date.parse(time) > Date.parse(c.lastEventTime))) c.lastEventTime = time;
      if (r.status === 'accepted') {
        c.accepted += 1;
        c.perMinute.set(minute, (c.perMinute.get(minute) ?? 0) + 1);
      } else if (r.status === 'duplicate') c.duplicates += 1;
      else if (r.status === 'conflict') c.conflicts += 1;
      else if (r.status === 'rejected') c.rejects += 1;
      else c.parked += 1;
    });
    for (const c of this.counters.values()) for (const m of c.perMinute.keys()) if (m <= minute - WINDOW_MINUTES) c.perMinute.delete(m);
  }

  /** Per source and school: counts, last event, events per minute over the last 5 minutes. */
  sources(now = new Date()): {
    source: string;
    schoolCode: string;
    lastEventTime: string | null;
    lastReceivedAt: string | null;
    eventsPerMinute: number;
    accepted: number;
    duplicates: number;
    conflicts: number;
    rejects: number;
    parked: number;
  }[] {
    const minute = Math.floor(now.getTime() / 60_000);
    return [...this.counters.values()]
      .map((c) => {
        let recent = 0;
        for (const [m, n] of c.perMinute) if (m > minute - 5) recent += n;
        return {
          source: c.source,
          schoolCode: c.schoolCode,
          lastEventTime: c.lastEventTime ?? null,
          lastReceivedAt: c.lastReceivedAt?.toISOString() ?? null,
          eventsPerMinute: Math.round((recent / 5) * 10) / 10,
          accepted: c.accepted,
          duplicates: c.duplicates,
          conflicts: c.conflicts,
          rejects: c.rejects,
          parked: c.parked,
        };
      })
      .sort((a, b) => (a.schoolCode === b.schoolCode ? a.source.localeCompare(b.source) : a.schoolCode.localeCompare(b.schoolCode)));
  }
}
