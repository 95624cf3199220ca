/**
 * Property-dispute mediation records (物业纠纷人民调解, issue 6): the parties,
 * the mediator, each session, the outcome and the agreement. A record whose
 * outcome is entered is decided: later changes are refused (a new record is
 * made instead), like the other decided records of the app.
 */
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import type { mediation, mediationFields, mediationUpdate } from '../../../shared/contract/office';
import { nowIso, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { oneOf, storedRow } from '../../db/rows';
import { issues, mediations } from '../../db/schema/office';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext } from '../context';
import { refuseStale } from '../record-revisions';

type Mediation = z.output<typeof mediation>;
type MediationRow = typeof mediations.$inferSelect;

const OUTCOMES = ['', '调解成功', '调解不成'] as const satisfies readonly Mediation['outcome'][];
/** The sessions column as stored: JSON written from the checked input. */
const storedSessions = z.array(z.object({ date: z.string(), summary: z.string() }));

const toMediation = (r: MediationRow): Mediation => ({
  id: r.id, communityId: r.communityId, issueId: r.issueId, parties: r.parties, mediator: r.mediator,
  sessions: storedSessions.parse(JSON.parse(r.sessions)), outcome: oneOf(OUTCOMES, r.outcome, 'mediations.outcome'), agreement: r.agreement,
  createdAt: r.createdAt, updatedAt: r.updatedAt, revision: r.revision,
});

export function listMediations(ctx: ServiceContext, communityId: string): Mediation[] {
  return ctx.db.select().from(mediations).where(eq(mediations.communityId, communityId)).orderBy(desc(mediations.createdAt)).all().map(toMediation);
}

function mediationRow(ctx: ServiceContext, id: string): MediationRow {
  const row = ctx.db.select().from(mediations).where(eq(mediations.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到这条调解记录');
  return row;
}

type Fields = Omit<z.output<typeof mediationFields>, 'communityId'>;

function check(ctx: ServiceContext, communityId: string, input: Fields, today: string): void {
  if (input.issueId !== null) {
    const issue = ctx.db.select({ communityId: issues.communityId }).from(issues).where(eq(issues.id, input.issueId)).get();
    if (!issue || issue.communityId !== communityId) throw AppError.field('VALIDATION', 'issueId', '所关联的问题不属于本小区');
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
    ctx.db.insert(mediations).values({
      id, communityId: input.communityId, issueId: input.issueId, parties: input.parties, mediator: input.mediator, sessions: JSON.stringify(input.sessions),
      outcome: input.outcome, agreement: input.agreement, createdAt: now, updatedAt: now,
    }).run();
    scope.audit({ action: 'create', entity: 'mediation', entityId: id, after: input });
    return id;
  });
  return toMediation(mediationRow(ctx, id));
}

export function updateMediation(ctx: ServiceContext, actor: Actor, input: z.output<typeof mediationUpdate>, today = todayInOffice()): Mediation {
  write(ctx, actor, (scope) => {
    const before = mediationRow(ctx, input.id);
    refuseStale(ctx, 'mediation', before, input.expectedRevision);
    if (before.outcome !== '') throw new AppError('REFUSED', `这次调解已有结果（${before.outcome}），不能再修改；如需补充请新建调解记录`);
    check(ctx, before.communityId, input, today);
    ctx.db.update(mediations).set({
      issueId: input.issueId, parties: input.parties, mediator: input.mediator, sessions: JSON.stringify(input.sessions), outcome: input.outcome,
      agreement: input.agreement, updatedAt: nowIso(),
    }).where(eq(mediations.id, input.id)).run();
    const { expectedRevision: _opened, ...after } = input;
    scope.audit({ action: 'update', entity: 'mediation', entityId: input.id, before: storedRow(mediations, before), after });
  });
  return toMediation(mediationRow(ctx, input.id));
}
