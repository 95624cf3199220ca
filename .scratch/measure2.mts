import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateRoster, writeRosterXlsx } from '/work/main/tests/fixtures/roster-generator';
const dir = fs.mkdtempSync('/tmp/meas-');
const roster = path.join(dir, 'r.xlsx');
await writeRosterXlsx(roster, generateRoster({ parts: 8000, seed: 7 }));
spawnSync(process.execPath, ['scripts/cli.mjs', '--data-dir', dir, 'import-roster', '--community', '阳光小区', roster]);
const dbFile = path.join(dir, 'sanfang.sqlite');
const db0 = new Database(dbFile, { readonly: true });
const parts = db0.prepare("select p.room, b.name as building, coalesce(e.name, '') as entrance from parts p join buildings b on b.id = p.building_id left join entrances e on e.id = p.entrance_id").all() as any[];
db0.close();
const wb = new ExcelJS.Workbook(); const sheet = wb.addWorksheet('期初');
sheet.addRow(['楼栋', '单元', '房号', '应缴首期', '已缴存', '增值收益', '已使用', '余额']);
for (const p of parts) sheet.addRow([p.building, p.entrance, p.room, '3000.00', '3000.00', '12.34', '0', '3012.34']);
const file = path.join(dir, 'opening.xlsx'); await wb.xlsx.writeFile(file);
const total = ((301234 * parts.length) / 100).toFixed(2);
const codes = new Set();
function held() { const db = new Database(dbFile, { timeout: 0 }); try { db.exec('begin immediate'); db.exec('rollback'); return false; } catch (e) { codes.add((e as any).code); return true; } finally { db.close(); } }
const t0 = Date.now();
const child = spawn(process.execPath, ['scripts/cli.mjs', '--data-dir', dir, 'fund', 'import-opening', '--community', '阳光小区', '--as-of', '2025-12-31', '--bank-balance', total, file], { stdio: ['ignore', 'pipe', 'pipe'] });
let out = ''; child.stdout.on('data', (c) => out += c); child.stderr.on('data', (c) => out += c);
let ended = false; child.on('exit', () => ended = true);
let first = 0, last = 0, n = 0;
while (!ended) { if (held()) { n++; if (!first) first = Date.now(); last = Date.now(); } await new Promise(r => setTimeout(r, 1)); }
console.log([...codes], { first: first - t0, last: last - t0, n, total: Date.now() - t0, out: out.slice(0, 300) });
