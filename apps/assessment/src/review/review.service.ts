import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { StandardId } from '@educube/assessment-catalog';
import { decide, evolveAll, initialState, reviewEventSchema, type DocumentRef, type ReviewCommand, type ReviewEvent, type ReviewState } from '@educube/assessment-review';
import { PostgresEventStore, streamId, WrongExpectedVersionError } from '@educube/event-store';
import type { TokenActor } from '@educube/oidc';
import type { SqlDatabase } from '@educube/postgres';
import { Problem, type ProblemItem } from '../http/problem';
import { SQL_DATABASE } from '../storage/storage';

// Uploaded documents are kept by content: the same file uploaded twice is stored once, and an
// attestation names its documents by SHA-256, so what a reviewer opens is what was attested.
// Keyed by school and hash: two schools uploading the same file each hold their own copy, and
// nothing one school does (cite, download, probe by hash) touches another's documents.
const DOCUMENTS_SCHEMA = `
create table if not exists assessment_school_documents (
  school      text not null,
  sha256      text not null,
  media_type  text not null,
  bytes       integer not null,
  content     bytea not null,
  uploaded_by text not null,
  uploaded_at timestamptz not null default now(),
  primary key (school, sha256)
);`;

const wellFormedDocuments = (documents: unknown): documents is DocumentRef[] =>
  Array.isArray(documents) && documents.every((d) => d !== null && typeof d === 'object' && typeof (d as DocumentRef).sha256 === 'string' && typeof (d as DocumentRef).bytes === 'number');

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const reviewStream = (school: string, standard: StandardId): string => streamId('review', `${school}.${standard}`);

/**
 * Attestations, reviews and overrides as events in the assessment's own event store, one stream
 * per school and standard; the decisions are the review lib's, this class loads, decides and
 * appends with the stream's version (a concurrent reviewer makes one of the two retry).
 */
@Injectable()
export class ReviewService implements OnModuleInit {
  private store!: PostgresEventStore;
  private readonly recordedListeners: ((school: string, standard: StandardId) => void)[] = [];

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
  ) {}

  async onModuleInit(): Promise<void> {
    // the event store's close() would close the shared connection: the projection closes it
    this.store = await PostgresEventStore.open(this.db);
    await this.db.exec(DOCUMENTS_SCHEMA);
  }

  /** Called after events are appended to a school's review stream (its sheet, so its standing, may have changed). */
  onRecorded(listener: (school: string, standard: StandardId) => void): void {
    this.recordedListeners.push(listener);
  }

  async load(school: string, standard: StandardId): Promise<{ state: ReviewState; version: number }> {
    const recorded = await this.store.readStream(reviewStream(school, standard));
    const events = recorded.map((r) => reviewEventSchema.parse(r.data));
    return { state: evolveAll(events, initialState), version: recorded.length - 1 };
  }

  async execute(command: ReviewCommand, actor: TokenActor, schoolRegionCode: string): Promise<{ events: readonly ReviewEvent[]; state: ReviewState }> {
    const { school, standard } = command.data;
    // only a well-formed list is looked up; any other shape is decide()'s to refuse with the field named
    if (command.type === 'SubmitAttestation' && wellFormedDocuments(command.data.documents)) await this.checkDocuments(school, command.data.documents);
    for (let attempt = 0; ; attempt++) {
      const { state, version } = await this.load(school, standard);
      const decision = decide(state, command, {
        actor: { subject: actor.subject, role: actor.role, scope: actor.scope.kind === 'region' ? { kind: 'region', regionCode: actor.scope.regionCode } : { kind: 'schools', schoolCodes: [...actor.scope.schoolCodes] } },
        schoolRegionCode,
        now: new Date().toISOString(),
        newAttestationId: randomUUID(),
      });
      if (!decision.ok) {
        const forbidden = decision.problems.some((p) => /^(role|scope)\./.test(p.rule));
        throw new Problem(forbidden ? 403 : 422, forbidden ? 'Forbidden' : 'Refused', decision.problems.map((p) => p.message).join('; '), decision.problems);
      }
      // a level repeating its own decision changes nothing
      if (decision.events.length === 0) return { events: [], state };
      try {
        await this.store.append(reviewStream(school, standard), decision.events.map((e) => ({ id: randomUUID(), type: e.type, data: e })), version < 0 ? 'no-stream' : version);
        for (const listener of this.recordedListeners) listener(school, standard);
        return { events: decision.events, state: evolveAll(decision.events, state) };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= 2) throw error;
      }
    }
  }

  async putDocument(school: string, content: Buffer, mediaType: string, name: string, by: string): Promise<DocumentRef> {
    if (content.length === 0) throw new Problem(400, 'Invalid document', 'the document is empty', [{ path: '(body)', rule: 'non-empty', message: 'send the file as the request body' }]);
    if (content.length > MAX_DOCUMENT_BYTES) throw new Problem(413, 'Document too large', `the document is ${content.length} bytes; at most ${MAX_DOCUMENT_BYTES}`, [{ path: '(body)', rule: 'max-bytes', message: 'compress or split the document', value: content.length }]);
    const sha256 = createHash('sha256').update(content).digest('hex');
    await this.db.query('insert into assessment_school_documents (sha256, media_type, bytes, content, school, uploaded_by) values ($1, $2, $3, $4, $5, $6) on conflict (school, sha256) do nothing', [sha256, mediaType, content.length, content, school, by]);
    return { name, mediaType, bytes: content.length, sha256 };
  }

  async getDocument(school: string, sha256: string): Promise<{ mediaType: string; content: Buffer; school: string } | undefined> {
    const { rows } = await this.db.query<{ media_type: string; content: Buffer | Uint8Array; school: string }>('select media_type, content, school from assessment_school_documents where school = $1 and sha256 = $2', [school, sha256]);
    const row = rows[0];
    return row ? { mediaType: row.media_type, content: Buffer.from(row.content), school: row.school } : undefined;
  }

  /** An attestation may cite only documents uploaded first, with the size they have. */
  private async checkDocuments(school: string, documents: readonly DocumentRef[]): Promise<void> {
    const { rows } = await this.db.query<{ sha256: string; bytes: number }>('select sha256, bytes from assessment_school_documents where school = $1 and sha256 = any($2::text[])', [school, documents.map((d) => d.sha256)]);
    const stored = new Map(rows.map((r) => [r.sha256, r.bytes]));
    const problems: ProblemItem[] = [];
    for (const [i, d] of documents.entries()) {
      const bytes = stored.get(d.sha256);
      if (bytes === undefined) problems.push({ path: `documents.${i}.sha256`, rule: 'document.uploaded', message: `no document with SHA-256 ${d.sha256} was uploaded; POST it to /v1/schools/${school}/documents first`, value: d.sha256 });
      else if (bytes !== d.bytes) problems.push({ path: `documents.${i}.bytes`, rule: 'document.bytes', message: `the uploaded document has ${bytes} bytes, not ${d.bytes}`, value: d.bytes });
    }
    if (problems.length) throw new Problem(422, 'Refused', problems.map((p) => p.message).join('; '), problems);
  }
}
