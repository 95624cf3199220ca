/**
 * What a 社区 office tells its street (docs/domain.md §10): what the level above needs to supervise and to answer,
 * and no more. Per 小区: its type and the facts its targets are read from (bodies, party organisation, property
 * management, the fund's totals, issue counts by category, status and lateness); its meetings (kind, date,
 * attendance counts); its matters and how far each got; its votes' figures and outcomes (no ballots, no names);
 * its contracts with their statutory dates and evaluations; and each issue escalated to the street, whole, with
 * the reporter masked. Never a member's ID or phone, a household's ledger or a ballot.
 *
 * The same records are this office's own roll-up (rollup.ts), so a 社区's figures read the same at home and at
 * the street.
 */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { communityRecord, contractRecord, issueRecord, matterRecord, meetingRecord, voteRecord } from '../../../shared/contract/levels';
import { isClosedStatus } from '../../../shared/domain/issue-ledger';
import { maskReporter } from '../../../shared/domain/levels';
import { nowInOffice, todayInOffice } from '../../db/clock';
import { attendees, meetings } from '../../db/schema/meetings';
import { getMatter, listMatters } from '../meetings/matters';
import { listMeetings } from '../meetings/meetings';
import { coverageList, listBodies } from '../office/bodies';
import { getIssue, issueStatistics, listIssues } from '../office/issues';
import { listCommunities } from '../register/communities';
import { bodiesOf, contractsOf, fundOf, voteOf } from '../register/dossier';
import { listVotes } from '../votes/votes';
import type { ServiceContext } from '../context';

/** One record as a package carries it: its kind, its id here, its 小区 here, and its body. */
export interface OutgoingRecord {
  kind: string;
  id: string;
  communityId: string | null;
  body: unknown;
}

/** Each 小区's facts as of today. */
export function communityFacts(ctx: ServiceContext, today = todayInOffice(), now = nowInOffice()): OutgoingRecord[] {
  const coverage = new Map(coverageList(ctx, today).map((c) => [c.communityId, c]));
  return listCommunities(ctx).map((c) => {
    const cover = coverage.get(c.id)!;
    const committee = listBodies(ctx, c.id, today).find((b) => b.kind === '业主委员会' && b.current) ?? null;
    const issues = listIssues(ctx, { communityId: c.id, overdueOnly: false, text: '' }, now);
    const open = issues.filter((i) => !isClosedStatus(i.status));
    // Every issue the 小区 ever had: the rates the street reads are the ledger's own (issue.stats).
    const stats = issueStatistics(ctx, { communityId: c.id, from: '0000-01-01', to: '9999-12-31' }, now);
    const tally = (key: (i: (typeof issues)[number]) => string) => issues.reduce<Record<string, number>>((m, i) => ({ ...m, [key(i)]: (m[key(i)] ?? 0) + 1 }), {});
    const body: z.input<typeof communityRecord> = {
      name: c.name, type: c.type, address: c.address, asOf: today,
      bodies: cover.bodies,
      terms: bodiesOf(ctx, c.id, today).map(({ members, ...b }) => ({ ...b, members: members.length })),
      committee: committee ? { electedOn: committee.electedOn, termEnd: committee.termEnd, state: committee.term.kind } : null,
      partyMembers: cover.partyMembers, needsPartyOrganisation: cover.needsPartyOrganisation, hasPartyOrganisation: cover.hasPartyOrganisation,
      propertyManagement: cover.propertyManagement,
      fund: fundOf(ctx, c.id, today),
      issues: {
        total: issues.length, open: open.length, overdue: open.filter((i) => i.overdue.length > 0).length,
        escalated: open.filter((i) => i.level === '街道').length, byCategory: tally((i) => i.category), byStatus: tally((i) => i.status),
        planOnTime: { onTime: stats.planOnTime.onTime, counted: stats.planOnTime.counted },
        resolvedOnTime: { onTime: stats.resolvedOnTime.onTime, counted: stats.resolvedOnTime.counted },
      },
    };
    return { kind: 'community', id: c.id, communityId: c.id, body };
  });
}

/** Everything a 社区 office sends its street: every 小区's facts and records. */
export function upwardRecords(ctx: ServiceContext, today = todayInOffice(), now = nowInOffice()): OutgoingRecord[] {
  const out = communityFacts(ctx, today, now);
  for (const c of listCommunities(ctx)) {
    const counts = new Map(ctx.db.select({ meetingId: attendees.meetingId, all: sql<number>`count(*)`, present: sql<number>`sum(${attendees.present})` })
      .from(attendees).innerJoin(meetings, eq(meetings.id, attendees.meetingId)).where(eq(meetings.communityId, c.id)).groupBy(attendees.meetingId).all()
      .map((r) => [r.meetingId, r]));
    for (const m of listMeetings(ctx, { communityId: c.id, limit: Number.MAX_SAFE_INTEGER })) {
      const n = counts.get(m.id);
      // present: null until the meeting's attendance is recorded (sum over no recorded row is null).
      const body: z.input<typeof meetingRecord> = { kind: m.kind, title: m.title, date: m.date, held: m.status === 'held', attendees: n?.all ?? 0, present: n?.present ?? null };
      out.push({ kind: 'meeting', id: m.id, communityId: c.id, body });
    }
    for (const item of listMatters(ctx, c.id, today)) {
      const m = getMatter(ctx, item.id, today);
      const body: z.input<typeof matterRecord> = {
        title: m.title, category: m.category, raisedOn: m.raisedOn, done: m.done,
        steps: m.steps.map((s) => ({ key: s.key, name: s.name, date: s.date, state: s.skipped ? 'skipped' as const : s.done ? 'done' as const : 'waiting' as const })),
        currentName: m.position.currentName, waitingSince: m.done ? null : m.position.waitingSince, waitingDays: m.done ? null : m.position.waitingDays,
        overdue: m.position.overdue,
      };
      out.push({ kind: 'matter', id: m.id, communityId: c.id, body });
    }
    for (const v of listVotes(ctx, c.id)) {
      const body: z.input<typeof voteRecord> = voteOf(ctx, v);
      out.push({ kind: 'vote', id: v.id, communityId: c.id, body });
    }
    for (const k of contractsOf(ctx, c.id, today)) {
      const body: z.input<typeof contractRecord> = k.contract;
      out.push({ kind: 'contract', id: k.id, communityId: c.id, body });
    }
    // Only the issues escalated to the street go up whole; the others are the counts in the 小区's facts.
    for (const s of listIssues(ctx, { communityId: c.id, overdueOnly: false, text: '' }, now).filter((i) => i.level === '街道')) {
      out.push({ kind: 'issue', id: s.id, communityId: c.id, body: escalatedIssue(ctx, s.id, now) });
    }
  }
  return out;
}

function escalatedIssue(ctx: ServiceContext, id: string, now: string): z.input<typeof issueRecord> {
  const i = getIssue(ctx, id, now);
  return {
    number: i.number, title: i.title, category: i.category, reportedAt: i.reportedAt, reporter: maskReporter(i.reporter), place: i.place,
    description: i.description, status: i.status, level: i.level, escalatedAt: i.escalatedAt, resolutionDue: i.resolutionDue,
    responsibleParty: i.responsibleParty, responsiblePerson: i.responsiblePerson, closedAt: i.closedAt,
    events: i.events.map((e) => ({ at: e.at, kind: e.kind, from: e.from, to: e.to, reason: e.reason, author: e.author })),
  };
}
