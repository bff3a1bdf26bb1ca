create table if not exists assessment_school_documents (
  school      text not null,
  sha256      text not null,
  media_type  text not null,
  bytes       integer not null,
  content     bytea not null,
  uploaded_by text not null,
  uploaded_at timestamptz not null default now(),
  primary key (school, sha256)
);
