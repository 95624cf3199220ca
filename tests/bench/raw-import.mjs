// The raw baseline of the roster import, run as its own Node process: ExcelJS
// reading the same file (the same `xlsx.load` the app uses) and one bare
// prepared-statement transaction inserting its rows. No checks, no identity
// rules, no audit: the floor the app's import is measured against.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import fs from 'node:fs';

const [file, dbPath] = process.argv.slice(2);
const workbook = new ExcelJS.Workbook();
await workbook.xlsx.load(fs.readFileSync(file));
const sheet = workbook.worksheets[0];
const rows = [];
sheet.eachRow((row, n) => {
  if (n > 1) rows.push(Array.from({ length: 10 }, (_, i) => row.values[i + 1]).map((v) => (v === undefined || v === null ? null : typeof v === 'object' ? String(v.text ?? v.result ?? '') : v)));
});
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`create table roster (building text, entrance text, room text, type text, area real, area_source text,
         delivery_status text, owners text, documents text, phones text)`);
const insert = db.prepare('insert into roster values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
db.transaction(() => {
  for (const r of rows) insert.run(...r.map((v) => (v === null ? null : typeof v === 'number' ? v : String(v))));
})();
db.close();
process.stdout.write(JSON.stringify({ rows: rows.length }) + '\n');
