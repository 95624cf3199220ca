/**
 * What meetings' agendas, votes and issues put into the full-text index
 * (search-index.ts), in one place: each feature's write calls its indexer
 * inside the same transaction, and `indexMissingDocuments` fills the index for
 * records written before they were searchable (run once per start; it only
 * reads when nothing is missing).
 *
 * Minutes and matters index themselves in their services (their text is built
 * from their versions and steps); these three are plain rows.
 *
 * Personal data stays out of the index: an issue's reporter and a part's
 * owners are not indexed, only what the office wrote about the matter.
 */
import { asc, eq } from 'drizzle-orm';
import { agendaItems, meetings } from '../../db/schema/meetings';
import { issues } from '../../db/schema/office';
import { voteItems, votes } from '../../db/schema/votes';
import type { ServiceContext } from '../context';
import { indexDocument, unindexedIds } from './search-index';

/** A meeting's notice as searchable text: its title, place, convener and agenda. */
export function indexAgenda(ctx: ServiceContext, meetingId: string): void {
  const m = ctx.db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
  if (!m) return;
  const items = ctx.db.select({ title: agendaItems.title }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position)).all();
  indexDocument(ctx.sqlite, {
    communityId: m.communityId, type: 'agenda', id: meetingId, title: `${m.date} ${m.title}`,
    body: [...items.map((i, n) => `${n + 1}. ${i.title}`), m.place, m.convener].filter(Boolean).join('\n'),
  });
}

/** A vote: its title and the items put to the owners, with their scope. */
export function indexVote(ctx: ServiceContext, voteId: string): void {
  const v = ctx.db.select().from(votes).where(eq(votes.id, voteId)).get();
  if (!v) return;
  const items = ctx.db.select({ title: voteItems.title, scope: voteItems.scopeLabel }).from(voteItems)
    .where(eq(voteItems.voteId, voteId)).orderBy(asc(voteItems.position)).all();
  indexDocument(ctx.sqlite, {
    communityId: v.communityId, type: 'vote', id: voteId, title: v.title,
    body: items.map((i, n) => `${n + 1}. ${i.title}（${i.scope}）`).join('\n'),
  });
}

/** An issue: number, title, category, place, description, plan and feedback — never who reported it. */
export function indexIssue(ctx: ServiceContext, issueId: string): void {
  const i = ctx.db.select().from(issues).where(eq(issues.id, issueId)).get();
  if (!i) return;
  indexDocument(ctx.sqlite, {
    communityId: i.communityId, type: 'issue', id: issueId, title: `第${i.number}号 ${i.title}`,
    body: [i.category, i.place, i.description, i.plan, i.feedback].filter(Boolean).join('\n'),
  });
}

const SOURCES = [
  { type: 'agenda', table: 'meetings', index: indexAgenda },
  { type: 'vote', table: 'votes', index: indexVote },
  { type: 'issue', table: 'issues', index: indexIssue },
] as const;

/** Index the agendas, votes and issues that have no entry yet (records from before they were searchable). */
export function indexMissingDocuments(ctx: ServiceContext): number {
  let count = 0;
  for (const source of SOURCES) {
    const missing = unindexedIds(ctx.sqlite, source.type, source.table);
    if (missing.length === 0) continue;
    ctx.sqlite.transaction(() => { for (const id of missing) source.index(ctx, id); })();
    count += missing.length;
  }
  return count;
}
