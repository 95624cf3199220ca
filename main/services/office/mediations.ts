/**
 * Property-dispute mediation records (物业纠纷人民调解, issue 6): the parties,
 * the mediator, each session, the outcome and the agreement. A record whose
 * outcome is entered is decided: later changes are refused (a new record is
 * made instead), like the other decided records of the app.
 */
import type { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import type { mediation, mediationFields, mediationUpdate } from '../../../shared/contract/office';
import { nowIso, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext } from '../context';

type Mediation = z.output<typeof mediation>;
interface MediationRow {
  id: string; community_id: string; issue_id: string | null; parties: string; mediator: string; sessions: string; outcome: Mediation['outcome'];
  agreement: string; created_at: string; updated_at: string;
}

const toMediation = (r: MediationRow): Mediation => ({
  id: r.id, communityId: r.community_id, issueId: r.issue_id, parties: r.parties, mediator: r.mediator,
  sessions: JSON.parse(r.sessions) as Mediation['sessions'], outcome: r.outcome, agreement: r.agreement, createdAt: r.created_at, updatedAt: r.updated_at,
});

export function listMediations(ctx: ServiceContext, communityId: string): Mediation[] {
  return (ctx.sqlite.prepare('select * from mediations where community_id = ? order by created_at desc').all(communityId) as MediationRow[]).map(toMediation);
}

function mediationRow(ctx: ServiceContext, id: string): MediationRow {
  const row = ctx.sqlite.prepare('select * from mediations where id = ?').get(id) as MediationRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这条调解记录');
  return row;
}

type Fields = Omit<z.output<typeof mediationFields>, 'communityId'>;

function check(ctx: ServiceContext, communityId: string, input: Fields, today: string): void {
  if (input.issueId !== null) {
    const issue = ctx.sqlite.prepare('select community_id from issues where id = ?').get(input.issueId) as { community_id: string } | undefined;
    if (!issue || issue.community_id !== communityId) throw AppError.field('VALIDATION', 'issueId', '所关联的问题不属于本小区');
  }
  for (const [i, s] of input.sessions.entries()) {
    if (s.date > today) throw new AppError('VALIDATION', `第${i + 1}次调解日期 ${s.date} 在今天之后`, [fieldProblem(`sessions.${i}.date`, '在今天之后', `第${i + 1}次调解日期`)]);
  }
  if (input.outcome === '调解成功' && input.agreement.trim() === '') throw AppError.field('VALIDATION', 'agreement', '调解成功应填写调解协议内容');
  if (input.outcome !== '' && input.sessions.length === 0) throw new AppError('VALIDATION', '登记调解结果前应至少记录一次调解');
}

export function createMediation(ctx: ServiceContext, actor: Actor, input: z.output<typeof mediationFields>, today = todayInOffice()): Mediation {
  getCommunity(ctx, input.communityId);
  check(ctx, input.communityId, input, today);
  const id = write(ctx, actor, (scope) => {
    const id = newId();
    const now = nowIso();
    ctx.sqlite.prepare(`insert into mediations (id, community_id, issue_id, parties, mediator, sessions, outcome, agreement, created_at, updated_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, input.communityId, input.issueId, input.parties, input.mediator, JSON.stringify(input.sessions),
      input.outcome, input.agreement, now, now);
    scope.audit({ action: 'create', entity: 'mediation', entityId: id, after: input });
    return id;
  });
  return toMediation(mediationRow(ctx, id));
}

export function updateMediation(ctx: ServiceContext, actor: Actor, input: z.output<typeof mediationUpdate>, today = todayInOffice()): Mediation {
  write(ctx, actor, (scope) => {
    const before = mediationRow(ctx, input.id);
    if (before.outcome !== '') throw new AppError('REFUSED', `这次调解已有结果（${before.outcome}），不能再修改；如需补充请新建调解记录`);
    check(ctx, before.community_id, input, today);
    ctx.sqlite.prepare('update mediations set issue_id = ?, parties = ?, mediator = ?, sessions = ?, outcome = ?, agreement = ?, updated_at = ? where id = ?')
      .run(input.issueId, input.parties, input.mediator, JSON.stringify(input.sessions), input.outcome, input.agreement, nowIso(), input.id);
    scope.audit({ action: 'update', entity: 'mediation', entityId: input.id, before, after: input });
  });
  return toMediation(mediationRow(ctx, input.id));
}
