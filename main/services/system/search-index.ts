/**
 * The full-text index (issue 3 groundwork): minutes, matters and other
 * documents are indexed here in the same transaction as their own writes, and
 * searched by words of any length (see shared/domain/search-text.ts).
 *
 * Raw SQL on purpose, and the one place that touches these tables: search_fts is an FTS5 virtual table
 * (MATCH, contentless rows addressed by rowid) and search_docs, its documents by rowid, is hand-written
 * beside it in migration 0001 — neither is declared in the drizzle schema (main/db/schema/system.ts says
 * so). The rows read back are checked (zod) rather than cast.
 */
import { z } from 'zod';
import { indexTokens, matchExpression, snippetOf, type Snippet } from '../../../shared/domain/search-text';
import { nowIso } from '../../db/clock';
import type { Sqlite } from '../../db/connection';

export interface SearchDocument {
  communityId: string;
  type: string;
  id: string;
  title: string;
  body: string;
}

export interface SearchHit {
  type: string;
  id: string;
  title: string;
  snippet: Snippet;
}

const rowid = z.number().int().optional();
const hitRow = z.object({ type: z.string(), id: z.string(), title: z.string(), body: z.string() });

function rowidOf(sqlite: Sqlite, type: string, id: string): number | undefined {
  return rowid.parse(sqlite.prepare('select rowid from search_docs where doc_type = ? and doc_id = ?').pluck().get(type, id));
}

/** Add or replace a document's entry (inside an open write). */
export function indexDocument(sqlite: Sqlite, doc: SearchDocument): void {
  const tokens = indexTokens(`${doc.title}\n${doc.body}`);
  const existing = rowidOf(sqlite, doc.type, doc.id);
  let rowid: number;
  if (existing !== undefined) {
    sqlite.prepare('delete from search_fts where rowid = ?').run(existing);
    sqlite.prepare('update search_docs set community_id = ?, title = ?, body = ?, updated_at = ? where rowid = ?')
      .run(doc.communityId, doc.title, doc.body, nowIso(), existing);
    rowid = existing;
  } else {
    rowid = Number(sqlite.prepare('insert into search_docs (community_id, doc_type, doc_id, title, body, updated_at) values (?, ?, ?, ?, ?, ?)')
      .run(doc.communityId, doc.type, doc.id, doc.title, doc.body, nowIso()).lastInsertRowid);
  }
  sqlite.prepare('insert into search_fts (rowid, tokens) values (?, ?)').run(rowid, tokens);
}

/**
 * Ids in `table` with no entry of `type` yet. `table` is one of the callers' constant table names,
 * never user input (search-sources.ts).
 */
export function unindexedIds(sqlite: Sqlite, type: string, table: 'meetings' | 'votes' | 'issues'): string[] {
  return z.array(z.string()).parse(sqlite
    .prepare(`select t.id from ${table} t where not exists (select 1 from search_docs d where d.doc_type = ? and d.doc_id = t.id)`)
    .pluck().all(type));
}

export function removeDocument(sqlite: Sqlite, type: string, id: string): void {
  const rowid = rowidOf(sqlite, type, id);
  if (rowid === undefined) return;
  sqlite.prepare('delete from search_fts where rowid = ?').run(rowid);
  sqlite.prepare('delete from search_docs where rowid = ?').run(rowid);
}

/** Newest first; each hit with a snippet around its first match. */
export function searchDocuments(sqlite: Sqlite, communityId: string, query: string, limit = 20): SearchHit[] {
  const match = matchExpression(query);
  if (match === null) return [];
  const rows = sqlite
    .prepare(`select d.doc_type as type, d.doc_id as id, d.title, d.body from search_fts
              join search_docs d on d.rowid = search_fts.rowid
              where search_fts match ? and d.community_id = ? order by search_fts.rowid desc limit ?`)
    .all(match, communityId, limit)
    .map((row) => hitRow.parse(row));
  return rows.map((r) => ({ type: r.type, id: r.id, title: r.title, snippet: snippetOf(r.body, query) }));
}
