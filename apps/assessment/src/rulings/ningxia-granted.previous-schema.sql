create table if not exists assessment_ningxia_granted (
  school      text not null,
  year        integer not null,
  stars       integer not null check (stars = 0 or stars between 2 and 5),
  note        text,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (school, year)
);
