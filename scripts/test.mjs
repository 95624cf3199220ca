// `npm test`: type check, lint (with the layer rule), then every vitest test —
// unit, integration on real SQLite files, end-to-end in Chromium. Ends with the
// line CI reads: `N passed, N failed` (the type check and lint count as one test each).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureRendererBuilt } from './renderer-fresh.mjs';

let passed = 0;
let failed = 0;

function step(name, command, args) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(command, args, { stdio: 'inherit' });
  if (r.status === 0) passed++;
  else {
    failed++;
    console.log(`✗ ${name} failed`);
  }
  return r.status === 0;
}

step('typecheck (tsc --noEmit)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('lint (eslint, layer rule)', 'npx', ['eslint', '.']);

console.log('\n▶ build the renderer for the end-to-end tests');
await ensureRendererBuilt();

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-vitest-'));
const extra = process.argv.slice(2);
// Every CLI call of the tests is recorded, for the check that every documented option is run (tests/coverage).
const env = { ...process.env, SANFANG_CLI_RECORD: path.join(work, 'cli-calls.jsonl') };

function vitest(name, args) {
  const report = path.join(work, `${name}.json`);
  spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...args], { stdio: 'inherit', env });
  if (!fs.existsSync(report)) {
    failed++;
    console.log(`✗ vitest (${name}) wrote no report`);
    return;
  }
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A file that fails outside its tests (loading, beforeAll) has no failed test to count,
  // and its tests show as skipped: count the file itself as a failure.
  failed += json.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
}

vitest('tests', extra);
// Only a whole run can say that no test runs an option.
if (extra.length === 0) {
  console.log('\n▶ every CLI option is run by a test');
  vitest('cli-coverage', ['--config', 'vitest.coverage.config.ts']);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
