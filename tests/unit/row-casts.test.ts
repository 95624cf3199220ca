/**
 * The data-access principle's check (README "Reading and writing the database", docs/architecture.md §4):
 * ordinary reads and writes go through drizzle's query builder, so rows are typed from the schema; raw SQL
 * stays only where a benchmark shows the need, behind typed helpers whose rows are checked. What this test
 * looks for, in every file of main/, is the unchecked row cast — found with TypeScript's own type checker, not
 * by matching text — and it finds none (249 when the principle was written down, issue 14):
 *
 * - a type assertion (`x as T`, `<T>x`) whose operand is the result of `.get()`, `.all()` or `.iterate()` of a
 *   better-sqlite3 statement, kept in a variable or not (`.pluck()`, `.raw()` and `.expand()` return the
 *   statement, so those count too); `as unknown as T` is one cast;
 * - a row type claimed by a type argument instead: better-sqlite3's `prepare<Params, Row>(…)`, or drizzle's raw
 *   `db.get<Row>(…)`, `db.all<Row>(…)`, `db.values<Row>(…)`.
 *
 * Not counted: `JSON.parse(…) as T`, drizzle's `sql<number>` for one expression of a typed query, and casts of
 * anything that is not a row.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';


/** A file the checker reads from memory: one of each kind of cast, and the look-alikes that are not. */
const SAMPLE = path.resolve('tests/unit/row-casts.sample.ts');
const SAMPLE_TEXT = `
import { sql } from 'drizzle-orm';
import { companies } from '../../main/db/schema/office';
import type { ServiceContext } from '../../main/services/context';
interface Row { id: string }
export function sample(ctx: ServiceContext) {
  const statement = ctx.sqlite.prepare('select id from companies');
  return [
    ctx.sqlite.prepare('select id from companies').get() as Row | undefined, // counted
    (ctx.sqlite.prepare('select id from companies').all() as Row[]).length, // counted
    ctx.sqlite.prepare('select count(*) from companies').pluck().get() as number, // counted
    statement.all() as unknown as Row[], // counted once
    <Row[]>statement.raw().all(), // counted
    [...(statement.iterate() as IterableIterator<Row>)], // counted
    ctx.sqlite.prepare<[string], Row>('select id from companies where id = ?').get('x'), // counted
    ctx.db.get<Row>(sql\`select id from companies\`), // counted
    ctx.db.all<Row>(sql\`select id from companies\`), // counted
    ctx.sqlite.prepare<[string]>('select id from companies where id = ?').get('x'), // not: parameters only
    JSON.parse('{}') as Row, // not: no row of a statement
    ctx.db.select().from(companies).get(), // not: typed from the schema
    ctx.db.select({ n: sql<number>\`count(*)\` }).from(companies).get(), // not: an expression of a typed query
    new Map<string, Row>().get('x') as Row, // not: no statement
  ];
}
`;
const SAMPLE_COUNTED = SAMPLE_TEXT.split('\n').flatMap((line, i) => (line.includes('// counted') ? [i + 1] : []));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

interface RowCast { file: string; line: number; text: string }

/** Every unchecked row cast in these files (see the file's comment for what counts); `memory` adds files that are not on disk. */
function rowCasts(files: string[], memory: Record<string, string> = {}): RowCast[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.resolve('tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => f in memory || fileExists.call(host, f);
  host.readFile = (f) => memory[f] ?? readFile.call(host, f);
  host.getSourceFile = (f, language, ...rest) => (f in memory ? ts.createSourceFile(f, memory[f]!, language, true) : getSourceFile.call(host, f, language, ...rest));
  const program = ts.createProgram([...files, ...Object.keys(memory)], { ...config.options, noEmit: true }, host);
  const checker = program.getTypeChecker();

  /** The method called is declared by this class or interface of this package (so a Map's get is not a statement's). */
  const isMethodOf = (call: ts.CallExpression, owners: string[], module: string): boolean => {
    if (!ts.isPropertyAccessExpression(call.expression)) return false;
    const declarations = checker.getSymbolAtLocation(call.expression.name)?.getDeclarations() ?? [];
    return declarations.some((d) => (ts.isClassDeclaration(d.parent) || ts.isInterfaceDeclaration(d.parent))
      && owners.includes(d.parent.name?.text ?? '') && d.getSourceFile().fileName.includes(`/node_modules/${module}/`));
  };
  const isAssertion = (n: ts.Node): n is ts.AsExpression | ts.TypeAssertion => ts.isAsExpression(n) || ts.isTypeAssertionExpression(n);
  const isWrapper = (n: ts.Node): n is ts.ParenthesizedExpression | ts.NonNullExpression | ts.AsExpression | ts.TypeAssertion =>
    ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n) || isAssertion(n);
  const bare = (e: ts.Expression): ts.Expression => (isWrapper(e) ? bare(e.expression) : e);

  const nameOf = (call: ts.CallExpression) => (ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : '');
  const readsRows = (e: ts.Expression): boolean =>
    ts.isCallExpression(e) && ['get', 'all', 'iterate'].includes(nameOf(e)) && isMethodOf(e, ['Statement'], '@types/better-sqlite3');
  const claimsRowType = (call: ts.CallExpression): boolean => {
    if (!call.typeArguments) return false;
    if (nameOf(call) === 'prepare') return call.typeArguments.length >= 2 && isMethodOf(call, ['Database'], '@types/better-sqlite3');
    return ['get', 'all', 'values'].includes(nameOf(call)) && isMethodOf(call, ['BaseSQLiteDatabase'], 'drizzle-orm');
  };
  /** `as unknown as Row` is one cast: only the outermost assertion of a chain is looked at. */
  const isOutermost = (node: ts.AsExpression | ts.TypeAssertion) => {
    for (let p = node.parent; isWrapper(p); p = p.parent) if (isAssertion(p)) return false;
    return true;
  };

  const found: RowCast[] = [];
  for (const file of [...files, ...Object.keys(memory)]) {
    const source = program.getSourceFile(file)!;
    const visit = (node: ts.Node) => {
      let claimed: ts.Node | undefined;
      if (isAssertion(node) && isOutermost(node) && readsRows(bare(node.expression))) claimed = node.type;
      else if (ts.isCallExpression(node) && claimsRowType(node)) claimed = node.typeArguments!.at(-1);
      if (claimed) {
        // The line of the claimed type: where `as Row` is written, however long the query above it.
        const { line } = source.getLineAndCharacterOfPosition(claimed.getStart(source));
        found.push({ file: path.relative(process.cwd(), file), line: line + 1, text: claimed.getText(source).replace(/\s+/g, ' ').slice(0, 100) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('unchecked row casts in main/ (the data-access principle)', () => {
  let sample: RowCast[] = [];
  let casts: RowCast[] = [];
  beforeAll(() => {
    const found = rowCasts(sourceFiles(path.resolve('main')), { [SAMPLE]: SAMPLE_TEXT });
    sample = found.filter((c) => c.file === path.relative(process.cwd(), SAMPLE));
    casts = found.filter((c) => !sample.includes(c));
  });

  it('finds each kind of unchecked row cast, once, and nothing else', () => {
    expect(sample.map((c) => c.line)).toEqual(SAMPLE_COUNTED);
  });

  it('finds none: rows are read through drizzle, or checked (checkedRows, checkedTuples, countOf)', () => {
    // The services, and also what runs before a service context exists — opening a file, migrating, sealing
    // personal data, checking backups — on a schema that may be older than drizzle's.
    expect(casts.map((c) => `${c.file}:${c.line} as ${c.text} — read the rows through drizzle, or check them (README)`)).toEqual([]);
  });
});
