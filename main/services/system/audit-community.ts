/**
 * Which community an audit row belongs to (issue 16: the log is filtered by community). The audit_log keeps the
 * record (entity + id), not its community: the community is found from the record itself, so no migration and no
 * change to the sixty places that write audit rows, and old rows are included. Filtering goes the other way round
 * — the ids of the community's records of each kind, looked up in the log's (entity, entity_id) index — so it
 * costs what the community has, not what the whole log holds (ballot rows aside: see `ballot` below).
 *
 * Kinds not listed are office-wide (accounts, the database, holidays, workflows, companies): they belong to no
 * community. A kind added later and not listed here is treated the same until it is added.
 */
import { sql, type SQL } from 'drizzle-orm';

/** The log's own columns, written out: these pieces go inside queries on audit_log. */
const ENTITY_ID = '"audit_log"."entity_id"';

interface Place {
  /** The ids of this kind's records in the communities (the placeholder list goes where `?` is), or a condition on the row itself. */
  ids: string | { where: string };
  /** This row's record's community (a correlated scalar subquery on the row's entity_id). */
  of: string;
}

const BALLOT_COMMUNITY = `coalesce((select v.community_id from ballots b join votes v on v.id = b.vote_id where b.id = ${ENTITY_ID}),`
  + ` (select v.community_id from vote_subjects s join votes v on v.id = s.vote_id where s.id = ${ENTITY_ID}),`
  + ` (select v.community_id from votes v where v.id = ${ENTITY_ID}))`;

/** A kind kept in a table with its own community_id. */
function table(name: string): Place {
  return { ids: `select t.id from ${name} t where t.community_id in (?)`, of: `(select t.community_id from ${name} t where t.id = ${ENTITY_ID})` };
}

const PLACES: Record<string, Place> = {
  // The community itself, and the books, whose rows name the community as their record.
  community: { ids: '?', of: ENTITY_ID },
  ledger: { ids: '?', of: ENTITY_ID },
  // A year's budget: "<communityId>:<year>".
  budget: {
    ids: { where: `substr(${ENTITY_ID}, 1, instr(${ENTITY_ID}, ':') - 1) in (?)` },
    of: `substr(${ENTITY_ID}, 1, instr(${ENTITY_ID}, ':') - 1)`,
  },
  part: table('parts'),
  person: table('persons'),
  meeting: table('meetings'),
  action_item: table('action_items'),
  matter: table('matters'),
  vote: table('votes'),
  journal_entry: table('journal_entries'),
  statement_row: table('statement_rows'),
  repair_project: table('repair_projects'),
  service_contract: table('service_contracts'),
  community_body: table('community_bodies'),
  body_candidate: table('body_candidates'),
  issue: table('issues'),
  mediation: table('mediations'),
  minutes: {
    ids: 'select m.id from minutes m join meetings g on g.id = m.meeting_id where g.community_id in (?)',
    of: `(select g.community_id from minutes m join meetings g on g.id = m.meeting_id where m.id = ${ENTITY_ID})`,
  },
  contract_evaluation: {
    ids: 'select e.id from contract_evaluations e join service_contracts c on c.id = e.contract_id where c.community_id in (?)',
    of: `(select c.community_id from contract_evaluations e join service_contracts c on c.id = e.contract_id where e.id = ${ENTITY_ID})`,
  },
  // A ballot's row names the ballot, the voting subject (double entry) or the vote (an import). Ballots have no
  // index on their vote that covers superseded ones, so these rows are matched one by one through their record
  // (three primary-key lookups a row, over the log's ballot rows only).
  ballot: { ids: { where: `${BALLOT_COMMUNITY} in (?)` }, of: BALLOT_COMMUNITY },
};

/** The raw pieces with the community ids bound where `?` stands. */
function bind(text: string, communityIds: readonly string[]): SQL {
  const list = sql.join(communityIds.map((c) => sql`${c}`), sql`, `);
  const pieces = text.split('?');
  return sql.join(pieces.map((piece, i) => (i < pieces.length - 1 ? sql`${sql.raw(piece)}${list}` : sql.raw(piece))), sql``);
}

/** Rows whose record belongs to one of these communities (none: no row). */
export function auditInCommunities(communityIds: readonly string[]): SQL {
  if (communityIds.length === 0) return sql`0`;
  const terms = Object.entries(PLACES).map(([entity, { ids }]) => {
    const match = typeof ids === 'string' ? sql`${sql.raw(ENTITY_ID)} in (${bind(ids, communityIds)})` : bind(ids.where, communityIds);
    return sql`("audit_log"."entity" = ${entity} and ${match})`;
  });
  return sql`(${sql.join(terms, sql` or `)})`;
}

/** The community of each row's record, for the select list (null: office-wide, or the record is gone). */
export function auditCommunityOf(): SQL<string | null> {
  const cases = Object.entries(PLACES).map(([entity, place]) => sql`when ${entity} then ${sql.raw(place.of)}`);
  return sql<string | null>`(case "audit_log"."entity" ${sql.join(cases, sql` `)} else null end)`;
}
