// Adds up the Jest JSON reports of every project and tier into the one closing line
// CI reads ("N passed, N failed, N skipped"), with a line per project and tier above it.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  // A suite that failed to load has no tests to count; count it as a failure, not silence.
  const broken = r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests + broken;
  totals.skipped += skipped;
  console.log(`  ${file.replace(/\.json$/, '').padEnd(40)} ${r.numPassedTests} passed, ${r.numFailedTests + broken} failed, ${skipped} skipped`);
}
const present = new Set(
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, '')),
);
for (const name of (process.env.EXPECTED_REPORTS ?? '').split(/\s+/).filter(Boolean)) {
  if (present.has(name)) continue;
  totals.failed += 1;
  console.log(`  ${name.padEnd(40)} no report: the test runner crashed or did not run (counted as 1 failed)`);
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (totals.failed > 0) process.exitCode = 1;
if (totals.passed === 0) {
  console.error('no test ran');
  process.exitCode = 1;
}
