create schema if not exists warehouse;
create table if not exists warehouse.source_receipts (
  school_code text not null,
  source text not null,
  last_received_at timestamptz not null,
  primary key (school_code, source)
);
create table if not exists warehouse.source_counts (
  school_code text not null,
  source text not null,
  bucket_start timestamptz not null,
  accepted int not null,
  rejected int not null,
  primary key (school_code, source, bucket_start)
);
create index if not exists source_counts_bucket on warehouse.source_counts (bucket_start);
