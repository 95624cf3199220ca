/**
 * 一小区一档 (issue 18): a community's records for an inspection, gathered from each feature's own service — the
 * bodies, meetings with their final minutes, matters step by step, votes as their tally counts them, the fund as
 * fund.balance gives it, contracts with their statutory dates and scores, the issue ledger — so that the dossier
 * never computes a figure of its own that could differ from the screen it comes from. The print view and the
 * xlsx (dossier-workbook.ts) both read this one result.
 */
import type { Dossier } from '../../../shared/contract/dossier';
import { fenToYuan, parseYuan } from '../../../shared/domain/money';
import { todayInOffice } from '../../db/clock';
import type { ServiceContext } from '../context';
import { getMeeting, listMeetings } from '../meetings/meetings';
import { getMatter, listMatters } from '../meetings/matters';
import { getMinutes } from '../meetings/minutes';
import { listBodies } from '../office/bodies';
import { listEvaluations } from '../office/contract-evaluations';
import { listIssues } from '../office/issues';
import { listContracts } from '../office/service-contracts';
import { listAttachments } from '../system/attachments';
import { fundBalance, householdPage } from '../treasury/fund';
import { listProjects } from '../treasury/repairs';
import { revenueSummary } from '../treasury/revenue';
import { getVote, listVotes } from '../votes/votes';
import { tallyVote } from '../votes/vote-tally';
import { getCommunity } from './communities';

/** Revenue "since the books began": earlier than any entry the app can hold. */
const BOOKS_BEGIN = '1900-01-01';

export function communityDossier(ctx: ServiceContext, communityId: string, today = todayInOffice()): Dossier {
  const c = getCommunity(ctx, communityId);
  const votes = listVotes(ctx, communityId);
  return {
    community: { id: c.id, name: c.name, address: c.address, streetOffice: c.streetOffice, communityOffice: c.communityOffice },
    madeOn: today,
    bodies: bodiesOf(ctx, communityId, today),
    meetings: meetingsOf(ctx, communityId, new Map(votes.map((v) => [getVote(ctx, v.id).meetingId, { returned: v.returned, subjects: v.subjects }]))),
    matters: mattersOf(ctx, communityId, new Map(votes.map((v) => [v.id, v.title])), today),
    votes: votes.map((v) => voteOf(ctx, v)).reverse(),
    fund: fundOf(ctx, communityId, today),
    contracts: contractsOf(ctx, communityId, today).map((k) => k.contract),
    // Oldest first, as the ledger is numbered; the reporter is not part of the summary.
    issues: listIssues(ctx, { communityId, overdueOnly: false, text: '' }).sort((a, b) => a.number - b.number).map(dossierIssueOf),
    copy: null,
  };
}

/** An issue's line in the dossier's ledger: never its reporter (also from a street's copy). */
export function dossierIssueOf(i: Dossier['issues'][number]): Dossier['issues'][number] {
  return {
    number: i.number, reportedAt: i.reportedAt, category: i.category, title: i.title, status: i.status, level: i.level,
    resolutionDue: i.resolutionDue, closedAt: i.closedAt,
  };
}

/** A vote as its tally counts it: the figures and outcomes, never a ballot (also what goes to the street). */
export function voteOf(ctx: ServiceContext, v: { id: string; title: string; opens: string; closes: string; status: string }): Dossier['votes'][number] {
  const tally = tallyVote(ctx, v.id);
  return {
    title: v.title, opens: v.opens, closes: v.closes, closed: v.status === 'closed', returned: tally.ballots.returned, valid: tally.ballots.valid,
    items: tally.items.map((i) => ({
      title: i.title, categoryName: i.categoryName, scopeLabel: i.scopeLabel,
      electorate: i.electorate, participants: i.participants, yes: i.yes, no: i.no, abstain: i.abstain, passed: i.passed,
    })),
  };
}

/** Each contract with its statutory dates and its evaluations' scores (also what goes to the street), by its id. */
export function contractsOf(ctx: ServiceContext, communityId: string, today: string): { id: string; contract: Dossier['contracts'][number] }[] {
  return listContracts(ctx, communityId, today).map((k) => ({
    id: k.id,
    contract: {
      companyName: k.companyName, kind: k.kind, startDate: k.startDate, endDate: k.endDate, state: k.state.message,
      nonRenewalNoticeBy: k.nonRenewalNoticeBy.date, renewalPreparationFrom: k.renewalPreparationFrom,
      evaluations: listEvaluations(ctx, k.id).map((e) => ({ quarter: e.quarter, score: e.score, band: e.band })),
    },
  }));
}

export function bodiesOf(ctx: ServiceContext, communityId: string, today: string): Dossier['bodies'] {
  // Names and roles only: a member's person record (ID number, phone) stays in the register.
  return listBodies(ctx, communityId, today).map((b) => ({
    kind: b.kind, electedOn: b.electedOn, termYears: b.termYears, termEnd: b.termEnd, current: b.current,
    members: b.members.map((m) => ({ name: m.name, role: m.role })),
  }));
}

function meetingsOf(ctx: ServiceContext, communityId: string, ballots: ReadonlyMap<string, { returned: number; subjects: number }>): Dossier['meetings'] {
  // Every meeting: the screens page them, the dossier is the whole record.
  return listMeetings(ctx, { communityId, limit: Number.MAX_SAFE_INTEGER }).map((m) => {
    const full = getMeeting(ctx, m.id);
    const recorded = full.attendees.some((a) => a.present !== null);
    // The final minutes: the newest approved version (a correction approves a new version over the old one).
    const approved = full.minutes.filter((v) => v.status === 'approved').sort((a, b) => b.version - a.version)[0];
    return {
      date: m.date, kind: m.kind, title: m.title, held: m.status === 'held',
      listed: full.attendees.length, present: recorded ? full.attendees.filter((a) => a.present === true).length : null, ballots: ballots.get(m.id) ?? null,
      minutes: approved ? { version: approved.version, text: getMinutes(ctx, approved.id).text } : null,
    };
  });
}

function mattersOf(ctx: ServiceContext, communityId: string, voteTitles: ReadonlyMap<string, string>, today: string): Dossier['matters'] {
  return listMatters(ctx, communityId, today).map((item) => {
    const m = getMatter(ctx, item.id, today);
    return {
      title: m.title, category: m.category, raisedOn: m.raisedOn, done: m.done,
      steps: m.steps.map((s) => ({
        name: s.name, state: s.skipped ? 'skipped' as const : s.done ? 'done' as const : 'waiting' as const, date: s.date,
        evidence: [
          s.meetingTitle && `会议：${s.meetingTitle}`,
          s.voteId && `表决：${voteTitles.get(s.voteId) ?? ''}`,
          s.postingStart && `公示：${s.postingStart}至${s.postingEnd ?? ''}`,
          s.filingBody && `备案：${s.filingBody}`,
          s.document && `文件：${s.document}`,
          s.skipReason && `未办理：${s.skipReason}`,
        ].filter(Boolean).join('；'),
      })),
      attachments: listAttachments(ctx, 'matter', m.id).map((a) => a.fileName),
    };
  });
}

export function fundOf(ctx: ServiceContext, communityId: string, today: string): Dossier['fund'] {
  const balance = fundBalance(ctx, communityId);
  const projects = listProjects(ctx, communityId);
  const sum = (values: (string | null)[]) => fenToYuan(values.reduce((s, v) => s + (v === null ? 0 : parseYuan(v) ?? 0), 0));
  const revenue = revenueSummary(ctx, { communityId, from: BOOKS_BEGIN, to: today });
  return {
    ...balance,
    householdCount: householdPage(ctx, { communityId, text: '', belowTopUpOnly: false, offset: 0, limit: 1 }).total,
    repairs: {
      projects: projects.length,
      paid: sum(projects.map((p) => p.paid)),
      charged: sum(projects.filter((p) => p.status === 'charged').map((p) => p.finalCost)),
    },
    revenue: { income: revenue.income, cost: revenue.cost, net: revenue.net, transferred: revenue.transferred },
  };
}
