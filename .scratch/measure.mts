import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateRoster, writeRosterXlsx } from '/work/main/tests/fixtures/roster-generator';
const dir = fs.mkdtempSync('/tmp/meas-');
const roster = path.join(dir, 'r.xlsx');
await writeRosterXlsx(roster, generateRoster({ parts: 4000, seed: 7 }));
spawnSync(process.execPath, ['scripts/cli.mjs', '--data-dir', dir, 'check']);
const dbFile = path.join(dir, 'sanfang.sqlite');
function held() { const db = new Database(dbFile, { timeout: 0 }); try { db.exec('begin immediate'); db.exec('rollback'); return false; } catch (e) { return true; } finally { db.close(); } }
const t0 = Date.now();
const child = spawn(process.execPath, ['scripts/cli.mjs', '--data-dir', dir, 'import-roster', '--community', 'x', roster], { stdio: ['ignore', 'pipe', 'pipe'] });
let out = ''; child.stdout.on('data', (c) => out += c); child.stderr.on('data', (c) => out += c);
let ended = false; child.on('exit', () => ended = true);
let first = 0, last = 0, n = 0;
while (!ended) { if (held()) { n++; if (!first) first = Date.now(); last = Date.now(); } await new Promise(r => setTimeout(r, 1)); }
console.log({ first: first - t0, last: last - t0, n, total: Date.now() - t0, out: out.slice(0, 300) });
