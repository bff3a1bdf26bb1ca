/**
 * The assessment as a process of its own for cross-process tests (tools/embedded's
 * trace.e2e.spec.ts): identity's answers from memory (school 3302030001 in Haishu), everything
 * else — the warehouse's feed, the issuer, tracing — from the environment. Prints
 * `{"ready":"<url>"}` on one line once it listens, and stops cleanly on SIGTERM.
 */
import { visibilityFrom } from '@educube/identity-client/testing';
import { startService } from '@educube/service-kit';
import { assessmentWith } from './service';

startService(assessmentWith(visibilityFrom([{ code: '3302030001', regionCode: '330203' }])), {
  ASSESSMENT_DATA_DIR: 'memory://',
  LOG_LEVEL: 'silent',
  ...process.env,
}).then(
  (assessment) => {
    process.stdout.write(`${JSON.stringify({ ready: assessment.url })}\n`);
    process.once(
      'SIGTERM',
      () =>
        void assessment.close().then(
          () => process.exit(0),
          () => process.exit(1),
        ),
    );
  },
  (error: unknown) => {
    process.stderr.write(`the traced assessment did not start: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
