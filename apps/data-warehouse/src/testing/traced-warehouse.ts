/**
 * The warehouse as a process of its own for cross-process tests (tools/embedded's
 * trace.e2e.spec.ts): startTestWarehouse's in-memory identity, with the issuer, port and tracing
 * settings from the environment. Prints `{"ready":"<url>"}` on one line once it listens, and
 * stops cleanly (exporting its last spans) on SIGTERM.
 */
import { startTestWarehouse } from './warehouse';

const env = Object.fromEntries(
  Object.entries(process.env).filter(
    (e): e is [string, string] => typeof e[1] === 'string' && /^(OIDC_|OTEL_|LOG_LEVEL$|PORT$|METRICS_PORT$|HOST$)/.test(e[0]),
  ),
);

startTestWarehouse(env).then(
  (warehouse) => {
    process.stdout.write(`${JSON.stringify({ ready: warehouse.url })}\n`);
    process.once(
      'SIGTERM',
      () =>
        void warehouse.close().then(
          () => process.exit(0),
          () => process.exit(1),
        ),
    );
  },
  (error: unknown) => {
    process.stderr.write(`the traced warehouse did not start: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
