import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaOwner } from '@educube/postgres';
import { migrationContract, scratchPostgres } from '@educube/postgres/testing';
import { ASSESSMENT_EVIDENCE_SCHEMA } from '../evidence/evidence.migrations';
import { ASSESSMENT_APPLIED_EVENTS_SCHEMA } from '../projection/applied-events.migrations';
import { ASSESSMENT_DOCUMENTS_SCHEMA } from '../review/documents.migrations';
import { ASSESSMENT_NINGXIA_GRANTED_SCHEMA } from '../rulings/ningxia-granted.migrations';
import { ASSESSMENT_STANDINGS_SCHEMA } from '../standings/standings.migrations';

// Each of the assessment's stores owns its tables; the fixture beside each is what its start-up ran before.
const owners: readonly (readonly [SchemaOwner, string, string])[] = [
  [
    ASSESSMENT_APPLIED_EVENTS_SCHEMA,
    '../projection/applied-events.previous-schema.sql',
    "insert into assessment_applied_events (id, position, school, event) values ('e-1', 7, '3302030001', '{\"id\":\"e-1\"}');",
  ],
  [
    ASSESSMENT_DOCUMENTS_SCHEMA,
    '../review/documents.previous-schema.sql',
    "insert into assessment_school_documents (school, sha256, media_type, bytes, content, uploaded_by) values ('3302030001', repeat('a', 64), 'application/pdf', 2, '\\x2525', 'p-1');",
  ],
  [
    ASSESSMENT_STANDINGS_SCHEMA,
    '../standings/standings.previous-schema.sql',
    `insert into assessment_standing (school, standard, district, label, region_label, met_items, digest, as_of, alerted_met_items, alerted_stars)
       values ('3302030001', 'ningxia', '330203', 'three-star', 'three-star', '{a,b}', 'd-1', '2026-06-30', '{a}', 3);
     insert into assessment_region_ningxia_cap (district, year, cultivated, places, three_star_by_score, three_star_after_cap, held_back) values ('330203', 2026, 4, 2, 3, 2, '{3302030001}');`,
  ],
  [
    ASSESSMENT_NINGXIA_GRANTED_SCHEMA,
    '../rulings/ningxia-granted.previous-schema.sql',
    "insert into assessment_ningxia_granted (school, year, stars, note, recorded_by) values ('3302030001', 2025, 3, null, 'p-1');",
  ],
  [
    ASSESSMENT_EVIDENCE_SCHEMA,
    '../evidence/evidence.previous-schema.sql',
    `insert into assessment_evidence (school, standard, item_id, as_of, digest, evidence, feed_position) values ('3302030001', 'ningxia', 'A1', '2026-06-30', 'd-1', '{}', 7);
     insert into assessment_school_placement (school, region_code) values ('3302030001', '330203');`,
  ],
];

for (const [owner, fixture, seed] of owners) {
  migrationContract('PostgreSQL', {
    owner,
    previousSchema: readFileSync(join(__dirname, fixture), 'utf8'),
    seed,
    scratch: () => scratchPostgres('assessment_migrate_test'),
  });
}
