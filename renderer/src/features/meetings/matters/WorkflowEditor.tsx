/**
 * The workflow editor: the name and a table of steps (name, key, kind,
 * optional, expected days; move up/down, add, remove). Saved with
 * workflow.save as a new version of the family, or as a new workflow. Keys of
 * existing steps are kept (records of matters refer to them); a new step gets
 * step-<position>, made unique.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Input, InputNumber, Select, Table, Typography } from 'antd';
import { workflowInput } from '../../../../../shared/contract/meetings';
import { STEP_KINDS, checkWorkflowDefinition, type StepKind } from '../../../../../shared/domain/workflow';
import { invoke } from '../../../api/client';
import { FormError } from '../../../components/FormError';
import { zhCN } from '../../../i18n/zh-CN';
import { type Workflow } from './shared';
import { refusalMessages } from '../../../api/errors';
import { useRevision } from '../../../components/ConflictDialog';

const e = zhCN.matters.editor;

interface Row {
  uid: number;
  /** The key of an existing step (kept); null for a new one. */
  key: string | null;
  name: string;
  kind: StepKind;
  optional: boolean;
  expectedDays: number | null;
}

let nextUid = 1;

/** Keys for the rows: existing ones kept, new ones step-<position> (made unique). */
export function assignKeys(rows: readonly { key: string | null }[]): string[] {
  const taken = new Set(rows.flatMap((r) => (r.key === null ? [] : [r.key])));
  return rows.map((r, i) => {
    if (r.key !== null) return r.key;
    let key = `step-${i + 1}`;
    for (let n = 2; taken.has(key); n++) key = `step-${i + 1}-${n}`;
    taken.add(key);
    return key;
  });
}

const rowsOf = (w: Workflow): Row[] =>
  w.steps.map((s) => ({ uid: nextUid++, key: s.key, name: s.name, kind: s.kind, optional: s.optional, expectedDays: s.expectedDays }));

/** The definition as the conflict dialog compares it: the name, and the steps in words. */
interface Definition { name: string; steps: string }
const stepsInWords = (steps: readonly { name: string; expectedDays: number | null; optional: boolean }[]) =>
  steps.map((s, i) => `${i + 1}. ${s.name.trim()}（${s.expectedDays ?? ''}天${s.optional ? '，可跳过' : ''}）`).join('；');

interface Props {
  /** The family to add a version to; null for a new workflow. */
  family: { key: string; current: Workflow } | null;
  onCancel: () => void;
  onSaved: (saved: Workflow) => void;
}

export function WorkflowEditor({ family, onCancel, onSaved }: Props) {
  const [name, setName] = useState(family?.current.name ?? '');
  const [rows, setRows] = useState<Row[]>(() =>
    family ? rowsOf(family.current) : [{ uid: nextUid++, key: null, name: '', kind: 'plain', optional: false, expectedDays: 15 }],
  );
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const keys = assignKeys(rows);
  // The newest version of the family, fresh, with its rows: what 采用对方的内容 puts into the editor.
  const [freshRows, setFreshRows] = useState<Row[]>([]);
  const revision = useRevision<Definition>({
    fields: [{ name: 'name', label: e.name }, { name: 'steps', label: e.colName }],
    readFresh: async () => {
      const fresh = (await invoke('workflow.list', {})).find((w) => w.key === family!.key && w.current);
      if (!fresh) throw new Error(zhCN.conflict.gone);
      setFreshRows(rowsOf(fresh));
      return { values: { name: fresh.name, steps: stepsInWords(fresh.steps) }, revision: fresh.revision };
    },
    fill: (values) => {
      setName(values.name);
      setRows(freshRows);
    },
    resave: () => void save(),
  });
  // The editor is made for one family's newest version (its parent mounts it anew for another).
  useEffect(() => {
    if (family) revision.opened({ name: family.current.name, steps: stepsInWords(family.current.steps) }, family.current.revision);
  }, []);

  const update = (uid: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.uid === uid ? { ...r, ...patch } : r)));
  const move = (index: number, by: -1 | 1) =>
    setRows((rs) => {
      const next = [...rs];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });
  const remove = (uid: number) => setRows((rs) => rs.filter((r) => r.uid !== uid));
  const add = () => setRows((rs) => [...rs, { uid: nextUid++, key: null, name: '', kind: 'plain', optional: false, expectedDays: 15 }]);

  const save = async () => {
    const steps = rows.map((r, i) => ({ key: keys[i]!, name: r.name.trim(), kind: r.kind, optional: r.optional, expectedDays: r.expectedDays ?? 0 }));
    const problems = checkWorkflowDefinition({ name, steps });
    const parsed = workflowInput.safeParse({ ...(family ? { key: family.key, expectedRevision: revision.expected() } : {}), name, steps });
    if (!parsed.success) for (const issue of parsed.error.issues) if (!problems.includes(issue.message)) problems.push(issue.message);
    setErrors(problems);
    if (problems.length > 0 || !parsed.success) return;
    setBusy(true);
    try {
      onSaved(await revision.guard(() => invoke('workflow.save', parsed.data), { name, steps: stepsInWords(steps) }));
    } catch (err) {
      setErrors(refusalMessages(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel workflow-editor" data-testid="workflow-editor">
      <h3 className="section-heading">{family ? e.editTitle(family.current.name, family.current.version + 1) : e.newTitle}</h3>
      {family && <Alert type="warning" showIcon title={e.versionNote} className="workflow-editor-note" />}
      <div className="workflow-editor-name">
        <label htmlFor="workflow-name">{e.name}</label>
        <Input id="workflow-name" value={name} onChange={(ev) => setName(ev.target.value)} maxLength={60} placeholder={e.namePlaceholder} style={{ width: 320 }} data-testid="workflow-name" />
      </div>
      <Table<Row>
        size="small"
        rowKey="uid"
        pagination={false}
        dataSource={rows}
        onRow={(r) => ({ 'data-testid': 'wf-step-row', 'data-key': keys[rows.indexOf(r)] } as object)}
        columns={[
          { key: 'no', title: e.colNo, width: 56, render: (_, _r, i) => i + 1 },
          {
            key: 'name', title: e.colName,
            render: (_, r) => <Input value={r.name} maxLength={60} placeholder={e.newStepName} onChange={(ev) => update(r.uid, { name: ev.target.value })} data-testid="wf-step-name" />,
          },
          {
            key: 'key', title: e.colKey, width: 170,
            render: (_, r, i) => (r.key !== null
              ? <span className="mono">{r.key}</span>
              : <Typography.Text type="secondary" className="mono" title={e.newKey}>{keys[i]}</Typography.Text>),
          },
          {
            key: 'kind', title: e.colKind, width: 110,
            render: (_, r) => (
              <Select<StepKind>
                value={r.kind}
                style={{ width: 96 }}
                onChange={(kind) => update(r.uid, { kind })}
                options={STEP_KINDS.map((k) => ({ value: k, label: zhCN.matters.kinds[k] }))}
                data-testid="wf-step-kind"
              />
            ),
          },
          {
            key: 'optional', title: e.colOptional, width: 76, align: 'center',
            render: (_, r) => <Checkbox checked={r.optional} onChange={(ev) => update(r.uid, { optional: ev.target.checked })} data-testid="wf-step-optional" />,
          },
          {
            key: 'days', title: e.colDays, width: 110,
            render: (_, r) => (
              <InputNumber<number>
                value={r.expectedDays}
                min={1}
                max={3650}
                precision={0}
                style={{ width: 90 }}
                onChange={(v) => update(r.uid, { expectedDays: v })}
                data-testid="wf-step-days"
              />
            ),
          },
          {
            key: 'actions', title: e.colActions, width: 170,
            render: (_, r, i) => (
              <span className="workflow-row-actions">
                <Button size="small" type="link" disabled={i === 0} onClick={() => move(i, -1)} data-testid="wf-step-up">{e.up}</Button>
                <Button size="small" type="link" disabled={i === rows.length - 1} onClick={() => move(i, 1)} data-testid="wf-step-down">{e.down}</Button>
                <Button size="small" type="link" danger disabled={rows.length <= 1} onClick={() => remove(r.uid)} data-testid="wf-step-remove">{e.remove}</Button>
              </span>
            ),
          },
        ]}
      />
      <div className="workflow-editor-foot">
        <Button onClick={add} data-testid="wf-add-step">{e.add}</Button>
        <Typography.Text type="secondary">{e.kindHint}</Typography.Text>
      </div>
      <FormError messages={errors} />
      <div className="workflow-editor-actions">
        <Button type="primary" loading={busy} onClick={() => void save()} data-testid="wf-save">{e.save}</Button>
        <Button onClick={onCancel}>{zhCN.common.cancel}</Button>
      </div>
      {revision.dialog}
    </section>
  );
}
