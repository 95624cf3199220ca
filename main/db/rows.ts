/**
 * Typed helpers for reading rows (the data-access principle: README "Reading and writing the database",
 * docs/architecture.md §4). A row read through drizzle's query builder is typed from the schema; `storedRow` and
 * `oneOf` cover where the schema's type says less than the code needs, and `checkedRows` is the typed way for the
 * few reads that stay raw on the connection — never an unchecked cast of a row.
 */
import { getTableColumns, type InferSelectModel, type Table } from 'drizzle-orm';
import { z } from 'zod';

/**
 * The row as the database stores it: keyed by column name (`community_id`), in the schema's column order. Audit
 * rows have always recorded a changed record's `before` this way (it was `select *`), so the log reads the same
 * whichever way the row was read.
 */
export function storedRow<T extends Table>(table: T, row: InferSelectModel<T>): Record<string, unknown> {
  const values: Record<string, unknown> = row;
  return Object.fromEntries(Object.entries(getTableColumns(table)).map(([key, column]) => [column.name, values[key]]));
}

/**
 * A text column that holds one of a fixed list (a kind, a status, a role), as that list's type. Checked, not
 * cast: a value the app never writes fails here, by its column, rather than travelling on mistyped.
 */
export function oneOf<const T extends readonly string[]>(values: T, value: string, column: string): T[number];
export function oneOf<const T extends readonly string[]>(values: T, value: string | null, column: string): T[number] | null;
export function oneOf<const T extends readonly string[]>(values: T, value: string | null, column: string): T[number] | null {
  if (value === null) return null;
  if (isOneOf(values, value)) return value;
  throw new Error(`${column}: “${value}” is none of ${values.join(', ')}`);
}

const isOneOf = <T extends readonly string[]>(values: T, value: string): value is T[number] => values.includes(value);

/**
 * The rows of a raw prepared statement, each checked by a schema of its columns: for the reads a benchmark keeps
 * raw (an aggregate over a million lines, a streamed import), in place of casting what `.all()` returns.
 * `checkedRows(schema, statement.all(…))`; a row that does not fit fails with the column named.
 */
export function checkedRows<S extends z.ZodType>(schema: S, rows: unknown[]): z.output<S>[] {
  return rows.map((row) => schema.parse(row));
}

/** One row of a raw prepared statement, checked (`checkedRow(schema, statement.get(…))`); none stays undefined. */
export function checkedRow<S extends z.ZodType>(schema: S, row: unknown): z.output<S> | undefined {
  return row === undefined ? undefined : schema.parse(row);
}

/**
 * The one number a raw `select count(*) …` or `select exists (…)` returns through `.pluck().get()`, checked: the
 * reads made before a service context exists (opening, sealing, backups), and the counts beside a raw aggregate
 * (the ledger's page and invariant checks, a vote's subjects).
 */
export function countOf(value: unknown): number {
  return z.number().int().nonnegative().parse(value);
}

/** A cell of a raw row read with `.raw()`: text or an integer, `?` when it may be null. */
type Cell = 'text' | 'integer' | 'text?' | 'integer?';
type CellValue<C extends Cell> = C extends 'text' ? string : C extends 'integer' ? number : C extends 'text?' ? string | null : number | null;
export type CellValues<C extends readonly Cell[]> = { [K in keyof C]: CellValue<C[K]> };

const cellFits = (cell: Cell, value: unknown): boolean =>
  (value === null && cell.endsWith('?')) || (cell.startsWith('text') ? typeof value === 'string' : Number.isSafeInteger(value));

/**
 * The rows of a raw statement read with `.raw()` (arrays, not objects), each cell checked against its kind: for
 * the few reads whose rows number in the hundreds of thousands (a whole community's statement lines), where a zod
 * schema per row costs seconds (`npm run bench -- fund`) and this loop a fraction of it. Same guarantee as
 * `checkedRows`: a row that does not fit fails, naming the row and the cell.
 */
export function checkedTuples<const C extends readonly Cell[]>(cells: C, rows: unknown[]): CellValues<C>[] {
  for (let r = 0; r < rows.length; r++) checkedTuple(cells, rows[r], r);
  return rows as CellValues<C>[];
}

/** One row of `.raw().iterate()`, checked as `checkedTuples` does (`index` names it in the error). */
export function checkedTuple<const C extends readonly Cell[]>(cells: C, row: unknown, index: number): CellValues<C> {
  if (!Array.isArray(row) || row.length !== cells.length) throw new Error(`row ${index}: expected ${cells.length} cells`);
  for (let c = 0; c < cells.length; c++) {
    if (!cellFits(cells[c]!, row[c])) throw new Error(`row ${index}, cell ${c}: “${String(row[c])}” is not ${cells[c]}`);
  }
  return row as CellValues<C>;
}
