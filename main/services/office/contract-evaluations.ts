/**
 * The quarterly service-quality evaluation of a contract (issue 6): the
 * community's weighted checklist as scored, resident satisfaction from a
 * survey, the complaints the issue ledger holds for the quarter, and the fee
 * collection rate. One evaluation per contract and quarter; a later save of the
 * same quarter replaces it, with the old one kept in the audit log.
 */
import type { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import type { evaluation, evaluationInput } from '../../../shared/contract/office';
import { bandOf, evaluationScore, quarterOf, type ChecklistItem } from '../../../shared/domain/evaluation';
import { nowIso } from '../../db/clock';
import { newId } from '../../db/ids';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext } from '../context';

type Evaluation = z.output<typeof evaluation>;

interface EvaluationRow {
  id: string; contract_id: string; quarter: string; items: string; score: number; satisfaction: number | null; surveyed: number;
  complaints: number; collection_rate: number | null; note: string;
}

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
  return (ctx.sqlite.prepare(`select count(*) as n from issues where community_id = ? and reported_at >= ? and reported_at < ?
      and (category = '物业服务' or responsible_party = '物业')`).get(communityId, from, `${to}T24:00`) as { n: number }).n;
}

function toEvaluation(r: EvaluationRow): Evaluation {
  const items = JSON.parse(r.items) as (ChecklistItem & { score: number })[];
  const numerator = items.reduce((s, i) => s + i.weight * i.score, 0);
  const denominator = items.reduce((s, i) => s + i.weight, 0);
  return {
    id: r.id, contractId: r.contract_id, quarter: r.quarter, items: items.map(({ key, name, weight, score }) => ({ key, name, weight, score })),
    score: `${Math.floor(r.score / 10)}.${r.score % 10}`, band: bandOf({ numerator, denominator }),
    satisfaction: r.satisfaction, surveyed: r.surveyed, complaints: r.complaints, collectionRate: r.collection_rate, note: r.note,
  };
}

export function listEvaluations(ctx: ServiceContext, contractId: string): Evaluation[] {
  return (ctx.sqlite.prepare('select * from contract_evaluations where contract_id = ? order by quarter').all(contractId) as EvaluationRow[]).map(toEvaluation);
}

export function saveEvaluation(ctx: ServiceContext, actor: Actor, input: z.output<typeof evaluationInput>): Evaluation {
  const contract = ctx.sqlite.prepare('select community_id, start_date, end_date from service_contracts where id = ?').get(input.contractId) as
    { community_id: string; start_date: string; end_date: string } | undefined;
  if (!contract) throw new AppError('NOT_FOUND', '找不到这份物业服务合同');
  const checklist = getCommunity(ctx, contract.community_id).settings.officeRules.checklist;
  const result = evaluationScore(checklist, input.scores);
  if (!result.ok) throw new AppError('VALIDATION', result.problems.join('；'), result.problems.map((message) => fieldProblem('scores', message, '评分')));
  if (input.satisfied > input.surveyed) throw new AppError('VALIDATION', `满意人数 ${input.satisfied} 多于调查人数 ${input.surveyed}`);
  if ((input.feesDue === null) !== (input.feesCollected === null)) throw new AppError('VALIDATION', '应收和实收物业费应同时填写，或都不填');
  const { from, to, label } = quarterRange(input.quarter);
  if (to < contract.start_date) throw new AppError('VALIDATION', `${label}在合同起始日 ${contract.start_date} 之前`);

  const items = checklist.map((i) => ({ ...i, score: input.scores[i.key]! }));
  const values = [
    JSON.stringify(items), result.score.tenths, input.surveyed > 0 ? basisPoints(input.satisfied, input.surveyed) : null, input.surveyed,
    complaintsIn(ctx, contract.community_id, from, to),
    input.feesDue === null || input.feesCollected === null ? null : basisPoints(input.feesCollected, input.feesDue), input.note,
  ] as const;
  const id = write(ctx, actor, (scope) => {
    const before = ctx.sqlite.prepare('select * from contract_evaluations where contract_id = ? and quarter = ?').get(input.contractId, input.quarter) as EvaluationRow | undefined;
    const now = nowIso();
    if (before) {
      ctx.sqlite.prepare(`update contract_evaluations set items = ?, score = ?, satisfaction = ?, surveyed = ?, complaints = ?, collection_rate = ?, note = ?,
          updated_at = ? where id = ?`).run(...values, now, before.id);
      scope.audit({ action: 'update', entity: 'contract_evaluation', entityId: before.id, before, after: input });
      return before.id;
    }
    const id = newId();
    ctx.sqlite.prepare(`insert into contract_evaluations (id, contract_id, quarter, items, score, satisfaction, surveyed, complaints, collection_rate, note,
        created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, input.contractId, input.quarter, ...values, now, now);
    scope.audit({ action: 'create', entity: 'contract_evaluation', entityId: id, after: input });
    return id;
  });
  return toEvaluation(ctx.sqlite.prepare('select * from contract_evaluations where id = ?').get(id) as EvaluationRow);
}
