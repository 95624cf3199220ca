/**
 * Workflow definitions as data. The shipped default (五议两公开一备案) is
 * written at start-up when there is none; an office's change is a new version
 * of the family (same key), and matters keep the version they started with.
 */
import { count, desc, eq, getTableColumns, max, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { AppError, inputProblems } from '../../../shared/contract/errors';
import { checkWorkflowDefinition, DEFAULT_WORKFLOW, type StepDefinition, type WorkflowDefinition } from '../../../shared/domain/workflow';
import { nowIso } from '../../db/clock';
import { newId } from '../../db/ids';
import { matters, workflows } from '../../db/schema/meetings';
import { write, type Actor, type ServiceContext } from '../context';
import { refuseStale } from '../record-revisions';

export const DEFAULT_WORKFLOW_KEY = 'wuyi-liangkai';

export interface StoredWorkflow extends WorkflowDefinition {
  id: string;
  key: string;
  version: number;
  isDefault: boolean;
}

function toWorkflow(r: typeof workflows.$inferSelect): StoredWorkflow {
  return { id: r.id, key: r.key, name: r.name, version: r.version, steps: JSON.parse(r.steps) as StepDefinition[], isDefault: r.isDefault };
}

/** Write the shipped default on a database that has no workflow yet (run at start-up). */
export function ensureDefaultWorkflow(ctx: ServiceContext): void {
  if (ctx.db.select({ one: sql<number>`1` }).from(workflows).limit(1).get()) return;
  write(ctx, { author: '系统', userId: null }, (tx) => {
    const id = newId();
    ctx.db.insert(workflows).values({
      id, key: DEFAULT_WORKFLOW_KEY, name: DEFAULT_WORKFLOW.name, version: 1, steps: JSON.stringify(DEFAULT_WORKFLOW.steps), isDefault: true, createdAt: nowIso(),
    }).run();
    tx.audit({ action: 'create', entity: 'workflow', entityId: id, after: DEFAULT_WORKFLOW });
  });
}

export function getWorkflow(ctx: ServiceContext, id: string): StoredWorkflow {
  const r = ctx.db.select().from(workflows).where(eq(workflows.id, id)).get();
  if (!r) throw new AppError('NOT_FOUND', '找不到这个办理流程');
  return toWorkflow(r);
}

/** The newest version of the default family: what a new matter starts on. */
export function defaultWorkflow(ctx: ServiceContext): StoredWorkflow {
  const defaultKey = ctx.db.select({ key: workflows.key }).from(workflows).where(eq(workflows.isDefault, true)).limit(1);
  const r = ctx.db.select().from(workflows).where(eq(workflows.key, defaultKey)).orderBy(desc(workflows.version)).limit(1).get();
  if (!r) throw new AppError('NOT_FOUND', '尚未定义办理流程');
  return toWorkflow(r);
}

export function listWorkflows(ctx: ServiceContext) {
  const v = alias(workflows, 'v');
  const rows = ctx.db.select({
    ...getTableColumns(workflows),
    matters: sql<number>`${ctx.db.select({ n: count() }).from(matters).where(eq(matters.workflowId, workflows.id))}`,
    current: sql<number>`${workflows.version} = ${ctx.db.select({ version: max(v.version) }).from(v).where(eq(v.key, workflows.key))}`,
  }).from(workflows).orderBy(desc(workflows.isDefault), workflows.key, desc(workflows.version)).all();
  return rows.map((r) => ({ ...toWorkflow(r), revision: r.version, current: r.current === 1, matters: r.matters, createdAt: r.createdAt }));
}

/** A new version of a family (key given) or a new workflow. Definitions are never edited in place. */
export function saveWorkflow(ctx: ServiceContext, actor: Actor, input: { key?: string | undefined; expectedRevision?: number | undefined; name: string; steps: StepDefinition[] }) {
  const problems = checkWorkflowDefinition(input);
  if (problems.length > 0) throw new AppError('VALIDATION', problems.join('；'), inputProblems(problems));
  const id = newId();
  write(ctx, actor, (tx) => {
    let key = input.key;
    let version = 1;
    let isDefault = false;
    if (key !== undefined) {
      const latest = ctx.db.select({ id: workflows.id, version: workflows.version, isDefault: workflows.isDefault, createdAt: workflows.createdAt }).from(workflows)
        .where(eq(workflows.key, key)).orderBy(desc(workflows.version)).limit(1).get();
      if (!latest) throw new AppError('NOT_FOUND', '找不到要修改的办理流程');
      // Never edited in place: a version saved since the editor opened is the one the new version would hide.
      refuseStale(ctx, 'workflow', { id: latest.id, revision: latest.version, updatedAt: latest.createdAt }, input.expectedRevision);
      version = latest.version + 1;
      isDefault = latest.isDefault;
    } else key = newId();
    ctx.db.insert(workflows).values({ id, key, name: input.name.trim(), version, steps: JSON.stringify(input.steps), isDefault, createdAt: nowIso() }).run();
    tx.audit({ action: 'create', entity: 'workflow', entityId: id, after: { key, version, name: input.name, steps: input.steps } });
  });
  return listWorkflows(ctx).find((w) => w.id === id)!;
}

/** New matters start on the newest version of this family; running matters keep theirs. */
export function setDefaultWorkflow(ctx: ServiceContext, actor: Actor, key: string) {
  if (!ctx.db.select({ one: sql<number>`1` }).from(workflows).where(eq(workflows.key, key)).get()) throw new AppError('NOT_FOUND', '找不到这个办理流程');
  const before = ctx.db.select({ key: workflows.key }).from(workflows).where(eq(workflows.isDefault, true)).limit(1).get()?.key;
  write(ctx, actor, (tx) => {
    ctx.db.update(workflows).set({ isDefault: sql<boolean>`(${workflows.key} = ${key})` }).run();
    tx.audit({ action: 'set-default', entity: 'workflow', entityId: key, before: { key: before ?? null }, after: { key } });
  });
  return listWorkflows(ctx);
}
