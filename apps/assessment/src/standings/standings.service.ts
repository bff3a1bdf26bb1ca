import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { STANDARD_IDS, type StandardId } from '@educube/assessment-catalog';
import { standingOf, monthOf } from '@educube/assessment-standings';
import type { IndexedDirectory, OrgDirectory } from '@educube/identity-client';
import type { SqlDatabase } from '@educube/postgres';
import { EvidenceService } from '../evidence/evidence.service';
import { ORG_DIRECTORY } from '../identity/org-directory';
import { ReviewService } from '../review/review.service';
import { SQL_DATABASE } from '../storage/storage';
import { sheetOf } from './sheet';
import { openStandingsStore, type ComputedStanding, type StandingsStore } from './standings-store';

/** After identity could not be reached, standings wait this long before asking again. */
const IDENTITY_RETRY_MS = 5_000;

/**
 * A standings round that stored everything it scored: the tree it placed schools with, and
 * whether the evidence it scored was at the feed's end (not part-way through a replay or catch-up).
 */
export interface StandingsRound {
  readonly directory: IndexedDirectory;
  readonly atFeedEnd: boolean;
}

/**
 * Keeps every school's standing and its district's roll-ups current, in the evidence refresh:
 * after each round, the schools it re-evaluated, those a review changed and those identity's tree
 * now places elsewhere get their default sheets scored again (stored evidence + the review
 * stream's last column); a standing that changed rewrites its district's rows.
 */
@Injectable()
export class StandingsService implements OnModuleInit {
  private readonly logger = new Logger('assessment-standings');
  private store!: StandingsStore;
  /** Schools to score again (reviews, moves, a failed round). */
  private readonly pending = new Set<string>();
  /** (district, standard) pairs whose roll-ups are behind their standings. */
  private readonly staleDistricts = new Map<string, { district: string; standard: StandardId }>();
  /** Each school's district as stored: compared with each new directory to find moves. */
  private districtOf = new Map<string, string | null>();
  private lastDirectory: IndexedDirectory | undefined;
  private retryAfter = 0;
  private refreshedAt: Date | undefined;
  private standingsWritten = 0;
  private districtsRecomputed = 0;
  private lastError: string | undefined;
  private readonly roundListeners: ((round: StandingsRound) => Promise<void>)[] = [];

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly evidence: EvidenceService,
    private readonly reviews: ReviewService,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  async onModuleInit(): Promise<void> {
    this.store = await openStandingsStore(this.db);
    this.districtOf = await this.store.districts();
    // the roll-ups are rebuilt once per start from the stored standings (cheap: per district)
    for (const d of await this.store.districtStandards()) this.staleDistricts.set(`${d.district}|${d.standard}`, d);
    this.evidence.onRefreshed((schools, asOf, atFeedEnd) => this.refresh(schools, asOf, atFeedEnd));
    this.reviews.onRecorded((school) => this.pending.add(school));
  }

  /**
   * Called after each round that stored every standing it scored (what derives from standings,
   * the regression alerts, follows in the same refresh). A listener's failure is logged and stays
   * its own: the standings are stored either way.
   */
  onRefreshed(listener: (round: StandingsRound) => Promise<void>): void {
    this.roundListeners.push(listener);
  }

  get storeForReads(): StandingsStore {
    return this.store;
  }

  /** The tree on the assessment's as-of date (cached 30 s by the client). */
  directoryNow(): Promise<IndexedDirectory> {
    return this.directory.on(this.evidence.asOf());
  }

  private async refresh(evaluated: readonly string[], asOf: string, atFeedEnd: boolean): Promise<void> {
    for (const s of evaluated) this.pending.add(s);
    if (this.pending.size === 0 && this.staleDistricts.size === 0 && this.districtOf.size === 0) return;
    if (Date.now() < this.retryAfter) return;
    let directory: IndexedDirectory;
    try {
      directory = await this.directory.on(asOf);
    } catch (error) {
      this.retryAfter = Date.now() + IDENTITY_RETRY_MS;
      this.fail(`identity's tree is needed to place schools: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (directory !== this.lastDirectory) {
      // a school identity now places elsewhere moves its standing and its counts
      for (const [school, district] of this.districtOf) if ((directory.school(school)?.regionCode ?? null) !== district) this.pending.add(school);
      this.lastDirectory = directory;
    }
    const schools = [...this.pending].sort();
    this.pending.clear();
    try {
      for (const school of schools) {
        const district = directory.school(school)?.regionCode ?? null;
        const computed = await this.compute(school);
        if (computed.length === 0) continue;
        const { written, touched } = await this.store.save(school, district, computed, asOf);
        for (const t of touched) this.staleDistricts.set(`${t.district}|${t.standard}`, t);
        this.standingsWritten += written;
        this.districtOf.set(school, district);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const month = monthOf(asOf);
      for (const [key, { district, standard }] of [...this.staleDistricts]) {
        await this.store.recompute(district, standard, month);
        this.staleDistricts.delete(key);
        this.districtsRecomputed += 1;
      }
      this.refreshedAt = new Date();
      this.lastError = undefined;
    } catch (error) {
      for (const s of schools) this.pending.add(s);
      this.fail(`storing standings failed (will retry): ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    for (const listener of this.roundListeners) {
      await listener({ directory, atFeedEnd }).catch((error: unknown) =>
        this.logger.warn(`after the standings round: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }

  /** The school's standing under every standard, from its stored evidence and its review streams. */
  private async compute(school: string): Promise<ComputedStanding[]> {
    const stored = await this.evidence.read(school);
    if (stored.length === 0) return [];
    const out: ComputedStanding[] = [];
    for (const standard of STANDARD_IDS) {
      const { state } = await this.reviews.load(school, standard);
      const { rows, verdict } = sheetOf(
        standard,
        stored.filter((e) => e.standard === standard),
        state,
      );
      out.push({ school, standing: standingOf(standard, verdict), metItems: rows.filter((r) => r.met).map((r) => r.itemId) });
    }
    return out;
  }

  private fail(message: string): void {
    this.lastError = message;
    this.logger.warn(message);
  }

  status() {
    return {
      pendingSchools: this.pending.size,
      staleDistricts: this.staleDistricts.size,
      schools: this.districtOf.size,
      standingsWritten: this.standingsWritten,
      districtsRecomputed: this.districtsRecomputed,
      refreshedAt: this.refreshedAt?.toISOString() ?? null,
      error: this.lastError ?? null,
    };
  }
}
