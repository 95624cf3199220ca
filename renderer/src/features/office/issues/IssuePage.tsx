/**
 * One issue: its details (editable while open), the deadlines — the handling
 * plan's (24 hours after the report, by the community's setting) and the
 * resolution's — with overdue marks, the escalation flag, the actions its
 * status allows (派单, 制定方案, 办结, 重新办理, 回访, 提级: each a small modal
 * with its time), the history of who did what when, the linked matter and
 * meeting, and the mediation records linked to it.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Descriptions, Spin, Tooltip } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { prefetch } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { Deadline } from '../../../components/Deadline';
import { PageHeader } from '../../../components/PageHeader';
import { navigate, routeHash } from '../../../router';
import { ActionModal, type ActionKind } from './ActionModal';
import { IssueForm } from './IssueForm';
import { Mediations } from './Mediations';
import { LevelTag, shown, StatusTag, t, type IssueDetail } from './issueShared';
import { Attachments } from '../../meetings/minutes/Attachments';
import { HistoryLink } from '../../system/audit/HistoryLink';
import type { Permission } from '../../../../../shared/domain/permissions';
import { useCan } from '../../system/auth/permissions';

export function IssuePage({ communityId, issueId }: { communityId: string; issueId: string }) {
  const can = useCan();
  const loaded = useAsync(() => invoke('issue.get', { id: issueId }), [issueId]);
  // The page's lower sections read beside the issue itself, not after it arrives.
  useEffect(() => {
    prefetch('attachment.list', { ownerType: 'issue', ownerId: issueId });
    prefetch('mediation.list', { communityId });
    prefetch('issue.list', { communityId, overdueOnly: false, text: '' });
    prefetch('community.get', { id: communityId });
  }, [communityId, issueId]);
  // An action's answer is shown at once; the next read (after the write) replaces it. Read in the same render the
  // issue arrives, not copied into state by an effect (a second render of the whole page after each read).
  const [answered, setAnswered] = useState<{ over: IssueDetail | undefined; issue: IssueDetail } | null>(null);
  const setIssue = (next: IssueDetail) => setAnswered({ over: loaded.data, issue: next });
  const [acting, setActing] = useState<ActionKind | null>(null);
  const [editing, setEditing] = useState(false);

  const i = answered && answered.over === loaded.data ? answered.issue : loaded.data ?? null;
  const closed = i !== null && (i.status === '已办结' || i.status === '已回访');
  return (
    <div className="page page-scroll issue-page" data-testid="issue-page" data-ready={i ? 'true' : 'false'} data-status={i?.status} data-level={i?.level}>
      <PageHeader
        title={<span data-testid="issue-title-shown">{i ? `${t.number(i.number)} ${i.title}` : t.title}</span>}
        sub={i && <span className="issue-head-tags"><StatusTag status={i.status} testId="issue-status" /><LevelTag level={i.level} testId="issue-level" /></span>}
        extra={
          <>
            {i && <Actions issue={i} onAct={setActing} />}
            <HistoryLink entity="issue" id={issueId} />
            <Button onClick={() => navigate({ name: 'issues', communityId })} data-testid="issue-back">{t.back}</Button>
          </>
        }
      />
      {loaded.error !== null && <Alert type="error" showIcon title={errorMessage(loaded.error)} />}
      {!i && loaded.error === null && <Spin />}
      {i && (
        <>
          {i.flag && (
            <Alert
              type="warning"
              showIcon
              data-testid="issue-flag-alert"
              data-suggested={i.flag.suggested ?? ''}
              title={t.flagTitle(i.flag.suggested)}
              description={i.flag.reason}
              action={!closed && i.flag.suggested && can('issues.write') ? <Button size="small" danger onClick={() => setActing('escalate')} data-testid="flag-escalate">{t.actions.escalate}</Button> : undefined}
            />
          )}
          <section className="panel">
            <div className="issue-section-head">
              <h3 className="section-heading">{t.details}</h3>
              <Tooltip title={closed ? t.editClosed : undefined}>
                {can('issues.write') && <Button size="small" disabled={closed} onClick={() => setEditing(true)} data-testid="issue-edit">{t.edit}</Button>}
              </Tooltip>
            </div>
            <Descriptions size="small" column={3} className="issue-descriptions" data-testid="issue-details">
              <Descriptions.Item label={t.reportedAt}><span className="num">{shown(i.reportedAt)}</span></Descriptions.Item>
              <Descriptions.Item label={t.source}>{i.source}</Descriptions.Item>
              <Descriptions.Item label={t.reporter}>{i.reporter || t.none}</Descriptions.Item>
              <Descriptions.Item label={t.fieldCategory}><span data-testid="issue-category-shown">{i.category}</span></Descriptions.Item>
              <Descriptions.Item label={t.place} span={2}><span data-testid="issue-place-shown">{i.place || t.none}</span></Descriptions.Item>
              <Descriptions.Item label={t.description} span={3}><span className="pre-line">{i.description || t.none}</span></Descriptions.Item>
              <Descriptions.Item label={t.links} span={3}>
                <span className="issue-links" data-testid="issue-links">
                  {t.matter}：{i.matterId
                    ? <a href={routeHash({ name: 'matter', communityId, matterId: i.matterId })} data-testid="issue-matter-link">{i.matterTitle ?? i.matterId}</a>
                    : t.none}
                  <span className="issue-link-gap" />
                  {t.meeting}：{i.meetingId
                    ? <a href={routeHash({ name: 'meeting', communityId, meetingId: i.meetingId })} data-testid="issue-meeting-link">{i.meetingTitle ?? i.meetingId}</a>
                    : t.none}
                </span>
              </Descriptions.Item>
            </Descriptions>
          </section>
          <Deadlines issue={i} />
          <section className="panel">
            <h3 className="section-heading">{t.handling}</h3>
            <Descriptions size="small" column={3} className="issue-descriptions" data-testid="issue-handling">
              <Descriptions.Item label={t.responsible}><span data-testid="issue-party">{i.responsibleParty || t.none}</span></Descriptions.Item>
              <Descriptions.Item label={t.responsiblePerson} span={2}>{i.responsiblePerson || t.none}</Descriptions.Item>
              <Descriptions.Item label={t.plan} span={3}><span className="pre-line" data-testid="issue-plan">{i.plan || t.noPlan}</span></Descriptions.Item>
              <Descriptions.Item label={t.visitedAt}><span className="num">{i.visitedAt ? shown(i.visitedAt) : t.none}</span></Descriptions.Item>
              <Descriptions.Item label={t.satisfaction}><span data-testid="issue-satisfaction">{i.satisfaction ?? t.none}</span></Descriptions.Item>
              <Descriptions.Item label={t.feedback}>{i.feedback || t.none}</Descriptions.Item>
            </Descriptions>
          </section>
          <History issue={i} />
          <section className="panel">
            <h3 className="section-heading">{t.photos}</h3>
            <Attachments ownerType="issue" ownerId={i.id} />
          </section>
          <section className="panel">
            <h3 className="section-heading">{t.mediations}</h3>
            <Mediations communityId={communityId} issueId={i.id} />
          </section>
          <ActionModal
            kind={acting}
            issue={i}
            onClose={() => setActing(null)}
            onDone={(next) => {
              setIssue(next);
              setActing(null);
            }}
          />
          <IssueForm
            communityId={communityId}
            issue={i}
            open={editing}
            onClose={() => setEditing(false)}
            onSaved={(next) => {
              setIssue(next);
              setEditing(false);
            }}
          />
        </>
      )}
    </div>
  );
}

/** 制定方案 and 办结 are the handling a property company's liaison does (issues.handle); the rest is the office's. */
const ACTION_PERMISSION: Record<ActionKind, Permission> = {
  plan: 'issues.handle', close: 'issues.handle', dispatch: 'issues.write', escalate: 'issues.write', feedback: 'issues.write', reopen: 'issues.write',
};

/** What the status allows; 提级 stays offered up to the top so that main can say why not. */
function Actions({ issue: i, onAct }: { issue: IssueDetail; onAct: (k: ActionKind) => void }) {
  const a = t.actions;
  const can = useCan();
  const button = (kind: ActionKind, label: string, primary = false) => can(ACTION_PERMISSION[kind]) && (
    <Button key={`${kind}-${label}`} type={primary ? 'primary' : 'default'} onClick={() => onAct(kind)} data-testid={`issue-action-${kind}`}>{label}</Button>
  );
  switch (i.status) {
    case '登记': return <>{button('dispatch', a.dispatch, true)}{button('close', a.closeOnSpot)}{button('escalate', a.escalate)}</>;
    case '已派单': return <>{button('plan', a.plan, true)}{button('dispatch', a.redispatch)}{button('escalate', a.escalate)}</>;
    case '处理中': return <>{button('close', a.close, true)}{button('plan', a.replan)}{button('dispatch', a.redispatch)}{button('escalate', a.escalate)}</>;
    case '已办结': return <>{button('feedback', a.feedback, true)}{button('reopen', a.reopen)}</>;
    default: return null;
  }
}

/** What the issue is judged by now: the plan's hours (first level only), the resolution's day at its level, and who answers for it there. */
function Deadlines({ issue: i }: { issue: IssueDetail }) {
  const planOverdue = i.overdue.find((o) => o.deadline === 'plan');
  const resolutionOverdue = i.overdue.find((o) => o.deadline === 'resolution');
  const closed = i.status === '已办结' || i.status === '已回访';
  // The plan counts as made when it was recorded, or when the issue was solved before a plan.
  const madeAt = i.plannedAt !== null && i.closedAt !== null ? (i.plannedAt < i.closedAt ? i.plannedAt : i.closedAt) : i.plannedAt ?? i.closedAt;
  const planCounts = !closed && madeAt === null && i.escalatedAt === null;
  const onTime = (ok: boolean) => <span className={ok ? 'issue-met' : 'overdue-text'}>（{ok ? t.met : t.late}）</span>;
  return (
    <section className="panel" data-testid="issue-deadlines">
      <h3 className="section-heading">{t.deadlines}</h3>
      {i.escalatedAt !== null && (
        <p className="issue-level-responsible" data-testid="issue-level-responsible">
          <span className="strong">{t.levelResponsible}</span>：<span data-testid="issue-level-unit">{i.responsibleParty || t.none}</span> <span data-testid="issue-level-person">{i.responsiblePerson}</span>
          <span className="muted">（{t.atLevel(i.level, shown(i.escalatedAt))}）</span>
        </p>
      )}
      <Descriptions size="small" column={3} className="issue-descriptions">
        <Descriptions.Item label={t.planDueAt}>
          <span data-testid="issue-plan-due" data-overdue={planOverdue ? 'true' : 'false'} className={planOverdue ? 'overdue-text strong' : ''}>
            <span className="num">{shown(i.planDueAt)}</span>
            {planOverdue && <span className="issue-overdue-word">{t.overdueMark}</span>}
          </span>
          {planCounts && <div className="issue-countdown"><Deadline due={i.planDueAt} what={t.planWhat} block testId="issue-plan-countdown" /></div>}
          {madeAt && (
            <span className="issue-deadline-note">
              {i.plannedAt !== null && madeAt === i.plannedAt ? t.planMadeAt(shown(madeAt)) : t.planSolved(shown(madeAt))}
              {onTime(madeAt <= i.planDueAt)}
            </span>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t.resolutionDueAt}>
          <span data-testid="issue-resolution-due" data-overdue={resolutionOverdue ? 'true' : 'false'} className={resolutionOverdue ? 'overdue-text strong' : ''}>
            <span className="num">{i.resolutionDue ?? t.resolutionNone}</span>
            {resolutionOverdue && <span className="issue-overdue-word">{t.overdueMark}</span>}
          </span>
          {!closed && i.resolutionDue !== null && (
            <div className="issue-countdown">
              <Deadline due={i.resolutionDue} what={i.level === '街道' ? t.resolutionWhatTop : t.resolutionWhat(i.level)} block testId="issue-resolution-countdown" />
            </div>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t.closedAt}>
          <span className="num" data-testid="issue-closed-at">{i.closedAt ? shown(i.closedAt) : t.notClosed}</span>
          {i.closedAt && i.resolutionDue && onTime(i.closedAt.slice(0, 10) <= i.resolutionDue)}
        </Descriptions.Item>
      </Descriptions>
      {i.overdue.length > 0 && (
        <ul className="plain-list issue-overdue-reasons" data-testid="issue-overdue-messages">
          {i.overdue.map((o) => <li key={o.deadline} className="overdue-text">{o.message}</li>)}
        </ul>
      )}
    </section>
  );
}

type HistoryEvent = IssueDetail['events'][number] & { n: number };

/** Newest first, in the order they happened: nothing to sort. */
const historyColumns: ColumnDef<HistoryEvent>[] = [
  { id: 'at', header: t.at, size: 150, cell: ({ row }) => <span className="num">{shown(row.original.at)}</span> },
  { id: 'kind', header: t.histKind, size: 90, cell: ({ row }) => t.eventKind[row.original.kind] ?? row.original.kind },
  { id: 'change', header: t.histChange, size: 200, cell: ({ row }) => t.eventFromTo(row.original.from, row.original.to) },
  { id: 'note', header: t.histNote, size: 240, meta: { grow: true }, cell: ({ row }) => <span className="pre-line">{row.original.reason}</span> },
  { id: 'author', header: t.histAuthor, size: 150, cell: ({ row }) => row.original.author },
];

function History({ issue: i }: { issue: IssueDetail }) {
  // The events have no id of their own: their place in the history is theirs.
  const events = useMemo(() => i.events.map((e, n) => ({ ...e, n })).reverse(), [i.events]);
  return (
    <section className="panel">
      <h3 className="section-heading">{t.history}</h3>
      {events.length === 0
        ? <p className="muted">{t.historyNone}</p>
        : (
          <DataGrid
            testId="issue-history"
            ariaLabel={t.history}
            columns={historyColumns}
            source={{ kind: 'local', rows: events }}
            getRowId={(e) => String(e.n)}
            rowAttributes={(e) => ({ 'data-testid': 'history-row', 'data-kind': e.kind })}
            autoHeightRows={12}
            wrapText
          />
        )}
    </section>
  );
}
