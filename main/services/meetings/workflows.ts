/**
 * Workflow definitions as data. The shipped default (五议两公开一备案) is
 * written at start-up when there is none; an office's change is a new version
 * of the family (same key), and matters keep the version they started with.
 */
import { AppError, inputProblems } from '../../../shared/contract/errors';
import { checkWorkflowDefinition, DEFAULT_WORKFLOW, type StepDefinition, type WorkflowDefinition } from '../../../shared/domain/workflow';
import { nowIso } from '../../db/clock';
import { newId } from '../../db/ids';
import { write, type Actor, type ServiceContext } from '../context';

export const DEFAULT_WORKFLOW_KEY = 'wuyi-liangkai';

interface WorkflowRow { id: string; key: string; name: string; version: number; steps: string; is_default: number; created_at: string }

export interface StoredWorkflow extends WorkflowDefinition {
  id: string;
  key: string;
  version: number;
  isDefault: boolean;
}

function toWorkflow(r: WorkflowRow): StoredWorkflow {
  return { id: r.id, key: r.key, name: r.name, version: r.version, steps: JSON.parse(r.steps) as StepDefinition[], isDefault: r.is_default === 1 };
}

/** Write the shipped default on a database that has no workflow yet (run at start-up). */
export function ensureDefaultWorkflow(ctx: ServiceContext): void {
  if (ctx.sqlite.prepare('select 1 from workflows limit 1').get()) return;
  write(ctx, { author: '系统', userId: null }, (tx) => {
    const id = newId();
    ctx.sqlite.prepare('insert into workflows (id, key, name, version, steps, is_default, created_at) values (?, ?, ?, 1, ?, 1, ?)')
      .run(id, DEFAULT_WORKFLOW_KEY, DEFAULT_WORKFLOW.name, JSON.stringify(DEFAULT_WORKFLOW.steps), nowIso());
    tx.audit({ action: 'create', entity: 'workflow', entityId: id, after: DEFAULT_WORKFLOW });
  });
}

export function getWorkflow(ctx: ServiceContext, id: string): StoredWorkflow {
  const r = ctx.sqlite.prepare('select * from workflows where id = ?').get(id) as WorkflowRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', '找不到这个办理流程');
  return toWorkflow(r);
}

/** The newest version of the default family: what a new matter starts on. */
export function defaultWorkflow(ctx: ServiceContext): StoredWorkflow {
  const r = ctx.sqlite.prepare(`select * from workflows where key = (select key from workflows where is_default = 1 limit 1)
    order by version desc limit 1`).get() as WorkflowRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', '尚未定义办理流程');
  return toWorkflow(r);
}

export function listWorkflows(ctx: ServiceContext) {
  const rows = ctx.sqlite.prepare(`select w.*, (select count(*) from matters m where m.workflow_id = w.id) as matters,
      w.version = (select max(v.version) from workflows v where v.key = w.key) as current
      from workflows w order by w.is_default desc, w.key, w.version desc`).all() as (WorkflowRow & { matters: number; current: number })[];
  return rows.map((r) => ({ ...toWorkflow(r), current: r.current === 1, matters: r.matters, createdAt: r.created_at }));
}

/** A new version of a family (key given) or a new workflow. Definitions are never edited in place. */
export function saveWorkflow(ctx: ServiceContext, actor: Actor, input: { key?: string | undefined; name: string; steps: StepDefinition[] }) {
  const problems = checkWorkflowDefinition(input);
  if (problems.length > 0) throw new AppError('VALIDATION', problems.join('；'), inputProblems(problems));
  let key = input.key;
  let version = 1;
  let isDefault = false;
  if (key !== undefined) {
    const latest = ctx.sqlite.prepare('select version, is_default from workflows where key = ? order by version desc limit 1').get(key) as
      { version: number; is_default: number } | undefined;
    if (!latest) throw new AppError('NOT_FOUND', '找不到要修改的办理流程');
    version = latest.version + 1;
    isDefault = latest.is_default === 1;
  } else key = newId();
  const id = newId();
  write(ctx, actor, (tx) => {
    ctx.sqlite.prepare('insert into workflows (id, key, name, version, steps, is_default, created_at) values (?, ?, ?, ?, ?, ?, ?)')
      .run(id, key, input.name.trim(), version, JSON.stringify(input.steps), isDefault ? 1 : 0, nowIso());
    tx.audit({ action: 'create', entity: 'workflow', entityId: id, after: { key, version, name: input.name, steps: input.steps } });
  });
  return listWorkflows(ctx).find((w) => w.id === id)!;
}

/** New matters start on the newest version of this family; running matters keep theirs. */
export function setDefaultWorkflow(ctx: ServiceContext, actor: Actor, key: string) {
  if (!ctx.sqlite.prepare('select 1 from workflows where key = ?').get(key)) throw new AppError('NOT_FOUND', '找不到这个办理流程');
  const before = ctx.sqlite.prepare('select key from workflows where is_default = 1 limit 1').pluck().get() as string | undefined;
  write(ctx, actor, (tx) => {
    ctx.sqlite.prepare('update workflows set is_default = (key = ?)').run(key);
    tx.audit({ action: 'set-default', entity: 'workflow', entityId: key, before: { key: before ?? null }, after: { key } });
  });
  return listWorkflows(ctx);
}
