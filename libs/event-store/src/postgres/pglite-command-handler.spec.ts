import { PGlite } from '@electric-sql/pglite';
import { fromPGlite } from '@educube/postgres';
import { commandHandlerContract } from '../command-handler.contract';
import { PostgresEventStore } from './postgres-event-store';

// One connection: the racing commands interleave at each await rather than run side by side;
// postgres-command-handler.int.spec.ts runs them on separate connections of a real server.
commandHandlerContract('PostgreSQL adapter on PGlite', () => PostgresEventStore.open(fromPGlite(new PGlite())));
