/**
 * A drizzle query prepared once per connection. The query builder costs 0.05–0.1 ms to build a query's SQL at
 * each call (README "Reading and writing the database"); a small read that one call makes a dozen times — the
 * chart of accounts, read for every role a reconciliation looks at — is built once, with `sql.placeholder` for
 * what varies, and stays typed from the schema.
 *
 *   const accounts = preparedPer((db) => db.select(…).where(eq(t.communityId, sql.placeholder('communityId'))).prepare());
 *   accounts(ctx.db).all({ communityId });
 */
import type { Db } from './connection';

export function preparedPer<Q>(build: (db: Db) => Q): (db: Db) => Q {
  // Keyed by the connection: a test or the CLI may open several, and a closed one's statements go with it.
  const prepared = new WeakMap<Db, Q>();
  return (db) => {
    let query = prepared.get(db);
    if (query === undefined) prepared.set(db, (query = build(db)));
    return query;
  };
}
