// The raw baseline of the ballot import, run as its own Node process: ExcelJS
// reading the same file (the same `xlsx.load` the app uses) and one bare
// prepared-statement transaction inserting its rows. No lookups, no checks, no
// audit: the floor the app's import is measured against.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import fs from 'node:fs';

const [file, dbPath] = process.argv.slice(2);
const workbook = new ExcelJS.Workbook();
await workbook.xlsx.load(fs.readFileSync(file));
const sheet = workbook.worksheets[0];
const rows = [];
sheet.eachRow((row, n) => {
  if (n > 1) rows.push(Array.from({ length: 6 }, (_, i) => row.values[i + 1] ?? null).map((v) => (v === null ? null : String(v))));
});
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('create table ballots (building text, entrance text, room text, item1 text, item2 text, item3 text)');
const insert = db.prepare('insert into ballots values (?, ?, ?, ?, ?, ?)');
db.transaction(() => {
  for (const r of rows) insert.run(...r);
})();
db.close();
process.stdout.write(JSON.stringify({ rows: rows.length }) + '\n');
