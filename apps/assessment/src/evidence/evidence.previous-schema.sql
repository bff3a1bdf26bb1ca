create table if not exists assessment_evidence (
  school        text not null,
  standard      text not null,
  item_id       text not null,
  as_of         date not null,
  digest        text not null,
  evidence      jsonb not null,
  feed_position numeric(39, 0) not null,
  computed_at   timestamptz not null default now(),
  primary key (school, standard, item_id)
);
-- where each school was placed when its evidence was computed (the 全区 averages pool by it), so a
-- replay without identity pools the same schools
create table if not exists assessment_school_placement (
  school      text primary key,
  region_code text not null
);
