/**
 * One repair project: what it is and how it was approved (the vote, linked,
 * or the emergency path's dates); 使用公示 before the works (its date kept,
 * the notice printed); the payments to the contractor (登记付款); and 决算分摊
 * — the final cost previewed share by share against the community's audit and
 * re-approval rules, then confirmed in the look before the posting (what is
 * missing needs a written reason). Once charged: the charge entry (linked to
 * the books), what was missing and why it went ahead, its shares, and the
 * notice after the works.
 */
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Spin, Tag } from 'antd';
import { DateField } from '../../../components/DateField';
import { projectNotice } from '../../../../../shared/contract/treasury/repairs';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { useSending } from '../../../components/useFormSubmit';
import { formatCount, todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate, routeHash } from '../../../router';
import { groupedYuan, Yuan } from '../fund/fundShared';
import { SharesTable } from '../fund/SharesTable';
import { ChargePanel } from './ChargePanel';
import { PendingNote, usePendingReview } from '../../system/reviews/PendingReview';
import { PayModal } from './PayModal';
import { fenOf, StatusTag, yuanShown, type ProjectDetail } from './repairShared';
import { HistoryLink } from '../../system/audit/HistoryLink';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.repairs;

export function RepairPage({ communityId, projectId }: { communityId: string; projectId: string }) {
  const can = useCan();
  const loaded = useQuery('repair.get', { id: projectId });
  const community = useQuery('community.get', { id: communityId });
  const [project, setProject] = useState<ProjectDetail | null>(null);
  const [paying, setPaying] = useState(false);
  // 复核: a charge waiting for a second person is shown instead of the charge form.
  const pendingCharge = usePendingReview(communityId, projectId, 'repair.charge');
  useEffect(() => {
    if (loaded.data) setProject(loaded.data);
  }, [loaded.data]);

  const p = project;
  return (
    <div className="page page-scroll repair-page" data-testid="repair-page" data-ready={p ? 'true' : 'false'} data-status={p?.status}>
      <PageHeader
        title={<span data-testid="repair-title-shown">{p ? p.title : t.title}</span>}
        sub={p && <StatusTag status={p.status} testId="repair-status" />}
        extra={<><HistoryLink entity="repair_project" id={projectId} /><Button onClick={() => navigate({ name: 'repairs', communityId })}>{t.back}</Button></>}
      />
      {loaded.error !== null && <Alert type="error" showIcon title={errorMessage(loaded.error)} />}
      {!p && loaded.error === null && <Spin />}
      {p && (
        <>
          <Overview project={p} />
          <NoticePanel project={p} onSaved={setProject} />
          <section className="panel" data-testid="repair-payments">
            <div className="repair-section-head">
              <h3 className="section-heading">{t.payments}</h3>
              {can('books.write') && <Button onClick={() => setPaying(true)} data-testid="repair-pay">{t.pay}</Button>}
            </div>
            <Payments project={p} />
            <div className="repair-paid">
              {t.paid}：<span className="num strong" data-testid="repair-paid">{groupedYuan(p.paid)}</span> 元
              {p.charge && p.finalCost !== null && <Outstanding paid={p.paid} finalCost={p.finalCost} />}
            </div>
          </section>
          {p.charge
            ? <ChargedPanel project={p} />
            : pendingCharge
              ? <section className="panel" data-testid="repair-charge-pending"><PendingNote review={pendingCharge} what={zhCN.reviews.actions['repair.charge'] ?? ''} testId="repair-charge-pending-note" /><p className="repair-help">{pendingCharge.summary}</p></section>
              : <ChargePanel project={p} rules={community.data?.settings.fundRules} onCharged={setProject} />}
          <PayModal project={p} open={paying} onClose={() => setPaying(false)} onPaid={setProject} />
        </>
      )}
    </div>
  );
}

/** After the charge: what is still owed to the contractor (应付维修款), or paid beyond the final cost. */
function Outstanding({ paid, finalCost }: { paid: string; finalCost: string }) {
  const left = (fenOf(finalCost) ?? 0) - (fenOf(paid) ?? 0);
  if (left === 0) return <span className="repair-outstanding" data-testid="repair-outstanding">{t.settled}</span>;
  return (
    <span className={`repair-outstanding${left < 0 ? ' warn' : ''}`} data-testid="repair-outstanding">
      {left > 0 ? t.outstanding(yuanShown(left)) : t.overpaid(yuanShown(-left))}
    </span>
  );
}

function Overview({ project: p }: { project: ProjectDetail }) {
  const money = (value: string, testId: string) => <span className="num" data-testid={testId}>{t.yuan(groupedYuan(value))}</span>;
  return (
    <section className="panel">
      <h3 className="section-heading">{t.overview}</h3>
      <Descriptions size="small" column={3} className="repair-descriptions" data-testid="repair-overview">
        <Descriptions.Item label={t.scope}><span data-testid="repair-scope">{p.scopeLabel}</span>（{t.partsCount(formatCount(p.parts))}）</Descriptions.Item>
        <Descriptions.Item label={t.basis}><span data-testid="repair-basis-shown">{t.basisName[p.basis]}</span></Descriptions.Item>
        <Descriptions.Item label={t.estimate}>{money(p.estimate, 'repair-estimate-shown')}</Descriptions.Item>
        <Descriptions.Item label={t.contractor}>{p.contractor || t.none}</Descriptions.Item>
        <Descriptions.Item label={t.approval} span={2}>
          {p.approval === 'vote'
            ? (
              <span data-testid="repair-approval-shown">
                {t.approvalShort.vote}：
                {p.voteId
                  ? <a href={routeHash({ name: 'vote', communityId: p.communityId, voteId: p.voteId })} data-testid="repair-vote-link">{p.voteTitle}</a>
                  : t.none}
              </span>
            )
            : (
              <span data-testid="repair-approval-shown">
                <Tag color="orange" className="tight-tag">{t.approvalShort.emergency}</Tag>{' '}
                {t.reviewDate} <span className="num">{p.emergencyReviewDate}</span>，{t.streetDate} <span className="num">{p.emergencyStreetDate}</span>
              </span>
            )}
        </Descriptions.Item>
        {p.approval === 'emergency' && (
          <Descriptions.Item label={t.emergencyNote} span={3}><span data-testid="repair-emergency-shown">{p.emergencyNote}</span></Descriptions.Item>
        )}
      </Descriptions>
    </section>
  );
}

/** The notice before the works: its date recorded (repair.notice), and the printout. */
function NoticePanel({ project: p, onSaved }: { project: ProjectDetail; onSaved: (p: ProjectDetail) => void }) {
  const can = useCan();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, run } = useSending();
  const [date, setDate] = useState(p.noticeDate ?? todayDate());

  const save = () => {
    const checked = projectNotice.safeParse({ projectId: p.id, date });
    if (!checked.success) {
      setErrors(checked.error.issues.map((i) => i.message));
      return Promise.resolve();
    }
    return run(async () => {
      onSaved(await invoke('repair.notice', checked.data));
      message.success(t.noticeSaved);
    });
  };

  return (
    <section className="panel" data-testid="repair-notice">
      <div className="repair-section-head">
        <h3 className="section-heading">{t.notice}</h3>
        <Button href={routeHash({ name: 'printRepairNotice', communityId: p.communityId, projectId: p.id, stage: 'before' })} data-testid="repair-print-before">
          {t.printBefore}
        </Button>
      </div>
      <p className="repair-help">{t.noticeHelp}</p>
      <div className="repair-notice-row">
        <span data-testid="repair-notice-state" data-date={p.noticeDate ?? ''}>
          {p.noticeDate ? <Tag color="green" className="tight-tag">{t.noticeRecorded(p.noticeDate)}</Tag> : <Tag className="tight-tag">{t.noticeNotYet}</Tag>}
        </span>
        <span className="toolbar-label">{t.noticeDate}</span>
        <DateField className="repair-notice-date" value={date} onChange={(v) => setDate(v)} aria-label={t.noticeDate} data-testid="repair-notice-date" />
        {can('books.write') && <Button loading={busy} onClick={() => void save()} data-testid="repair-notice-save">{p.noticeDate ? t.changeNotice : t.recordNotice}</Button>}
      </div>
      <div data-testid="repair-notice-errors"><FormError messages={errors} /></div>
    </section>
  );
}

type Payment = ProjectDetail['payments'][number];

function Payments({ project: p }: { project: ProjectDetail }) {
  const columns: ColumnDef<Payment>[] = [
    { id: 'date', header: t.colDate, size: 110, cell: ({ row }) => <span className="num">{row.original.date}</span> },
    {
      id: 'number', header: t.colNumber, size: 100,
      cell: ({ row }) => <a href={routeHash({ name: 'ledger', communityId: p.communityId, entryId: row.original.entryId })}>{t.numberText(row.original.number)}</a>,
    },
    { id: 'memo', header: t.colMemo, size: 240, meta: { grow: true }, cell: ({ row }) => <span title={row.original.memo}>{row.original.memo}</span> },
    {
      id: 'amount', header: t.colAmount, size: 150, meta: { align: 'right' },
      cell: ({ row }) => (
        <span>
          {row.original.reversed && <><Tag className="tight-tag">{t.reversed}</Tag>{' '}</>}
          <Yuan value={row.original.amount} />
        </span>
      ),
    },
  ];
  if (p.payments.length === 0) return <p className="muted repair-none" data-testid="repair-no-payments">{t.noPayments}</p>;
  return (
    <DataGrid
      testId="repair-payments-grid"
      columns={columns}
      source={{ kind: 'local', rows: p.payments }}
      getRowId={(x) => x.entryId}
      autoHeightRows={8}
    />
  );
}

/** After the charge: its entry in the books, the final cost and notes, every share, the notice after the works. */
function ChargedPanel({ project: p }: { project: ProjectDetail }) {
  const charge = p.charge!;
  const entry = useQuery('ledger.entry', { id: charge.entryId });
  return (
    <section className="panel" data-testid="repair-charged">
      <div className="repair-section-head">
        <h3 className="section-heading">{t.charge}</h3>
        <Button href={routeHash({ name: 'printRepairNotice', communityId: p.communityId, projectId: p.id, stage: 'after' })} data-testid="repair-print-after">
          {t.printAfter}
        </Button>
      </div>
      <Descriptions size="small" column={3} className="repair-descriptions" data-testid="repair-charge-facts">
        <Descriptions.Item label={t.chargeFinal}><span className="num" data-testid="repair-final-shown">{t.yuan(groupedYuan(p.finalCost ?? charge.total))}</span></Descriptions.Item>
        <Descriptions.Item label={t.chargedOn}><span className="num">{charge.date}</span></Descriptions.Item>
        <Descriptions.Item label={t.chargeEntry}>
          <a href={routeHash({ name: 'ledger', communityId: p.communityId, entryId: charge.entryId })} data-testid="repair-charge-entry">
            {entry.data ? t.entryNumber(entry.data.number) : t.viewEntry}
          </a>
        </Descriptions.Item>
        {p.auditNote && <Descriptions.Item label={t.chargeAudit} span={3}><span data-testid="repair-audit-shown">{p.auditNote}</span></Descriptions.Item>}
        {p.overrunReason && <Descriptions.Item label={t.chargeOverrun} span={3}><span data-testid="repair-overrun-shown">{p.overrunReason}</span></Descriptions.Item>}
        {charge.overrides.length > 0 && (
          <Descriptions.Item label={t.chargeOverrides} span={3}>
            <span className="repair-overrides" data-testid="repair-overrides-shown">
              {t.chargeOverridesShown(charge.overrides.map((o) => o.message).join('；'), charge.overrides[0]!.reason)}
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <SharesTable result={charge} testId="repair-charged-shares" />
    </section>
  );
}
