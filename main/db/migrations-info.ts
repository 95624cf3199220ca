/** What the shipped migrations folder says about the schema version this build knows. */
import fs from 'node:fs';
import path from 'node:path';

/** The number of migrations shipped: the schema version this build writes (PRAGMA user_version). */
export function knownSchemaVersion(migrationsDir: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}
