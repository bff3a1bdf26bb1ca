import { randomUUID } from 'node:crypto';
import { sha256Hex } from '@educube/canonical-json';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { StandardId } from '@educube/assessment-catalog';
import {
  decide,
  evolve,
  initialState,
  reviewEventSchema,
  type DocumentRef,
  type ReviewCommand,
  type ReviewEvent,
  type ReviewState,
} from '@educube/assessment-review';
import { accepted, handleCommand, PostgresEventStore, refused, streamId, streamSource, type StreamDecider } from '@educube/event-store';
import type { TokenActor } from '@educube/oidc';
import { migrate, type SqlDatabase } from '@educube/postgres';
import { ASSESSMENT_DOCUMENTS_SCHEMA } from './documents.migrations';
import { SQL_DATABASE } from '../storage/storage';

const wellFormedDocuments = (documents: unknown): documents is DocumentRef[] =>
  Array.isArray(documents) &&
  documents.every((d) => d !== null && typeof d === 'object' && typeof (d as DocumentRef).sha256 === 'string' && typeof (d as DocumentRef).bytes === 'number');

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const reviewStream = (school: string, standard: StandardId): string => streamId('review', `${school}.${standard}`);

/** A review event is stored whole (its type and data) as the stream's event data. */
const reviewDecider: StreamDecider<ReviewState, ReviewEvent> = {
  initialState: () => initialState,
  evolve,
  read: (recorded) => reviewEventSchema.parse(recorded.data),
};

/** One reason the review refused a command: the field, the rule, what to do, and the value when it helps. */
export interface ReviewProblem {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
  readonly value?: unknown;
}

/** What became of a review command; the controller answers each in HTTP. */
export type ReviewOutcome =
  /** Recorded (no events: the level repeated its own decision, nothing changed). */
  | { readonly kind: 'recorded'; readonly events: readonly ReviewEvent[]; readonly state: ReviewState }
  /** The command breaks a review rule or cites documents that are not there. */
  | { readonly kind: 'refused'; readonly problems: readonly ReviewProblem[] }
  /** The person may not take this action on this school (role, level or region). */
  | { readonly kind: 'forbidden'; readonly problems: readonly ReviewProblem[] }
  /** Other reviewers kept appending to the stream on every attempt: nothing recorded, try again. */
  | { readonly kind: 'conflict'; readonly attempts: number };

export type DocumentOutcome =
  | { readonly kind: 'stored'; readonly document: DocumentRef }
  | { readonly kind: 'empty' }
  | { readonly kind: 'tooLarge'; readonly bytes: number; readonly max: number };

/**
 * Attestations, reviews and overrides as events in the assessment's own event store, one stream
 * per school and standard; the decisions are the review lib's, the loop around them the event
 * store's command handler. Refusals come back as outcomes, never as HTTP errors.
 */
@Injectable()
export class ReviewService implements OnModuleInit {
  private store!: PostgresEventStore;
  private readonly recordedListeners: ((school: string, standard: StandardId) => void)[] = [];

  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  async onModuleInit(): Promise<void> {
    // the event store's close() would close the shared connection: the projection closes it
    this.store = await PostgresEventStore.open(this.db);
    await migrate(this.db, ASSESSMENT_DOCUMENTS_SCHEMA);
  }

  /** Called after events are appended to a school's review stream (its sheet, so its standing, may have changed). */
  onRecorded(listener: (school: string, standard: StandardId) => void): void {
    this.recordedListeners.push(listener);
  }

  async load(school: string, standard: StandardId): Promise<{ state: ReviewState; version: number }> {
    const { state, expected } = await streamSource(this.store, reviewStream(school, standard), reviewDecider).load();
    return { state, version: typeof expected === 'number' ? expected : -1 };
  }

  /**
   * Decides a review command against the school's stream and records what it decided: load →
   * decide → append at the loaded version, again on a concurrent reviewer's append (the event
   * store's one command handler). Answers the decision; the controller says it in HTTP.
   */
  async execute(command: ReviewCommand, actor: TokenActor, schoolRegionCode: string): Promise<ReviewOutcome> {
    const { school, standard } = command.data;
    // only a well-formed list is looked up; any other shape is decide()'s to refuse with the field named
    if (command.type === 'SubmitAttestation' && wellFormedDocuments(command.data.documents)) {
      const problems = await this.documentProblems(school, command.data.documents);
      if (problems.length) return { kind: 'refused', problems };
    }
    const principal = {
      subject: actor.subject,
      role: actor.role,
      scope:
        actor.scope.kind === 'region'
          ? { kind: 'region' as const, regionCode: actor.scope.regionCode }
          : { kind: 'schools' as const, schoolCodes: [...actor.scope.schoolCodes] },
    };
    const outcome = await handleCommand(this.store, reviewStream(school, standard), reviewDecider, (state) => {
      // a time and an id per attempt: a retried decision is a new decision
      const decision = decide(state, command, { actor: principal, schoolRegionCode, now: new Date().toISOString(), newAttestationId: randomUUID() });
      return decision.ok ? accepted(decision.events) : refused(decision.problems);
    });
    switch (outcome.kind) {
      case 'recorded':
        for (const listener of this.recordedListeners) listener(school, standard);
        return { kind: 'recorded', events: outcome.events, state: outcome.state };
      case 'unchanged':
        // a level repeating its own decision changes nothing
        return { kind: 'recorded', events: [], state: outcome.state };
      case 'refused':
        // who may act is the review rules' to say too: their role and scope rules are refusals of the person, not of the command
        return outcome.refusal.some((p) => /^(role|scope)\./.test(p.rule))
          ? { kind: 'forbidden', problems: outcome.refusal }
          : { kind: 'refused', problems: outcome.refusal };
      case 'conflict':
        return { kind: 'conflict', attempts: outcome.attempts };
      default:
        return outcome satisfies never;
    }
  }

  /** Stores a school's document by its content; the same bytes twice are stored once. */
  async putDocument(school: string, content: Buffer, mediaType: string, name: string, by: string): Promise<DocumentOutcome> {
    if (content.length === 0) return { kind: 'empty' };
    if (content.length > MAX_DOCUMENT_BYTES) return { kind: 'tooLarge', bytes: content.length, max: MAX_DOCUMENT_BYTES };
    const sha256 = sha256Hex(content);
    await this.db.query(
      'insert into assessment_school_documents (sha256, media_type, bytes, content, school, uploaded_by) values ($1, $2, $3, $4, $5, $6) on conflict (school, sha256) do nothing',
      [sha256, mediaType, content.length, content, school, by],
    );
    return { kind: 'stored', document: { name, mediaType, bytes: content.length, sha256 } };
  }

  async getDocument(school: string, sha256: string): Promise<{ mediaType: string; content: Buffer; school: string } | undefined> {
    const { rows } = await this.db.query<{ media_type: string; content: Buffer | Uint8Array; school: string }>(
      'select media_type, content, school from assessment_school_documents where school = $1 and sha256 = $2',
      [school, sha256],
    );
    const row = rows[0];
    return row ? { mediaType: row.media_type, content: Buffer.from(row.content), school: row.school } : undefined;
  }

  /** An attestation may cite only documents uploaded first, with the size they have: what is wrong with each. */
  private async documentProblems(school: string, documents: readonly DocumentRef[]): Promise<ReviewProblem[]> {
    const { rows } = await this.db.query<{ sha256: string; bytes: number }>(
      'select sha256, bytes from assessment_school_documents where school = $1 and sha256 = any($2::text[])',
      [school, documents.map((d) => d.sha256)],
    );
    const stored = new Map(rows.map((r) => [r.sha256, r.bytes]));
    const problems: ReviewProblem[] = [];
    for (const [i, d] of documents.entries()) {
      const bytes = stored.get(d.sha256);
      if (bytes === undefined)
        problems.push({
          path: `documents.${i}.sha256`,
          rule: 'document.uploaded',
          message: `no document with SHA-256 ${d.sha256} was uploaded; POST it to /v1/schools/${school}/documents first`,
          value: d.sha256,
        });
      else if (bytes !== d.bytes)
        problems.push({
          path: `documents.${i}.bytes`,
          rule: 'document.bytes',
          message: `the uploaded document has ${bytes} bytes, not ${d.bytes}`,
          value: d.bytes,
        });
    }
    return problems;
  }
}
