import type { SchemaOwner } from '@educube/postgres';

// Published migrations never change (the migrator refuses an edited one): a change to a table
// is a new migration at the end of the list. The baseline is the schema the store created with
// `if not exists` at start before there were migrations, kept so, so that it adopts a database
// that code made. The `warehouse` schema is shared with the other warehouse stores; the owner
// name keeps their migrations apart in its ledger.
export const SOURCE_FACTS_SCHEMA: SchemaOwner = {
  owner: 'warehouse-source-facts',
  schema: 'warehouse',
  migrations: [
    {
      name: '0001-baseline',
      sql: `
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
`,
    },
  ],
};
