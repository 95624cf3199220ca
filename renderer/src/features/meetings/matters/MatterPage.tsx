/**
 * One matter's page: who raised it and when, the workflow version it follows
 * (kept from the start), its description, the timeline of its steps with
 * 办理此步 on the next one, the two notices to print (as drafts until their
 * step is recorded), and its documents with a hint for the step at hand.
 * `advance` (from a printed draft notice) opens 办理此步 on that step at once.
 */
import { useState } from 'react';
import { useEffect } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Result, Spin, Tooltip, Typography } from 'antd';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { PageHeader } from '../../../components/PageHeader';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate, routeHash } from '../../../router';
import { Attachments } from '../minutes/Attachments';
import { LinkedIssues } from '../../office/issues/LinkedIssues';
import { AdvanceModal } from './AdvanceModal';
import { EditMatterModal } from './EditMatterModal';
import { MatterTimeline } from './MatterTimeline';
import { attachmentHint } from './notices';
import { publicationSteps, type MatterDetail, type MatterStep } from './shared';
import './matters.css';
import { HistoryLink } from '../../system/audit/HistoryLink';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.matters.page;

export function MatterPage({ communityId, matterId, advance }: { communityId: string; matterId: string; advance?: string }) {
  const can = useCan();
  const { message } = AntApp.useApp();
  const loaded = useQuery('matter.get', { id: matterId });
  const community = useQuery('community.get', { id: communityId });
  const [shown, setShown] = useState<MatterDetail | null>(null);
  const [acting, setActing] = useState<MatterStep | null>(null);
  const [fromDraft, setFromDraft] = useState(false);
  const [editing, setEditing] = useState(false);
  const matter = shown ?? loaded.data;

  // Arrived from a printed draft notice: open 办理此步 on its step once, if it is the step at hand, and drop the request from the address.
  const requested = advance && matter && matter.position.currentKey === advance ? matter.steps.find((s) => s.key === advance) ?? null : null;
  useEffect(() => {
    if (!requested) return;
    setActing(requested);
    setFromDraft(true);
    window.location.replace(routeHash({ name: 'matter', communityId, matterId }));
  }, [requested, communityId, matterId]);

  if (!matter) {
    if (loaded.error !== null) {
      return (
        <div className="page">
          <Result
            status="error"
            title={errorMessage(loaded.error)}
            extra={<Button onClick={() => navigate({ name: 'matters', communityId })}>{t.back}</Button>}
          />
        </div>
      );
    }
    return <div className="page"><Spin /></div>;
  }

  const doneCount = matter.steps.filter((s) => s.done || s.skipped).length;
  const { resolution, result } = publicationSteps(matter.steps);
  const current = matter.steps.find((s) => s.key === matter.position.currentKey) ?? null;

  return (
    <div className="page page-scroll matter-page" data-testid="matter-page" data-matter-id={matter.id} data-done={matter.done ? 'true' : 'false'}>
      <PageHeader
        title={<span data-testid="matter-title-text">{matter.title}</span>}
        sub={t.progress(doneCount, matter.steps.length)}
        extra={
          <>
            <Button onClick={() => navigate({ name: 'matters', communityId })}>{t.back}</Button>
            <HistoryLink entity="matter" id={matter.id} />
            <PrintButton
              step={resolution}
              label={t.printResolution}
              testId="print-resolution"
              onClick={() => navigate({ name: 'printResolution', communityId, matterId: matter.id })}
            />
            <PrintButton
              step={result}
              label={t.printResult}
              testId="print-result"
              onClick={() => navigate({ name: 'printResult', communityId, matterId: matter.id })}
            />
          </>
        }
      />

      <section className="panel matter-info">
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'category', label: t.category, children: matter.category, span: 3 },
            { key: 'raisedBy', label: t.raisedBy, children: matter.raisedBy || zhCN.common.none },
            { key: 'raisedOn', label: t.raisedOn, children: <span className="num">{matter.raisedOn}</span> },
            {
              key: 'workflow', label: t.workflow,
              children: <span data-testid="matter-workflow">{t.workflowVersion(matter.workflow.name, matter.workflow.version)}</span>,
            },
          ]}
        />
        <Typography.Text type="secondary" className="matter-version-note">{t.versionNote}</Typography.Text>
        <div className="section-title">
          <span>{t.description}</span>
          {can('meetings.write') && <Button size="small" onClick={() => setEditing(true)} data-testid="matter-edit">{t.editInfo}</Button>}
        </div>
        <div className="matter-description pre-line" data-testid="matter-description-text">
          {matter.description || <span className="muted">{t.noDescription}</span>}
        </div>
      </section>

      <section className="panel">
        <h3 className="section-heading">{t.timeline}</h3>
        {matter.done
          ? <Alert type="success" showIcon title={t.finished} className="matter-status" data-testid="matter-finished" />
          : null}
        {matter.pendingVote && (
          <Alert
            type="warning" showIcon className="matter-status" data-testid="matter-pending-vote"
            title={t.pendingVote(matter.pendingVote.voteTitle, matter.pendingVote.closedAt, matter.pendingVote.stepName)}
            description={t.pendingVoteMissing(matter.pendingVote.missing.join('、'))}
            action={(
              <Button size="small" onClick={() => navigate({ name: 'vote', communityId: matter.communityId, voteId: matter.pendingVote!.voteId })}>
                {t.openVote}
              </Button>
            )}
          />
        )}
        <MatterTimeline matter={matter} onAct={setActing} />
      </section>

      <section className="panel">
        <h3 className="section-heading">{t.attachments}</h3>
        <Attachments
          ownerType="matter"
          ownerId={matter.id}
          hint={current ? t.attachmentHint(current.name, attachmentHint(current)) : t.attachmentHintDone}
        />
      </section>

      <section className="panel">
        <h3 className="section-heading">{zhCN.issues.linkedTitle}</h3>
        <LinkedIssues communityId={matter.communityId} matterId={matter.id} />
      </section>

      {acting && (
        <AdvanceModal
          key={acting.key}
          matter={matter}
          step={acting}
          communityOffice={community.data?.communityOffice ?? ''}
          fromDraft={fromDraft}
          onClose={() => { setActing(null); setFromDraft(false); }}
          onSaved={(next, skipped) => {
            setShown(next);
            setActing(null);
            setFromDraft(false);
            message.success(skipped ? zhCN.matters.advance.skipped(acting.name) : zhCN.matters.advance.saved(acting.name));
          }}
        />
      )}
      {editing && (
        <EditMatterModal
          matter={matter}
          onClose={() => setEditing(false)}
          onSaved={(next) => {
            setShown(next);
            setEditing(false);
            message.success(zhCN.matters.form.saved);
          }}
        />
      )}
    </div>
  );
}

/** A notice prints once its step is recorded, and as a draft before (it is printed in order to be posted); not when skipped or absent. */
function PrintButton({ step, label, testId, onClick }: { step: MatterStep | null; label: string; testId: string; onClick: () => void }) {
  const printable = step !== null && !step.skipped;
  const draft = printable && !step.done;
  const button = <Button onClick={onClick} disabled={!printable} data-testid={testId} data-draft={draft ? 'true' : 'false'}>{label}</Button>;
  if (printable && !draft) return button;
  return (
    <Tooltip title={draft ? t.printDraft(step.name) : step ? zhCN.matters.print.skipped(step.name) : t.noPublicationStep}>
      <span>{button}</span>
    </Tooltip>
  );
}

