/**
 * 待办事项 (#/c/<id>/actions): the action items of every meeting's minutes,
 * open, overdue or all; each links to its meeting and can be marked done on a
 * date.
 */
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Segmented, Tag, Typography } from 'antd';
import { DateField } from '../../../components/DateField';
import { completeActionInput } from '../../../../../shared/contract/meetings';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { FormError } from '../../../components/FormError';
import { GuardedModal } from '../../../components/GuardedModal';
import { PageHeader } from '../../../components/PageHeader';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { formatCount, todayDate } from '../../../format';
import { useCan } from '../../system/auth/permissions';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate, routeHash } from '../../../router';
import './minutes.css';

const t = zhCN.minutes;

type ActionRow = MethodOutput<'action.list'>[number];
type Filter = 'open' | 'overdue' | 'all';

function StateTag({ row }: { row: ActionRow }) {
  switch (row.state) {
    case 'overdue': return <Tag color="red">{t.stateOverdue}</Tag>;
    case 'due-soon': return <Tag color="orange">{t.stateDueSoon}</Tag>;
    case 'open': return <Tag>{t.stateOpen}</Tag>;
    case 'done': return <Tag color="green">{t.stateDone(row.doneDate ?? '')}</Tag>;
  }
}

export function ActionsPage({ communityId }: { communityId: string }) {
  const can = useCan();
  const [filter, setFilter] = useState<Filter>('open');
  const list = useQuery('action.list', { communityId, filter });
  const [completing, setCompleting] = useState<ActionRow | null>(null);

  const columns = useMemo<ColumnDef<ActionRow>[]>(() => [
    { id: 'text', header: t.actionText, size: 260, meta: { grow: true }, cell: ({ row }) => row.original.text },
    { id: 'party', header: t.party, size: 100, cell: ({ row }) => row.original.party },
    { id: 'person', header: t.person, size: 100, cell: ({ row }) => row.original.person },
    { id: 'due', header: t.due, size: 110, cell: ({ row }) => <span className="mono">{row.original.due || t.noDue}</span> },
    { id: 'state', header: t.state, size: 150, cell: ({ row }) => <StateTag row={row.original} /> },
    {
      id: 'meeting', header: t.meeting, size: 240,
      cell: ({ row }) => (
        <a
          href={routeHash({ name: 'meeting', communityId, meetingId: row.original.meetingId })}
          onClick={(e) => {
            e.preventDefault();
            navigate({ name: 'meeting', communityId, meetingId: row.original.meetingId });
          }}
          data-testid="action-meeting"
        >
          {row.original.meetingDate} {row.original.meetingTitle}
        </a>
      ),
    },
    {
      id: 'done', header: '', size: 100, meta: { align: 'center' },
      cell: ({ row }) => row.original.state === 'done'
        ? null
        : can('meetings.write') && <Button size="small" onClick={() => setCompleting(row.original)} data-testid="action-complete">{t.markDone}</Button>,
    },
  ], [communityId, can]);

  const rows = list.data ?? [];
  return (
    <div className="page page-scroll actions-page" data-testid="actions-page">
      <PageHeader title={t.actionsTitle} sub={list.data ? zhCN.common.rows(formatCount(rows.length)) : undefined} />
      <Typography.Paragraph type="secondary" className="page-intro">{t.actionsIntro}</Typography.Paragraph>
      <div className="actions-toolbar">
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'open', label: t.filterOpen },
            { value: 'overdue', label: t.filterOverdue },
            { value: 'all', label: t.filterAll },
          ]}
          data-testid="actions-filter"
        />
      </div>
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} action={<Button size="small" onClick={list.reload}>{zhCN.common.retry}</Button>} />}
      {list.data && (
        <div data-testid="actions-list" data-filter={list.loading ? '' : filter}>
          <DataGrid
            testId="actions-grid"
            columns={columns}
            source={{ kind: 'local', rows }}
            getRowId={(r) => r.id}
            autoHeightRows={20}
            wrapText
          />
        </div>
      )}
      {completing && (
        <CompleteModal
          key={completing.id}
          row={completing}
          onClose={() => setCompleting(null)}
          onDone={() => {
            setCompleting(null);
            list.reload();
          }}
        />
      )}
    </div>
  );
}

/** Mounted per item (fresh form each time). */
function CompleteModal({ row, onClose, onDone }: { row: ActionRow; onClose: () => void; onDone: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const { busy, errors, submit } = useFormSubmit(form);
  const send = () =>
    submit(completeActionInput, { id: row.id, date: form.getFieldValue('date') ?? '' }, async (input) => {
      await invoke('action.complete', input);
      message.success(t.doneOk);
      onDone();
    });
  return (
    <GuardedModal
      open
      busy={busy}
      title={t.doneTitle}
      okText={t.markDone}
      cancelText={zhCN.common.cancel}
      confirmLoading={busy}
      onOk={() => void send()}
      onClose={onClose}
    >
      <p>{row.text}</p>
      <Form form={form} layout="vertical" data-testid="action-complete-form" initialValues={{ date: todayDate() }} onFinish={() => void send()}>
        <Form.Item name="date" label={t.doneDate} required>
          <DateField style={{ width: 180 }} data-testid="action-done-date" />
        </Form.Item>
      </Form>
      <FormError messages={errors} />
    </GuardedModal>
  );
}
