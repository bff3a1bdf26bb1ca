import type { SchemaOwner } from '@educube/postgres';

// Published migrations never change (the migrator refuses an edited one): a change to a table
// is a new migration at the end of the list. The baseline is the schema the store created with
// `if not exists` at start before there were migrations, kept so, so that it adopts a database
// that code made. No schema: the assessment's tables sit in the connection's search_path.

// Uploaded documents are kept by content: the same file uploaded twice is stored once, and an
// attestation names its documents by SHA-256, so what a reviewer opens is what was attested.
// Keyed by school and hash: two schools uploading the same file each hold their own copy, and
// nothing one school does (cite, download, probe by hash) touches another's documents.
export const ASSESSMENT_DOCUMENTS_SCHEMA: SchemaOwner = {
  owner: 'assessment-documents',
  migrations: [
    {
      name: '0001-baseline',
      sql: `
create table if not exists assessment_school_documents (
  school      text not null,
  sha256      text not null,
  media_type  text not null,
  bytes       integer not null,
  content     bytea not null,
  uploaded_by text not null,
  uploaded_at timestamptz not null default now(),
  primary key (school, sha256)
);`,
    },
  ],
};
