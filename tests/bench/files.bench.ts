/**
 * Issue 12's memory figures: the peak resident memory (RSS) of the CLI
 * importing a 20,000-part roster, and of refusing a 1,000,000-row CSV, each
 * beside a raw baseline in its own process (ExcelJS `load` plus bare
 * inserts; reading and decoding the same CSV) and the ratio, with the times.
 * A hostile file must be refused quickly without holding much more than the
 * file itself.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROSTER_HEADERS } from '../../shared/domain/roster-rows';
import { generateRoster, writeRosterXlsx } from '../fixtures/roster-generator';

const MB = 1024 * 1024;

/** Run a Node script as its own process; its peak RSS (bytes), wall time (ms) and exit code. */
function measure(work: string, args: string[]): { rss: number; ms: number; code: number | null } {
  const rssFile = path.join(work, `rss-${process.hrtime.bigint()}`);
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--import', './tests/bench/peak-rss.mjs', ...args], {
    encoding: 'utf8', env: { ...process.env, PEAK_RSS_FILE: rssFile }, maxBuffer: 64 * MB,
  });
  const ms = performance.now() - start;
  return { rss: Number(fs.readFileSync(rssFile, 'utf8')), ms, code: r.status };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function reportMemory(name: string, app: { rss: number; ms: number }, raw: { rss: number; ms: number }, target: string) {
  const mb = (b: number) => `${(b / MB).toFixed(0).padStart(5)} MB`;
  console.log(`${name.padEnd(44)} app ${mb(app.rss)} in ${(app.ms / 1000).toFixed(2)} s   raw ${mb(raw.rss)} in ${(raw.ms / 1000).toFixed(2)} s   ratio ${(app.rss / raw.rss).toFixed(2).padStart(5)}×   target ${target}`);
}

export async function benchRosterMemory(work: string): Promise<void> {
  const roster = path.join(work, 'roster-rss-20000.xlsx');
  await writeRosterXlsx(roster, generateRoster({ parts: 20_000, seed: 13 }));
  const runs = [0, 1, 2].map((i) => ({
    raw: measure(work, ['tests/bench/raw-import.mjs', roster, path.join(work, `rss-raw-${i}.sqlite`)]),
    app: measure(work, ['scripts/cli.mjs', '--data-dir', path.join(work, `rss-app-${i}`), 'import-roster', '--community', '内存基准小区', roster]),
  }));
  if (runs.some((r) => r.app.code !== 0 || r.raw.code !== 0)) throw new Error('the roster import failed');
  const pick = (side: 'app' | 'raw') => ({ rss: median(runs.map((r) => r[side].rss)), ms: median(runs.map((r) => r[side].ms)) });
  reportMemory('peak RSS: import a 20,000-part xlsx (median of 3)', pick('app'), pick('raw'), 'bounded');

  // A million rows of 22 bytes: under the file-size limit, so the row count refuses it.
  const million = path.join(work, 'roster-1000000.csv');
  fs.writeFileSync(million, `${ROSTER_HEADERS.join(',')}\n${'1幢,,101,,90,,,甲,,\n'.repeat(1_000_000)}`);
  const refusals = [0, 1, 2].map(() => ({
    raw: measure(work, ['tests/bench/raw-read.mjs', million]),
    app: measure(work, ['scripts/cli.mjs', '--data-dir', path.join(work, 'rss-refuse'), 'import-roster', '--community', '百万行小区', million]),
  }));
  if (refusals.some((r) => r.app.code !== 1)) throw new Error('the million-row file was not refused');
  const refused = (side: 'app' | 'raw') => ({ rss: median(refusals.map((r) => r[side].rss)), ms: median(refusals.map((r) => r[side].ms)) });
  console.log(`million-row CSV: ${(fs.statSync(million).size / MB).toFixed(1)} MB`);
  reportMemory('peak RSS: refuse a 1,000,000-row CSV (median of 3)', refused('app'), refused('raw'), 'refused quickly, bounded');
}
