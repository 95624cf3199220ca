/**
 * 待复核 (two-person control, issue 16): what waits for the signed-in person (待我复核), what they asked
 * (我提交的) and a community's reviews with their outcomes (本小区全部). A second person confirms (the action
 * runs then) or rejects with a reason; the person who asked may withdraw with a reason. main decides who may —
 * the buttons follow its `canConfirm` / `canReject`, and a refusal is shown as it comes.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Modal, Segmented, Select, Space, Tag, Typography } from 'antd';
import { rejectInput } from '../../../../../shared/contract/reviews';
import { invoke } from '../../../api/client';
import { errorMessage, refusalMessages } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { SaveCancel } from '../../../components/SaveCancel';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { formatDateTime } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate, type Route } from '../../../router';
import { rememberedCommunity, useCommunities } from '../../register/communities/CommunitiesContext';
import type { ReviewRow } from './PendingReview';

const t = zhCN.reviews;
type Tab = 'toConfirm' | 'requested' | 'community';

const STATUS_COLORS: Record<string, string> = { pending: 'orange', confirmed: 'green', rejected: 'red', withdrawn: 'default' };

/** Where the record a review acts on is shown. */
function subjectRoute(r: ReviewRow): Route {
  switch (r.subjectKind) {
    case 'vote': return { name: 'vote', communityId: r.communityId, voteId: r.subjectId };
    case 'entry': return { name: 'ledger', communityId: r.communityId, entryId: r.subjectId };
    case 'repair': return { name: 'repair', communityId: r.communityId, projectId: r.subjectId };
    case 'ledger': return { name: 'ledger', communityId: r.communityId };
  }
}

export function ReviewsPage({ tab }: { tab: Tab }) {
  const { list: communities } = useCommunities();
  const [communityId, setCommunityId] = useState<string | null>(() => rememberedCommunity());
  const chosen = communityId ?? communities?.[0]?.id ?? null;
  const query = tab === 'community' ? (chosen ? { filter: tab, communityId: chosen } : null) : { filter: tab };
  const list = useQuery('review.list', query);
  const [deciding, setDeciding] = useState<{ review: ReviewRow; kind: 'reject' | 'withdraw' } | null>(null);
  const { modal, message } = AntApp.useApp();

  const confirm = (r: ReviewRow) => {
    modal.confirm({
      title: t.confirmTitle,
      content: <p data-testid="review-confirm-body">{t.confirmBody(r.summary, r.requestedBy)}</p>,
      okText: t.confirm,
      okButtonProps: { 'data-testid': 'review-confirm-ok' },
      cancelText: zhCN.common.cancel,
      onOk: async () => {
        try {
          await invoke('review.confirm', { id: r.id });
          message.success(t.confirmed);
        } catch (e) {
          // Shown until read: the action was refused as it stands now (or the review was decided meanwhile).
          modal.error({
            title: t.confirmTitle,
            content: <div data-testid="review-confirm-refused">{refusalMessages(e).map((m) => <p key={m}>{m}</p>)}</div>,
            okText: zhCN.common.ok,
          });
        }
      },
    });
  };

  const columns = useMemo<ColumnDef<ReviewRow>[]>(() => [
    {
      id: 'summary', header: t.colSummary, size: 300, meta: { grow: true },
      cell: ({ row }) => (
        <span>
          <Tag className="tight-tag">{t.actions[row.original.action]}</Tag>
          {row.original.summary}
        </span>
      ),
    },
    { id: 'community', header: t.colCommunity, size: 100, cell: ({ row }) => row.original.communityName },
    { id: 'requested', header: t.colRequested, size: 180, cell: ({ row }) => t.requested(row.original.requestedBy, formatDateTime(row.original.requestedAt)) },
    {
      id: 'status', header: t.colStatus, size: 80,
      cell: ({ row }) => <Tag color={STATUS_COLORS[row.original.status]} data-testid="review-status">{t.statuses[row.original.status]}</Tag>,
    },
    {
      id: 'decided', header: t.colDecided, size: 190,
      cell: ({ row }) => (row.original.decidedBy
        ? <span>{t.decided(row.original.decidedBy, formatDateTime(row.original.decidedAt ?? ''))}{row.original.reason ? `：${row.original.reason}` : ''}</span>
        : '—'),
    },
    {
      id: 'actions', header: t.colActions, size: 210,
      cell: ({ row }) => {
        const r = row.original;
        return (
          <Space size={4}>
            <Button size="small" onClick={() => navigate(subjectRoute(r))} data-testid="review-open">{t.open}</Button>
            {r.canConfirm && <Button size="small" type="primary" onClick={() => confirm(r)} data-testid="review-confirm">{t.confirm}</Button>}
            {r.canReject && (
              <Button size="small" danger onClick={() => setDeciding({ review: r, kind: r.mine ? 'withdraw' : 'reject' })} data-testid={r.mine ? 'review-withdraw' : 'review-reject'}>
                {r.mine ? t.withdraw : t.reject}
              </Button>
            )}
          </Space>
        );
      },
    },
  ], []);

  return (
    <div className="page page-scroll reviews-page" data-testid="reviews-page" data-tab={tab} data-loaded={list.data && !list.loading ? 'true' : 'false'}>
      <PageHeader title={t.title} />
      <Typography.Paragraph type="secondary" className="page-intro">{t.intro}</Typography.Paragraph>
      <div className="toolbar">
        <Segmented
          data-testid="reviews-tab"
          value={tab}
          onChange={(v) => navigate({ name: 'reviews', tab: v as Tab })}
          options={(['toConfirm', 'requested', 'community'] as const).map((k) => ({ value: k, label: t.tabs[k] }))}
        />
        {tab === 'community' && (
          <Select
            style={{ width: 220 }}
            value={chosen ?? undefined}
            placeholder={t.chooseCommunity}
            onChange={(id: string) => setCommunityId(id)}
            options={(communities ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="reviews-community"
          />
        )}
      </div>
      {list.error !== null && list.error !== undefined && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.data && (
        <DataGrid
          testId="reviews-grid"
          columns={columns}
          source={{ kind: 'local', rows: list.data }}
          getRowId={(r) => r.id}
          autoHeightRows={14}
          wrapText
          emptyText={t.empty[tab]}
          rowAttributes={(r) => ({ 'data-status': r.status, 'data-action': r.action })}
          ariaLabel={t.tabs[tab]}
        />
      )}
      <DecideModal deciding={deciding} onClose={() => setDeciding(null)} />
    </div>
  );
}

/** Reject (a second person) or withdraw (the person who asked), with the reason the record keeps. */
function DecideModal({ deciding, onClose }: { deciding: { review: ReviewRow; kind: 'reject' | 'withdraw' } | null; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  useEffect(() => {
    if (!deciding) return;
    setErrors([]);
    form.resetFields();
  }, [deciding]);

  const withdraw = deciding?.kind === 'withdraw';
  const save = () => {
    if (!deciding) return Promise.resolve();
    return submit(rejectInput, { id: deciding.review.id, reason: form.getFieldValue('reason') ?? '' }, async (data) => {
      await invoke('review.reject', data);
      message.success(withdraw ? t.withdrawn : t.rejected);
      onClose();
    });
  };

  return (
    <Modal
      open={deciding !== null}
      title={withdraw ? t.withdrawTitle : t.rejectTitle}
      onCancel={onClose}
      destroyOnHidden
      footer={<SaveCancel onCancel={onClose} busy={busy} onSave={save} testId="review-decide-save" label={withdraw ? t.withdraw : t.reject} />}
    >
      {deciding && <p>{deciding.review.summary}</p>}
      <Form form={form} layout="vertical" data-testid="review-decide-form">
        <Form.Item name="reason" label={t.reason} required>
          <Input.TextArea rows={3} maxLength={500} placeholder={t.reasonPlaceholder} data-testid="review-decide-reason" />
        </Form.Item>
      </Form>
      <FormError messages={errors} />
    </Modal>
  );
}
