import { z } from 'zod';
import { isErrorEnvelope, problemSchema, type ConflictProblem, type ErrorCode, type ErrorEnvelope, type FieldProblem, type Problem, type RuleProblem } from '../../../shared/contract/errors';
import type { RowError } from '../../../shared/domain/roster-rows';

const problemsSchema = z.array(problemSchema);

/** An error from main, carrying its envelope (code, Chinese message, the problems it names). */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** What the refusal names (shared/contract/errors.ts), checked on arrival: a malformed list is read as none. */
  readonly problems: Problem[];

  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.message);
    this.name = 'ApiError';
    this.code = envelope.code;
    const parsed = problemsSchema.safeParse(envelope.details ?? []);
    this.problems = parsed.success ? parsed.data : [];
  }

  /** A file's row errors (for ImportErrors), else []. */
  get rowErrors(): RowError[] {
    return this.problems.flatMap((p) => (p.kind === 'row' ? [p.column === undefined ? { row: p.row, message: p.message } : { row: p.row, column: p.column, message: p.message }] : []));
  }

  get fieldProblems(): FieldProblem[] {
    return this.problems.filter((p): p is FieldProblem => p.kind === 'field');
  }

  /** The procedural rules an overriding reason goes past; [] unless every problem is one (main/services/rule-overrides.ts). */
  get ruleProblems(): RuleProblem[] {
    const rules = this.problems.filter((p): p is RuleProblem => p.kind === 'rule');
    return this.code === 'REFUSED' && rules.length > 0 && rules.length === this.problems.length ? rules : [];
  }

  /** The record already there, when the refusal is that one exists. */
  get conflict(): ConflictProblem | null {
    return this.problems.find((p): p is ConflictProblem => p.kind === 'conflict') ?? null;
  }
}

export function toApiError(value: unknown, fallback: string): ApiError {
  if (value instanceof ApiError) return value;
  if (isErrorEnvelope(value)) return new ApiError(value);
  const message = value instanceof Error && value.message ? `${fallback}（${value.message}）` : fallback;
  return new ApiError({ code: 'INTERNAL', message });
}

/** The Chinese message of anything thrown. */
export function errorMessage(value: unknown): string {
  if (value instanceof ApiError) return value.message;
  if (value instanceof Error) return value.message;
  return String(value);
}

/**
 * Every message of an error, one per problem — for a list of what to fix:
 * a field's prefixed with its name when the message does not start with it
 * (`labelOf` names fields the screen knows, e.g. 'items.0.title' → 议题1; else
 * main's label), a row's with its row number; an error naming no problem, its
 * message.
 */
export function refusalMessages(e: unknown, labelOf: (field: string) => string = () => ''): string[] {
  if (!(e instanceof ApiError) || e.problems.length === 0) return [errorMessage(e)];
  const lines = e.problems.map((p) => {
    const where = p.kind === 'field' ? (labelOf(p.field) || p.label || '') : p.kind === 'row' && p.row !== null ? `第${p.row}行` : '';
    // Not placing by words: only not saying the field's name twice (“恢复码：恢复码不对…”).
    // eslint-disable-next-line no-restricted-syntax
    return where && !p.message.startsWith(where) ? `${where}：${p.message}` : p.message;
  });
  return [...new Set(lines)];
}
