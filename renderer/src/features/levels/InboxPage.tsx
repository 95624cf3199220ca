/**
 * 上报问题 (issue 18; 吹哨报到): the issues the 社区 offices escalated to this street, as they sent them — read only —
 * with the street's own 24-hour clock for a handling plan, and its answers: accepted, dispatched to a department
 * with a deadline, the department's report back, answered, returned (inbox.answer). Each answer goes down with the
 * next package to the 社区 and appears on the issue's history there.
 */
import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Select, Tag, Timeline } from 'antd';
import type { z } from 'zod';
import { answerInput, type inboxItem } from '../../../../shared/contract/levels';
import { ANSWER_KINDS } from '../../../../shared/domain/levels';
import { invoke } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useQuery } from '../../api/queries';
import { DataGrid, type ColumnDef } from '../../components/DataGrid';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useFormSubmit } from '../../components/useFormSubmit';
import { zhCN } from '../../i18n/zh-CN';
import { useCan } from '../system/auth/permissions';
import './levels.css';

const t = zhCN.levels;
type Item = z.output<typeof inboxItem>;
const keyOf = (i: Item) => `${i.officeName}/${i.issueId}`;

export function InboxPage(_props: Record<string, never>) {
  const list = useQuery('inbox.list', {});
  const [openKey, setOpenKey] = useState<string | null>(null);
  const can = useCan();
  const rows = list.data ?? [];
  const open = rows.find((i) => keyOf(i) === openKey) ?? null;
  const columns: ColumnDef<Item>[] = [
    { id: 'office', header: t.colOffice, size: 110, cell: ({ row }) => row.original.officeName },
    { id: 'community', header: t.colCommunity, size: 110, cell: ({ row }) => row.original.communityName },
    { id: 'number', header: t.colNumber, size: 60, meta: { align: 'right' }, cell: ({ row }) => row.original.number },
    { id: 'title', header: t.colTitle, size: 220, meta: { grow: true }, cell: ({ row }) => <span className="strong">{row.original.title}</span> },
    { id: 'category', header: t.colCategory, size: 80, cell: ({ row }) => row.original.category },
    { id: 'escalatedAt', header: t.colEscalatedAt, size: 140, cell: ({ row }) => row.original.escalatedAt?.replace('T', ' ') ?? '' },
    {
      id: 'planDue', header: t.colPlanDue, size: 170,
      cell: ({ row }) => (
        <span data-testid="inbox-plan" data-late={row.original.planLate ? 'true' : 'false'}>
          {row.original.planDueAt?.replace('T', ' ') ?? ''}
          {row.original.planLate && <Tag color="red" className="tight-tag levels-late">{t.planLate}</Tag>}
        </span>
      ),
    },
    { id: 'due', header: t.colResolutionDue, size: 100, cell: ({ row }) => row.original.resolutionDue ?? '' },
    { id: 'state', header: t.colState, size: 90, cell: ({ row }) => <Tag className="tight-tag" data-testid="inbox-state">{row.original.state}</Tag> },
    { id: 'status', header: t.colStatus, size: 80, cell: ({ row }) => row.original.status },
  ];
  return (
    <div className="page page-scroll levels-page" data-testid="inbox-page" data-ready={list.data ? 'true' : 'false'}>
      <PageHeader title={t.inboxTitle} />
      <p className="levels-intro">{t.inboxIntro}</p>
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.data && rows.length === 0 && <div className="panel muted">{t.inboxEmpty}</div>}
      {rows.length > 0 && (
        <DataGrid testId="inbox-grid" ariaLabel={t.inboxTitle} columns={columns} source={{ kind: 'local', rows }} getRowId={keyOf} autoHeightRows={30}
          onRowClick={(i) => setOpenKey(keyOf(i))} selectedId={openKey} rowAttributes={(i) => ({ 'data-title': i.title })} />
      )}
      {open && <IssuePanel item={open} canAnswer={can('issues.write', null)} />}
    </div>
  );
}

function IssuePanel({ item, canAnswer }: { item: Item; canAnswer: boolean }) {
  const [answering, setAnswering] = useState(false);
  return (
    <div className="panel levels-issue" data-testid="inbox-issue">
      <div className="levels-toolbar">
        <h3>{item.communityName} · {item.number} · {item.title}</h3>
        {canAnswer && <Button type="primary" onClick={() => setAnswering(true)} data-testid="inbox-answer-open">{t.answer}</Button>}
      </div>
      <Descriptions size="small" column={3} items={[
        { key: 'reporter', label: t.reporter, children: item.reporter || '—' },
        { key: 'place', label: t.place, children: item.place || '—' },
        { key: 'category', label: t.colCategory, children: item.category },
        { key: 'description', label: t.description, children: item.description || '—', span: 3 },
      ]} />
      <div className="levels-columns">
        <div>
          <h4>{t.history}</h4>
          <Timeline items={item.events.map((e) => ({ content: `${e.at.replace('T', ' ')}　${e.author}　${[e.from, e.to].filter(Boolean).join(' → ')}　${e.reason}` }))} />
        </div>
        <div data-testid="inbox-answers">
          <h4>{t.answers}</h4>
          {item.answers.length === 0 ? <div className="muted">{t.noAnswers}</div> : (
            <Timeline items={item.answers.map((a) => ({
              content: <span data-testid="inbox-answer"><Tag className="tight-tag">{a.kind}</Tag>{a.at.replace('T', ' ')}　{a.author}　{[a.department, a.due && `${t.due} ${a.due}`, a.text].filter(Boolean).join('；')}</span>,
            }))} />
          )}
        </div>
      </div>
      {answering && <AnswerModal item={item} onClose={() => setAnswering(false)} />}
    </div>
  );
}

function AnswerModal({ item, onClose }: { item: Item; onClose: () => void }) {
  const [form] = Form.useForm();
  const { busy, errors, submit } = useFormSubmit(form);
  const kind = Form.useWatch('kind', form) as string | undefined;
  const save = () => submit(answerInput, { ...form.getFieldsValue(true), officeName: item.officeName, issueId: item.issueId }, async (data) => {
    await invoke('inbox.answer', data);
    onClose();
  });
  const first = item.answers.length === 0 ? '受理' : '答复';
  return (
    <FormModal open title={t.answerTitle(item.title)} width={620} onCancel={onClose} errors={errors} errorsTestId="inbox-answer-errors"
      save={{ busy, onSave: save, testId: 'inbox-answer-save', label: t.answer }}>
      <Form form={form} layout="vertical" className="compact-form" initialValues={{ kind: first, department: '', due: null }}>
        <Form.Item name="kind" label={t.answerKind} required>
          <Select options={ANSWER_KINDS.map((k) => ({ value: k, label: k }))} data-testid="inbox-answer-kind" />
        </Form.Item>
        {(kind === '派单' || kind === '部门反馈') && (
          <div className="form-row">
            <Form.Item name="department" label={t.department} required={kind === '派单'}><Input maxLength={60} data-testid="inbox-answer-department" /></Form.Item>
            {kind === '派单' && <Form.Item name="due" label={t.due} required><DateField data-testid="inbox-answer-due" /></Form.Item>}
          </div>
        )}
        <Form.Item name="text" label={t.answerText} required><Input.TextArea rows={4} maxLength={2000} data-testid="inbox-answer-text" /></Form.Item>
      </Form>
    </FormModal>
  );
}
