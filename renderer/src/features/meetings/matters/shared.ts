/** Types and small helpers shared by the matter screens. */
import type { MethodOutput } from '../../../../../shared/contract/methods';

export type MatterDetail = MethodOutput<'matter.get'>;
export type MatterStep = MatterDetail['steps'][number];
export type MatterListItem = MethodOutput<'matter.list'>[number];
export type Workflow = MethodOutput<'workflow.list'>[number];

/** The workflow new matters start on: the current version of the default family. */
export function defaultWorkflow(list: readonly Workflow[]): Workflow | null {
  return list.find((w) => w.isDefault && w.current) ?? list.find((w) => w.current) ?? null;
}

/** The publication steps of a matter: [resolution, result] (either may be missing). */
export function publicationSteps(steps: readonly MatterStep[]): { resolution: MatterStep | null; result: MatterStep | null } {
  const pubs = steps.filter((s) => s.kind === 'publication');
  return { resolution: pubs[0] ?? null, result: pubs[1] ?? null };
}
