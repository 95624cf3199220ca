/**
 * The board of a community's matters (事项看板): one column per step of the
 * current default workflow, and 已办结 last. A matter on another workflow or
 * an older version is placed by its current step's key, else its name; one
 * that fits no column goes to 其他步骤. A table view lists many matters.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Segmented, Tag } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { PageHeader } from '../../../components/PageHeader';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { NewMatterModal } from './NewMatterModal';
import { defaultWorkflow, type MatterListItem, type Workflow } from './shared';
import './matters.css';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.matters.board;
const tt = zhCN.matters.table;

interface Column {
  key: string;
  name: string;
  hint?: string;
  expectedDays?: number;
  items: MatterListItem[];
}

const DONE = '__done';
const OTHER = '__other';

function buildColumns(matters: readonly MatterListItem[], workflow: Workflow | null): Column[] {
  const steps = workflow?.steps ?? [];
  const columns: Column[] = steps.map((s) => ({ key: s.key, name: s.name, expectedDays: s.expectedDays, items: [] }));
  const other: Column = { key: OTHER, name: t.otherSteps, hint: t.otherStepsHint, items: [] };
  const done: Column = { key: DONE, name: t.done, items: [] };
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const byName = new Map(columns.map((c) => [c.name, c]));
  for (const m of matters) {
    if (m.done) {
      done.items.push(m);
      continue;
    }
    const key = m.position.currentKey;
    const name = m.position.currentName;
    const column = (key !== null ? byKey.get(key) : undefined) ?? (name !== null ? byName.get(name) : undefined);
    if (column) column.items.push(m);
    else if (workflow === null && name !== null) {
      // No default workflow: a column per step name met.
      const made: Column = { key: `name:${name}`, name, items: [m] };
      columns.push(made);
      byName.set(name, made);
    } else other.items.push(m);
  }
  // Longest waiting first within a column; finished ones newest first.
  for (const c of columns) c.items.sort((a, b) => b.position.waitingDays - a.position.waitingDays);
  other.items.sort((a, b) => b.position.waitingDays - a.position.waitingDays);
  done.items.sort((a, b) => (a.position.waitingSince < b.position.waitingSince ? 1 : -1));
  return [...columns, ...(other.items.length > 0 ? [other] : []), done];
}

export function MattersBoard({ communityId }: { communityId?: string }) {
  const can = useCan();
  const matters = useAsync(() => (communityId ? invoke('matter.list', { communityId }) : Promise.resolve([])), [communityId]);
  const workflows = useQuery('workflow.list', {});
  const [view, setView] = useState<'board' | 'table'>('board');
  const [creating, setCreating] = useState(false);
  const workflow = workflows.data ? defaultWorkflow(workflows.data) : null;
  const columns = useMemo(() => buildColumns(matters.data ?? [], workflow), [matters.data, workflow]);

  if (!communityId) return null;
  const open = (m: MatterListItem) => navigate({ name: 'matter', communityId, matterId: m.id });
  const error = matters.error ?? workflows.error;

  return (
    <div className="page matters-board-page" data-testid="matters-board">
      <PageHeader
        title={t.title}
        sub={matters.data ? `${t.sub} · ${t.count(matters.data.length)}` : t.sub}
        extra={
          <>
            <Segmented
              data-testid="matters-view"
              value={view}
              onChange={(v) => setView(v as 'board' | 'table')}
              options={[{ value: 'board', label: t.viewBoard }, { value: 'table', label: t.viewTable }]}
            />
            <Button onClick={() => navigate({ name: 'search', communityId })}>{t.searchLink}</Button>
            <Button onClick={() => navigate({ name: 'workflows' })}>{t.workflowsLink}</Button>
            {can('meetings.write') && <Button type="primary" onClick={() => setCreating(true)} data-testid="matter-create">{t.create}</Button>}
          </>
        }
      />
      {error !== null && <Alert type="error" showIcon title={errorMessage(error)} action={<Button size="small" onClick={() => { matters.reload(); workflows.reload(); }}>{zhCN.common.retry}</Button>} />}
      {workflows.data && workflow === null && <Alert type="info" showIcon title={t.noDefault} />}
      {matters.data && matters.data.length === 0 && <Alert type="info" showIcon title={t.emptyAll} data-testid="matters-empty" />}

      {view === 'board'
        ? (
          <div className="matters-board" data-testid="matters-board-columns" data-loaded={matters.data ? 'true' : 'false'}>
            {columns.map((c, i) => (
              <section key={c.key} className={`board-column${c.key === DONE ? ' done' : ''}`} data-testid={`board-column-${c.key === DONE ? 'done' : c.key}`} data-name={c.name}>
                <header className="board-column-head" title={c.hint}>
                  <span className="board-column-name">{c.key === DONE || c.key === OTHER ? '' : `${i + 1}. `}{c.name}</span>
                  <span className="board-column-count">{c.items.length}</span>
                </header>
                <div className="board-column-body">
                  {c.items.length === 0 && <div className="board-empty">{t.empty}</div>}
                  {c.items.map((m) => <MatterCard key={m.id} matter={m} onOpen={() => open(m)} />)}
                </div>
              </section>
            ))}
          </div>
        )
        : <MattersTable matters={matters.data ?? []} onOpen={open} />}

      {creating && (
        <NewMatterModal
          communityId={communityId}
          workflows={workflows.data ?? []}
          defaultWorkflowId={workflow?.id ?? null}
          onClose={() => setCreating(false)}
        />
      )}
    </div>
  );
}

function MatterCard({ matter, onOpen }: { matter: MatterListItem; onOpen: () => void }) {
  const overdue = !matter.done && matter.position.overdue;
  return (
    <button
      type="button"
      className={`matter-card${overdue ? ' overdue' : ''}`}
      onClick={onOpen}
      data-testid="matter-card"
      data-matter-id={matter.id}
      data-overdue={overdue ? 'true' : 'false'}
    >
      <div className="matter-card-title">{matter.title}</div>
      <div className="matter-card-category">{matter.category}</div>
      <div className="matter-card-foot">
        {matter.done
          ? <span className="muted">{t.doneOn(matter.position.waitingSince)}</span>
          : <span className="muted">{t.waiting(matter.position.waitingDays)}</span>}
        {overdue && <Tag color="red" className="tight-tag" data-testid="matter-overdue">{t.overdue}</Tag>}
        {!matter.done && <span className="matter-card-step">{t.stepOf(matter.stepIndex + 1, matter.stepCount)}</span>}
      </div>
    </button>
  );
}

function MattersTable({ matters, onOpen }: { matters: readonly MatterListItem[]; onOpen: (m: MatterListItem) => void }) {
  const columns = useMemo<ColumnDef<MatterListItem>[]>(() => [
    { id: 'title', header: tt.title, size: 240, meta: { grow: true }, cell: ({ row }) => <span className="strong">{row.original.title}</span> },
    { id: 'category', header: tt.category, size: 220, cell: ({ row }) => row.original.category },
    { id: 'raisedOn', header: tt.raisedOn, size: 110, cell: ({ row }) => <span className="num">{row.original.raisedOn}</span> },
    { id: 'step', header: tt.step, size: 220, cell: ({ row }) => (row.original.done ? tt.statusDone : row.original.position.currentName ?? '') },
    { id: 'progress', header: tt.progress, size: 80, meta: { align: 'right' }, cell: ({ row }) => `${row.original.stepIndex}/${row.original.stepCount}` },
    { id: 'waiting', header: tt.waiting, size: 90, meta: { align: 'right' }, cell: ({ row }) => (row.original.done ? '' : row.original.position.waitingDays) },
    {
      id: 'status', header: tt.status, size: 90, cell: ({ row }) => {
        const m = row.original;
        if (m.done) return <Tag color="green" className="tight-tag">{tt.statusDone}</Tag>;
        if (m.position.overdue) return <Tag color="red" className="tight-tag">{tt.statusOverdue}</Tag>;
        return <Tag className="tight-tag">{tt.statusOpen}</Tag>;
      },
    },
  ], []);
  return (
    <DataGrid
      testId="matters-table"
      columns={columns}
      source={{ kind: 'local', rows: matters }}
      getRowId={(m) => m.id}
      onRowClick={onOpen}
      ariaLabel={t.title}
    />
  );
}
