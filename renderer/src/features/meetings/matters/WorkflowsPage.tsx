/**
 * 办理流程: the workflow definitions by family, with their versions, which one
 * is the default and how many matters follow each version; an editor that
 * saves a changed definition as a new version of its family (or a new
 * workflow). Matters already under way keep the version they started with.
 */
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { WorkflowEditor } from './WorkflowEditor';
import type { Workflow } from './shared';
import './matters.css';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.matters.workflows;
const e = zhCN.matters.editor;

interface Family {
  key: string;
  current: Workflow;
  versions: Workflow[];
  isDefault: boolean;
}

function families(list: readonly Workflow[]): Family[] {
  const byKey = new Map<string, Workflow[]>();
  for (const w of list) byKey.set(w.key, [...(byKey.get(w.key) ?? []), w]);
  const out: Family[] = [];
  for (const [key, versions] of byKey) {
    versions.sort((a, b) => b.version - a.version);
    const current = versions.find((w) => w.current) ?? versions[0]!;
    out.push({ key, current, versions, isDefault: versions.some((w) => w.isDefault) });
  }
  return out.sort((a, b) => (a.isDefault === b.isDefault ? a.current.name.localeCompare(b.current.name, 'zh-CN') : a.isDefault ? -1 : 1));
}

type Editing = { family: Family | null } | null;

export function WorkflowsPage(_props: { communityId?: string }) {
  const can = useCan();
  const { message } = AntApp.useApp();
  const loaded = useQuery('workflow.list', {});
  const list = useMemo(() => families(loaded.data ?? []), [loaded.data]);
  const [editing, setEditing] = useState<Editing>(null);

  return (
    <div className="page page-scroll workflows-page" data-testid="workflows-page">
      <PageHeader
        title={t.title}
        extra={can('office.settings') && <Button type="primary" onClick={() => setEditing({ family: null })} data-testid="workflow-create" disabled={editing !== null}>{t.create}</Button>}
      />
      <Alert type="info" showIcon title={t.intro} />
      {loaded.error !== null && <Alert type="error" showIcon title={errorMessage(loaded.error)} action={<Button size="small" onClick={loaded.reload}>{zhCN.common.retry}</Button>} />}

      {editing && (
        <WorkflowEditor
          key={editing.family?.key ?? '__new'}
          family={editing.family ? { key: editing.family.key, current: editing.family.current } : null}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            message.success(e.saved(saved.name, saved.version));
            setEditing(null);
            loaded.reload();
          }}
        />
      )}

      {loaded.data && list.length === 0 && <Alert type="warning" showIcon title={t.empty} />}
      {list.map((f) => (
        <FamilyPanel
          key={f.key} family={f} onEdit={() => setEditing({ family: f })} editingDisabled={editing !== null}
          onMakeDefault={async () => {
            try {
              await invoke('workflow.setDefault', { key: f.key });
              message.success(t.defaultSet(f.current.name));
              loaded.reload();
            } catch (err) {
              message.error(errorMessage(err));
            }
          }}
        />
      ))}
    </div>
  );
}

function FamilyPanel({ family, onEdit, editingDisabled, onMakeDefault }: { family: Family; onEdit: () => void; editingDisabled: boolean; onMakeDefault: () => Promise<void> }) {
  const can = useCan();
  const [openVersion, setOpenVersion] = useState<string>(family.current.id);
  const shown = family.versions.find((w) => w.id === openVersion) ?? family.current;
  return (
    <section className="panel workflow-family" data-testid="workflow-family" data-key={family.key}>
      <div className="workflow-family-head">
        <Space size={8} wrap>
          <span className="workflow-family-name">{family.current.name}</span>
          {family.isDefault && <Tag color="blue" className="tight-tag">{t.isDefault}</Tag>}
          <Tag className="tight-tag" data-testid="workflow-current-version">{t.current} {t.version(family.current.version)}</Tag>
          <span className="muted">{t.steps(family.current.steps.length)}</span>
        </Space>
        <Space size={8}>
          {!family.isDefault && can('office.settings') && (
            <Popconfirm title={t.makeDefaultConfirm} onConfirm={onMakeDefault} okText={zhCN.common.ok} cancelText={zhCN.common.cancel}>
              <Button data-testid="workflow-make-default">{t.makeDefault}</Button>
            </Popconfirm>
          )}
          {can('office.settings') && <Button onClick={onEdit} disabled={editingDisabled} data-testid="workflow-edit">{t.edit}</Button>}
        </Space>
      </div>

      <Table<Workflow>
        size="small"
        className="workflow-versions"
        rowKey="id"
        pagination={false}
        dataSource={family.versions}
        rowClassName={(w) => (w.id === shown.id ? 'workflow-version-selected' : '')}
        onRow={(w) => ({ onClick: () => setOpenVersion(w.id), 'data-testid': 'workflow-version-row', 'data-version': w.version } as object)}
        columns={[
          {
            key: 'version', title: t.colVersion, width: 160,
            render: (_, w) => (
              <Space size={6}>
                <span>{t.version(w.version)}</span>
                {w.current ? <Tag color="green" className="tight-tag">{t.current}</Tag> : <Tag className="tight-tag">{t.old}</Tag>}
              </Space>
            ),
          },
          { key: 'name', title: e.name, render: (_, w) => w.name },
          { key: 'steps', title: t.colSteps, width: 90, align: 'right', render: (_, w) => w.steps.length },
          { key: 'matters', title: t.colMatters, width: 150, align: 'right', render: (_, w) => <span data-testid="workflow-version-matters">{t.matters(w.matters)}</span> },
          { key: 'created', title: t.colCreated, width: 180, render: (_, w) => <span className="num">{formatDateTime(w.createdAt)}</span> },
        ]}
      />

      <Typography.Text type="secondary" className="workflow-steps-caption">{t.showSteps}：{t.version(shown.version)}</Typography.Text>
      <ol className="workflow-steps" data-testid="workflow-steps" data-version={shown.version}>
        {shown.steps.map((s) => (
          <li key={s.key}>
            <span className="workflow-step-name">{s.name}</span>
            <Tag className="tight-tag">{zhCN.matters.kinds[s.kind]}</Tag>
            {s.optional && <Tag className="tight-tag" color="orange">{e.colOptional}</Tag>}
            <span className="muted">{zhCN.matters.step.expected(s.expectedDays)} · {s.key}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
