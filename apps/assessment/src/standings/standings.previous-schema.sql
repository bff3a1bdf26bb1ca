create table if not exists assessment_standing (
  school          text not null,
  standard        text not null,
  district        text,
  label           text not null,
  region_label    text not null,
  score           double precision,
  stars           integer,
  stars_by_score  integer,
  passed          boolean,
  level           text,
  basic_met       integer,
  basic_total     integer,
  met_items       text[] not null,
  digest          text not null,
  as_of           date not null,
  computed_at     timestamptz not null default now(),
  primary key (school, standard)
);
create index if not exists assessment_standing_district on assessment_standing (district, standard, region_label);
create table if not exists assessment_region_verdicts (
  district    text not null,
  standard    text not null,
  label       text not null,
  count       integer not null,
  sheet_count integer not null,
  primary key (district, standard, label)
);
create table if not exists assessment_region_items (
  district text not null,
  standard text not null,
  item_id  text not null,
  met      integer not null,
  schools  integer not null,
  primary key (district, standard, item_id)
);
create table if not exists assessment_region_trend (
  district   text not null,
  standard   text not null,
  month      text not null,
  label      text not null,
  count      integer not null,
  written_at timestamptz not null default now(),
  primary key (district, standard, month, label)
);
create table if not exists assessment_region_item_trend (
  district   text not null,
  standard   text not null,
  month      text not null,
  item_id    text not null,
  met        integer not null,
  schools    integer not null,
  primary key (district, standard, month, item_id)
);
create table if not exists assessment_region_ningxia_cap (
  district                text not null,
  year                    integer not null,
  cultivated              integer not null,
  places                  integer not null,
  three_star_by_score     integer not null,
  three_star_after_cap    integer not null,
  held_back               text[] not null,
  primary key (district, year)
);
-- What the indicator-regression alerts last compared (the met items and stars a school held when
-- the feed was at its end): null until its first standing was compared. A row whose standing
-- differs from it is pending; the partial index keeps finding those cheap however many schools.
alter table assessment_standing add column if not exists alerted_met_items text[];
alter table assessment_standing add column if not exists alerted_stars integer;
create index if not exists assessment_standing_alert_pending on assessment_standing (school, standard)
  where alerted_met_items is distinct from met_items or alerted_stars is distinct from stars;
