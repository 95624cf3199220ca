/**
 * The schema (main/db/schema/, a file per feature) and the migrations agree (issue 14), checked
 * two ways:
 * - drizzle-kit itself, as a process, generates against a copy of the
 *   migrations and must find nothing to do (the schema = the last snapshot);
 * - a database built by running every migration is compared, table by table,
 *   with what the schema declares: columns (type, NOT NULL, primary key, SQL
 *   default), indexes (unique, columns) and foreign keys. The snapshots are
 *   drizzle-kit's memory, but the SQL files are what users' databases run, and
 *   several were written or extended by hand (triggers, rebuilt tables).
 * Tables that only hand-written SQL knows are listed below with why.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import * as schema from '../../main/db/schema';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { tempDir } from '../helpers';

/** Tables the migrations make that the schema does not declare, and why. */
const HAND_WRITTEN = {
  search_docs: 'the search index (migration 0001): read and written by raw SQL in main/services/system/search-index.ts beside its FTS5 table',
  search_fts: 'the FTS5 virtual table over search_docs (drizzle has no virtual tables)',
  default_chart: 'the chart of accounts every new community copies (migration 0005), kept equal to DEFAULT_CHART by a test',
};
const isHandWritten = (table: string) => table in HAND_WRITTEN || table.startsWith('search_fts_') || table === '__drizzle_migrations';

describe('the schema and the migrations', () => {
  it('drizzle-kit finds nothing to generate', () => {
    const dir = tempDir('sanfang-drift-');
    fs.cpSync(MIGRATIONS_DIR, path.join(dir, 'migrations'), { recursive: true });
    // A JSON config: a .ts one would import drizzle-kit from a folder without node_modules.
    fs.writeFileSync(path.join(dir, 'drizzle.config.json'), JSON.stringify({ dialect: 'sqlite', schema: path.resolve('main/db/schema'), out: './migrations' }));
    const said = execFileSync(path.resolve('node_modules/.bin/drizzle-kit'), ['generate', '--config', 'drizzle.config.json'], { cwd: dir, encoding: 'utf8' });
    expect(said).toContain('No schema changes');
    expect(fs.readdirSync(path.join(dir, 'migrations')).sort()).toEqual(fs.readdirSync(MIGRATIONS_DIR).sort());
  });

  it('the database the migrations build has exactly the tables, columns, indexes and keys the schema declares', async () => {
    const dir = tempDir();
    const { sqlite } = await openDatabase(path.join(dir, 'sanfang.sqlite'), MIGRATIONS_DIR, path.join(dir, 'backups'));
    try {
      const declared = (Object.values(schema) as unknown[]).filter((t): t is SQLiteTable => is(t, SQLiteTable)).map((t) => getTableConfig(t));
      const built = (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").pluck().all() as string[])
        .filter((t) => !isHandWritten(t)).sort();
      expect(declared.map((t) => t.name).sort()).toEqual(built);

      for (const table of declared) {
        const columns = sqlite.prepare(`pragma table_info("${table.name}")`).all() as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
        const primaryKeys = table.primaryKeys.flatMap((k) => k.columns.map((c) => c.name));
        // By name: a column added by ALTER TABLE comes last in the file, wherever the schema declares it.
        const byColumn = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name);
        expect(columns.map((c) => ({ name: c.name, type: c.type.toLowerCase(), notNull: c.notnull === 1 || c.pk > 0, pk: c.pk > 0, sqlDefault: c.dflt_value !== null })).sort(byColumn), table.name)
          .toEqual(table.columns.map((c) => ({
            name: c.name, type: c.getSQLType().toLowerCase(), notNull: c.notNull || c.primary, pk: c.primary || primaryKeys.includes(c.name),
            sqlDefault: c.default !== undefined,
          })).sort(byColumn));

        // Every index, the unique ones drizzle declares on a column or a table included: drizzle-kit writes each as
        // CREATE [UNIQUE] INDEX; an index from a UNIQUE written inside a hand-made CREATE TABLE (origin 'u') shows as unnamed.
        const indexes = (sqlite.prepare(`pragma index_list("${table.name}")`).all() as { name: string; unique: number; origin: string }[])
          .filter((i) => i.origin !== 'pk')
          .map((i) => ({
            name: i.origin === 'c' ? i.name : '(inside CREATE TABLE)', unique: i.unique === 1,
            columns: (sqlite.prepare(`pragma index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name),
          }));
        const declaredIndexes = [
          ...table.indexes.map((i) => ({ name: i.config.name, unique: i.config.unique, columns: i.config.columns.map((c) => ('name' in c ? c.name : '(expression)')) })),
          ...table.columns.filter((c) => c.isUnique).map((c) => ({ name: c.uniqueName!, unique: true, columns: [c.name] })),
          ...table.uniqueConstraints.map((u) => ({ name: u.getName() ?? '', unique: true, columns: u.columns.map((c) => c.name) })),
        ];
        const byName = (x: { name?: string; columns: string[] }, y: { name?: string; columns: string[] }) => `${x.name ?? ''}${x.columns.join()}`.localeCompare(`${y.name ?? ''}${y.columns.join()}`);
        expect(indexes.sort(byName), `${table.name}: indexes`).toEqual(declaredIndexes.sort(byName));

        const keys = sqlite.prepare(`pragma foreign_key_list("${table.name}")`).all() as { id: number; table: string; from: string; to: string; on_delete: string }[];
        const declaredKeys = table.foreignKeys.map((k) => {
          const r = k.reference();
          return { table: getTableConfig(r.foreignTable).name, from: r.columns.map((c) => c.name).join(), to: r.foreignColumns.map((c) => c.name).join(), onDelete: (k.onDelete ?? 'no action').toUpperCase() };
        });
        const byId = new Map<number, typeof keys>();
        for (const k of keys) byId.set(k.id, [...(byId.get(k.id) ?? []), k]);
        const builtKeys = [...byId.values()].map((ks) => ({
          table: ks[0]!.table, from: ks.map((k) => k.from).join(), to: ks.map((k) => k.to).join(), onDelete: ks[0]!.on_delete.toUpperCase(),
        }));
        const keyOrder = (a: { from: string; table: string }, b: { from: string; table: string }) => `${a.from}>${a.table}`.localeCompare(`${b.from}>${b.table}`);
        expect(builtKeys.sort(keyOrder), `${table.name}: foreign keys`).toEqual(declaredKeys.sort(keyOrder));
      }
    } finally {
      sqlite.close();
    }
  });
});
