/**
 * 一小区一档 from the street's (or district's) copy (issue 18): the same dossier as the 社区 prints
 * (shared/contract/dossier.ts), made from what that 社区 office sent — the 小区's facts, meetings, matters, votes,
 * contracts and escalated issues — and saying, section by section, what a copy does not hold: members' names,
 * minutes, the steps' evidence, issues that were not escalated (their counts only).
 */
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../../shared/contract/errors';
import type { Dossier } from '../../../shared/contract/dossier';
import { communityRecord, contractRecord, issueRecord, matterRecord, meetingRecord, voteRecord } from '../../../shared/contract/levels';
import type { z } from 'zod';
import { todayInOffice } from '../../db/clock';
import { receivedRecords } from '../../db/schema/levels';
import type { ServiceContext } from '../context';
import { dossierIssueOf } from '../register/dossier';
import { officeByName, selfOffice } from './offices';

export function copyDossier(ctx: ServiceContext, officeName: string, communityId: string, today = todayInOffice()): Dossier {
  const office = officeByName(ctx, officeName);
  const rows = office ? ctx.db.select().from(receivedRecords).where(and(eq(receivedRecords.officeId, office.id), eq(receivedRecords.communityId, communityId))).all() : [];
  const of = <T extends z.ZodType>(kind: string, schema: T) => rows.filter((r) => r.kind === kind).map((r) => schema.parse(JSON.parse(r.body)) as z.output<T>);
  const facts = of('community', communityRecord)[0];
  if (!office || !facts) throw AppError.field('NOT_FOUND', 'communityId', '本办公室没有收到这个小区的数据');
  const received = rows.find((r) => r.kind === 'community')!.receivedAt;
  const escalated = of('issue', issueRecord);
  return {
    // At a district the 社区's street is the one that vouched for it; at a street, this office.
    community: { id: communityId, name: facts.name, address: facts.address, streetOffice: office.aboveName ?? selfOffice(ctx)?.name ?? '', communityOffice: office.name },
    madeOn: today,
    bodies: facts.terms.map((b) => ({ ...b, members: [] })),
    meetings: of('meeting', meetingRecord).sort((a, b) => (a.date < b.date ? -1 : 1))
      .map((m) => ({ date: m.date, kind: m.kind, title: m.title, held: m.held, listed: m.attendees, present: m.present, ballots: null, minutes: null })),
    matters: of('matter', matterRecord).map((m) => ({
      title: m.title, category: m.category, raisedOn: m.raisedOn, done: m.done,
      steps: m.steps.map((s) => ({ name: s.name, state: s.state, date: s.date, evidence: '' })), attachments: [],
    })),
    votes: of('vote', voteRecord),
    fund: facts.fund,
    contracts: of('contract', contractRecord),
    issues: escalated.sort((a, b) => a.number - b.number).map(dossierIssueOf),
    copy: {
      office: office.name, receivedAt: received,
      notHeld: {
        组织: `成员名单（各组织成员人数：${facts.terms.map((b) => `${b.kind}${b.members}人`).join('，') || '—'}）`,
        会议与纪要: '参会人员名单和会议纪要全文',
        议事事项: '各步骤的证明材料和附件',
        问题台账: `未上报街道的问题明细（共 ${facts.issues.total} 件，其中未办结 ${facts.issues.open} 件、逾期 ${facts.issues.overdue} 件；以下仅列上报街道的问题）`,
      },
    },
  };
}
