/**
 * The quarterly service-quality evaluation of a contract (issue 6): the
 * community's weighted checklist as scored, resident satisfaction from a
 * survey, the complaints the issue ledger holds for the quarter, and the fee
 * collection rate. One evaluation per contract and quarter; a later save of the
 * same quarter replaces it, with the old one kept in the audit log.
 */
import { and, asc, count, eq, gte, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import type { evaluation, evaluationInput } from '../../../shared/contract/office';
import { bandOf, evaluationScore, quarterOf } from '../../../shared/domain/evaluation';
import { nowIso } from '../../db/clock';
import { newId } from '../../db/ids';
import { storedRow } from '../../db/rows';
import { contractEvaluations, issues, serviceContracts } from '../../db/schema/office';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext } from '../context';

type Evaluation = z.output<typeof evaluation>;
type EvaluationRow = typeof contractEvaluations.$inferSelect;

/** The items column as stored: the community's checklist as it was, each item with its score (JSON). */
const storedItems = z.array(z.object({ key: z.string(), name: z.string(), weight: z.number(), score: z.number() }));

/** 'YYYY-Qn' → its first and last day. */
export function quarterRange(quarter: string): { from: string; to: string; label: string } {
  const [year, q] = quarter.split('-Q');
  const month = (Number(q) - 1) * 3 + 1;
  return quarterOf(`${year}-${String(month).padStart(2, '0')}-01`);
}

/** Basis points of part / whole, rounded down (a rate never shown higher than it is); null without a whole. */
const basisPoints = (part: number, whole: number): number | null => (whole <= 0 ? null : Math.floor((part * 10_000) / whole));

/**
 * Complaints about the property company in the quarter: issues of the
 * community reported in it whose category is 物业服务 or that were handed to the company.
 */
export function complaintsIn(ctx: ServiceContext, communityId: string, from: string, to: string): number {
  const [row] = ctx.db.select({ n: count() }).from(issues).where(and(
    eq(issues.communityId, communityId), gte(issues.reportedAt, from), lt(issues.reportedAt, `${to}T24:00`),
    or(eq(issues.category, '物业服务'), eq(issues.responsibleParty, '物业')),
  )).all();
  return row?.n ?? 0;
}

function toEvaluation(r: EvaluationRow): Evaluation {
  const items = storedItems.parse(JSON.parse(r.items));
  const numerator = items.reduce((s, i) => s + i.weight * i.score, 0);
  const denominator = items.reduce((s, i) => s + i.weight, 0);
  return {
    id: r.id, contractId: r.contractId, quarter: r.quarter, items: items.map(({ key, name, weight, score }) => ({ key, name, weight, score })),
    score: `${Math.floor(r.score / 10)}.${r.score % 10}`, band: bandOf({ numerator, denominator }),
    satisfaction: r.satisfaction, surveyed: r.surveyed, complaints: r.complaints, collectionRate: r.collectionRate, note: r.note,
  };
}

export function listEvaluations(ctx: ServiceContext, contractId: string): Evaluation[] {
  return ctx.db.select().from(contractEvaluations).where(eq(contractEvaluations.contractId, contractId)).orderBy(asc(contractEvaluations.quarter)).all()
    .map(toEvaluation);
}

export function saveEvaluation(ctx: ServiceContext, actor: Actor, input: z.output<typeof evaluationInput>): Evaluation {
  const contract = ctx.db.select({ communityId: serviceContracts.communityId, startDate: serviceContracts.startDate }).from(serviceContracts)
    .where(eq(serviceContracts.id, input.contractId)).get();
  if (!contract) throw new AppError('NOT_FOUND', '找不到这份物业服务合同');
  const checklist = getCommunity(ctx, contract.communityId).settings.officeRules.checklist;
  const result = evaluationScore(checklist, input.scores);
  if (!result.ok) throw new AppError('VALIDATION', result.problems.join('；'), result.problems.map((message) => fieldProblem('scores', message, '评分')));
  if (input.satisfied > input.surveyed) throw new AppError('VALIDATION', `满意人数 ${input.satisfied} 多于调查人数 ${input.surveyed}`);
  if ((input.feesDue === null) !== (input.feesCollected === null)) throw new AppError('VALIDATION', '应收和实收物业费应同时填写，或都不填');
  const { from, to, label } = quarterRange(input.quarter);
  if (to < contract.startDate) throw new AppError('VALIDATION', `${label}在合同起始日 ${contract.startDate} 之前`);

  const items = checklist.map((i) => ({ ...i, score: input.scores[i.key]! }));
  const values = {
    items: JSON.stringify(items), score: result.score.tenths, satisfaction: input.surveyed > 0 ? basisPoints(input.satisfied, input.surveyed) : null,
    surveyed: input.surveyed, complaints: complaintsIn(ctx, contract.communityId, from, to),
    collectionRate: input.feesDue === null || input.feesCollected === null ? null : basisPoints(input.feesCollected, input.feesDue), note: input.note,
  };
  const id = write(ctx, actor, (scope) => {
    const before = ctx.db.select().from(contractEvaluations)
      .where(and(eq(contractEvaluations.contractId, input.contractId), eq(contractEvaluations.quarter, input.quarter))).get();
    const now = nowIso();
    if (before) {
      ctx.db.update(contractEvaluations).set({ ...values, updatedAt: now }).where(eq(contractEvaluations.id, before.id)).run();
      scope.audit({ action: 'update', entity: 'contract_evaluation', entityId: before.id, before: storedRow(contractEvaluations, before), after: input });
      return before.id;
    }
    const id = newId();
    ctx.db.insert(contractEvaluations).values({ id, contractId: input.contractId, quarter: input.quarter, ...values, createdAt: now, updatedAt: now }).run();
    scope.audit({ action: 'create', entity: 'contract_evaluation', entityId: id, after: input });
    return id;
  });
  // Written just now, in this call.
  return toEvaluation(ctx.db.select().from(contractEvaluations).where(eq(contractEvaluations.id, id)).get()!);
}
