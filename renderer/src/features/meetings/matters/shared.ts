/** Types and small helpers shared by the matter screens. */
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { ApiError, errorMessage } from '../../../api/errors';

export type MatterDetail = MethodOutput<'matter.get'>;
export type MatterStep = MatterDetail['steps'][number];
export type MatterListItem = MethodOutput<'matter.list'>[number];
export type Workflow = MethodOutput<'workflow.list'>[number];

/**
 * Every message of an error from main, one per line: the violations of a
 * refusal (details.violations), the field/row messages of a VALIDATION error,
 * else its message.
 */
export function refusalMessages(e: unknown): string[] {
  if (e instanceof ApiError) {
    const details = e.details as { violations?: unknown } | undefined;
    if (details && typeof details === 'object' && Array.isArray(details.violations)) {
      const lines = details.violations
        .map((v: unknown) => (typeof v === 'object' && v !== null && typeof (v as { message?: unknown }).message === 'string' ? (v as { message: string }).message : null))
        .filter((m): m is string => m !== null);
      if (lines.length > 0) return lines;
    }
    const rows = e.rowErrors.map((r) => r.message);
    if (rows.length > 0) return rows;
    return [e.message];
  }
  return [errorMessage(e)];
}

/** The workflow new matters start on: the current version of the default family. */
export function defaultWorkflow(list: readonly Workflow[]): Workflow | null {
  return list.find((w) => w.isDefault && w.current) ?? list.find((w) => w.current) ?? null;
}

/** The publication steps of a matter: [resolution, result] (either may be missing). */
export function publicationSteps(steps: readonly MatterStep[]): { resolution: MatterStep | null; result: MatterStep | null } {
  const pubs = steps.filter((s) => s.kind === 'publication');
  return { resolution: pubs[0] ?? null, result: pubs[1] ?? null };
}
