/**
 * One vote: what is voted on (window, status, the assembly, when and why the
 * electorate was frozen), the settings as the notice will state them, each
 * item with its category, threshold, scope and electorate; re-freezing the
 * electorate (until the first ballot), the ballots' entry, import and
 * printout, closing and posting the result; the live tally (refreshed every
 * few seconds while open and when the window regains focus) and the voting
 * subjects with their ballots.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Form, Input, Spin, Tag } from 'antd';
import { DateField } from '../../../components/DateField';
import { postResultInput, refreezeInput } from '../../../../../shared/contract/votes';
import { invoke } from '../../../api/client';
import { errorMessage, refusalMessages } from '../../../api/errors';
import { FormError } from '../../../components/FormError';
import { GuardedModal } from '../../../components/GuardedModal';
import { PageHeader } from '../../../components/PageHeader';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { formatCount, formatDateTime, groupedArea, officeDay, todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { BallotImport } from '../ballots/BallotImport';
import { DoubleEntryPanel } from './DoubleEntryPanel';
import { BallotCounts, TallyCards } from './VoteTally';
import { VoteSubjects } from './VoteSubjects';
import { StatusTag, voteFieldLabel, settingsSentences, type VoteDetail, type VoteTally } from './voteShared';
import { SaveCancel } from '../../../components/SaveCancel';
import { PendingNote, PendingTag, usePendingReview } from '../../system/reviews/PendingReview';
import { HistoryLink } from '../../system/audit/HistoryLink';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.votes;

/** How often the live tally is asked for while the vote is open. */
const TALLY_EVERY_MS = 4000;

export function VotePage({ communityId, voteId }: { communityId: string; voteId: string }) {
  const can = useCan();
  const [vote, setVote] = useState<VoteDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [tally, setTally] = useState<VoteTally | null>(null);
  const [tallyError, setTallyError] = useState<unknown>(null);
  const [revision, setRevision] = useState(0);
  /** Counts the live tally's answers: the double-entry differences are asked for again with each. */
  const [tick, setTick] = useState(0);
  const [dialog, setDialog] = useState<'refreeze' | null>(null);
  const lastReturned = useRef<number | null>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => { live.current = false; };
  }, []);

  const loadVote = useCallback(async () => {
    try {
      const v = await invoke('vote.get', { id: voteId });
      if (live.current) { setVote(v); setLoadError(null); }
    } catch (e) {
      if (live.current) setLoadError(e);
    }
  }, [voteId]);

  const loadTally = useCallback(async () => {
    try {
      const next = await invoke('vote.tally', { id: voteId });
      if (!live.current) return;
      setTally(next);
      setTallyError(null);
      setTick((n) => n + 1);
      // New ballots: the subjects table and the vote's counts follow.
      if (lastReturned.current !== null && lastReturned.current !== next.ballots.returned) {
        setRevision((r) => r + 1);
        void loadVote();
      }
      lastReturned.current = next.ballots.returned;
    } catch (e) {
      if (live.current) setTallyError(e);
    }
  }, [voteId, loadVote]);

  useEffect(() => {
    void loadVote();
    void loadTally();
  }, [loadVote, loadTally]);

  const open = vote?.status === 'open';
  // 复核: a close that waits for a second person is shown, and not offered again.
  const pendingClose = usePendingReview(communityId, voteId, 'vote.close');
  useEffect(() => {
    if (!open) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void loadTally();
    }, TALLY_EVERY_MS);
    const onFocus = () => void loadTally();
    const onVisible = () => { if (document.visibilityState === 'visible') void loadTally(); };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [open, loadTally]);

  const refreshAll = () => {
    void loadVote();
    void loadTally();
    setRevision((r) => r + 1);
  };
  const changed = (v: VoteDetail) => {
    setVote(v);
    void loadTally();
    setRevision((r) => r + 1);
  };
  const back = () => navigate({ name: 'votes', communityId });

  if (!vote) {
    return (
      <div className="page" data-testid="vote-page" data-ready="false">
        <PageHeader title={t.title} extra={<Button onClick={back}>{t.back}</Button>} />
        {loadError !== null ? <Alert type="error" showIcon title={errorMessage(loadError)} /> : <Spin />}
      </div>
    );
  }

  return (
    <div className="page page-scroll vote-page" data-testid="vote-page" data-ready="true" data-status={vote.status}>
      <PageHeader
        title={<span data-testid="vote-page-title">{vote.title}</span>}
        sub={<StatusTag status={vote.status} testId="vote-status" />}
        extra={
          <>
            {open && can('votes.write') && (
              <Button type="primary" onClick={() => navigate({ name: 'ballotEntry', communityId, voteId })} data-testid="vote-entry">{t.ballotsEntry}</Button>
            )}
            <Button onClick={() => navigate({ name: 'printBallots', communityId, voteId })} data-testid="vote-print-ballots">{t.printBallots}</Button>
            <Button onClick={() => navigate({ name: 'printVoteResult', communityId, voteId })} data-testid="vote-print-result">{t.printResult}</Button>
            {open && can('votes.write') && pendingClose === null && <CloseButton vote={vote} onClosed={changed} />}
            {open && pendingClose && <PendingTag label={zhCN.reviews.voteClosePending} testId="vote-close-pending" />}
            <HistoryLink entity="vote" id={voteId} />
            <Button onClick={back}>{t.back}</Button>
          </>
        }
      />

      {open && pendingClose && <PendingNote review={pendingClose} what={t.closeVote} testId="vote-close-pending-note" />}
      <section className="panel">
        <Descriptions size="small" column={3} data-testid="vote-summary">
          <Descriptions.Item label={t.colWindow}><span className="num" data-testid="vote-window">{t.window(vote.opens, vote.closes)}</span></Descriptions.Item>
          <Descriptions.Item label={t.meetingLink}>
            <Button
              type="link"
              size="small"
              className="vote-inline-link"
              data-testid="vote-meeting-link"
              onClick={() => navigate({ name: 'meeting', communityId, meetingId: vote.meetingId })}
            >
              {vote.meetingTitle}{vote.meetingForm ? `（${vote.meetingForm}）` : ''}
            </Button>
          </Descriptions.Item>
          <Descriptions.Item label={t.frozenAt}>
            <span data-testid="vote-frozen">{formatDateTime(vote.frozenAt)}{vote.freezeReason ? t.frozenReason(vote.freezeReason) : ''}</span>
          </Descriptions.Item>
          {vote.closedAt && (
            <Descriptions.Item label={t.closedAt}>
              <span data-testid="vote-closed-at">{formatDateTime(vote.closedAt)}{vote.closedBy ? t.closedBy(vote.closedBy) : ''}</span>
            </Descriptions.Item>
          )}
          {vote.status === 'closed' && (
            <Descriptions.Item label={t.postedDate}>
              <span data-testid="vote-posted-date">{vote.postedDate ?? <span className="muted">{t.notPosted}</span>}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </section>

      {vote.status === 'closed' && <PostingPanel vote={vote} onPosted={changed} />}

      {vote.doubleEntry && <DoubleEntryPanel vote={vote} tick={tick} onSettled={refreshAll} />}

      <section className="panel" data-testid="vote-settings-stated">
        <h3 className="section-heading">{t.settingsTitle}</h3>
        <ul className="vote-settings-list">
          {settingsSentences(vote.settings).map((s) => <li key={s}>{s}</li>)}
        </ul>
      </section>

      <section className="panel" data-testid="vote-items">
        <div className="section-title vote-section-title">
          <h3 className="section-heading">{t.itemsTitle}</h3>
          {open && can('votes.write') && <Button onClick={() => setDialog('refreeze')} data-testid="vote-refreeze">{t.refreeze}</Button>}
        </div>
        <ItemsTable vote={vote} />
      </section>

      <section className="panel" data-testid="vote-tally" data-returned={tally?.ballots.returned ?? ''}>
        <div className="section-title vote-section-title">
          <h3 className="section-heading">{t.tallyTitle}</h3>
          <span className={open ? 'vote-live' : 'muted'}>{open ? t.tallyLive : t.tallyFinal}</span>
        </div>
        {tallyError !== null && <Alert type="error" showIcon title={errorMessage(tallyError)} />}
        {tally ? (
          <>
            <BallotCounts tally={tally} />
            <TallyCards tally={tally} />
          </>
        ) : tallyError === null && <Spin />}
      </section>

      <section className="panel" data-testid="vote-subjects-panel">
        <h3 className="section-heading">{t.subjectsTitle}</h3>
        <VoteSubjects vote={vote} revision={revision} />
      </section>

      {open && can('votes.write') && (
        <section className="panel vote-import-panel" data-testid="vote-import">
          <h3 className="section-heading">{t.importTitle}</h3>
          <BallotImport voteId={voteId} onImported={refreshAll} />
        </section>
      )}

      {vote.amendments.length > 0 && (
        <section className="panel" data-testid="vote-amendments">
          <h3 className="section-heading">{t.amendments}</h3>
          <table className="vote-view-table">
            <thead><tr><th>{t.amendmentCols.reason}</th><th>{t.amendmentCols.author}</th><th>{t.amendmentCols.at}</th></tr></thead>
            <tbody>
              {vote.amendments.map((a) => (
                <tr key={a.id}><td>{a.reason}</td><td className="nowrap">{a.author}</td><td className="nowrap num">{formatDateTime(a.at)}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <RefreezeModal vote={vote} open={dialog === 'refreeze'} onClose={() => setDialog(null)} onDone={(v) => { setDialog(null); changed(v); }} />
    </div>
  );
}

function ItemsTable({ vote }: { vote: VoteDetail }) {
  return (
    <table className="vote-view-table" data-testid="vote-items-table">
      <thead>
        <tr>
          <th>{t.colNo}</th><th>{t.itemTitle}</th><th>{t.colCategory}</th><th>{t.colThreshold}</th><th>{t.colScope}</th>
          <th className="right">{t.colElectorateCount}</th><th className="right">{t.colElectorateArea}</th>
        </tr>
      </thead>
      <tbody>
        {vote.items.map((item, i) => {
          const threshold = item.threshold;
          return (
            <tr key={item.id} data-testid="vote-item" data-item-id={item.id}>
              <td className="nowrap">{i + 1}</td>
              <td>
                {item.title}
                <div className="vote-item-breakdown" data-testid="vote-item-breakdown">{breakdownText(item.breakdown)}</div>
              </td>
              <td>{t.categoryLabel(item.category, item.categoryName)}</td>
              <td className="nowrap" title={t.thresholdRule[threshold]}>
                <Tag className="tight-tag" color={threshold === 'three-quarters' ? 'volcano' : 'blue'}>{t.threshold[threshold]}</Tag>
              </td>
              <td data-testid="vote-item-scope">{item.scopeLabel}</td>
              <td className="right num" data-testid="vote-item-electorate-count">{formatCount(item.electorate.count)}</td>
              <td className="right num" data-testid="vote-item-electorate-area">{groupedArea(item.electorate.area)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** How the frozen electorate was counted, in one line (the electorate screen's breakdown, per item). */
function breakdownText(b: VoteDetail['items'][number]['breakdown']): string {
  const parts = [t.breakdown.counted(b.countedParts, b.partsInScope)];
  if (b.developer.parts > 0) parts.push(t.breakdown.developer(b.developer.parts, groupedArea(b.developer.area)));
  if (b.multiPartSubjects.subjects > 0) parts.push(t.breakdown.multi(b.multiPartSubjects.subjects, b.multiPartSubjects.parts));
  if (b.coOwnedParts > 0) parts.push(t.breakdown.coOwned(b.coOwnedParts));
  if (b.excludedParking.parts > 0) parts.push(t.breakdown.parking(b.excludedParking.parts));
  if (b.withoutOwner > 0) parts.push(t.breakdown.withoutOwner(b.withoutOwner));
  return parts.join('；');
}

function CloseButton({ vote, onClosed }: { vote: VoteDetail; onClosed: (v: VoteDetail) => void }) {
  const { modal, message } = AntApp.useApp();
  const ask = () => {
    modal.confirm({
      title: t.closeTitle,
      content: (
        <div data-testid="vote-close-confirm">
          <p>{t.closeBody(vote.ballots.returned, vote.subjects)}</p>
          {vote.doubleEntry && <p>{t.closeDoubleEntry}</p>}
        </div>
      ),
      okText: t.closeVote,
      okButtonProps: { danger: true, 'data-testid': 'vote-close-ok' },
      cancelText: zhCN.common.cancel,
      onOk: async () => {
        try {
          const closed = await invoke('vote.close', { id: vote.id });
          // With 复核 on the vote stays open and waits for a second person.
          if (closed.review) message.info(zhCN.reviews.sent);
          else message.success(t.closed);
          onClosed(closed);
        } catch (e) {
          // Shown until read (not a passing toast): what main refused and, with double entry, where to settle.
          modal.error({
            title: t.closeRefused,
            content: (
              <div data-testid="vote-close-refused">
                {refusalMessages(e, voteFieldLabel).map((m) => <p key={m}>{m}</p>)}
                {vote.doubleEntry && <p className="muted">{t.closeRefusedDoubleEntry}</p>}
              </div>
            ),
            okText: zhCN.common.ok,
            okButtonProps: { 'data-testid': 'vote-close-refused-ok' },
          });
        }
      },
    });
  };
  return <Button danger onClick={ask} data-testid="vote-close">{t.closeVote}</Button>;
}

function PostingPanel({ vote, onPosted }: { vote: VoteDetail; onPosted: (v: VoteDetail) => void }) {
  const can = useCan();
  const [form] = Form.useForm<{ postedDate: string }>();
  const { message } = AntApp.useApp();
  const { busy, errors, submit } = useFormSubmit(form);
  const today = todayDate();
  // Main counts it from the office's day of closing (a UTC timestamp sliced would name the day before after 16:00).
  const deadline = vote.postingDeadline;
  const overdue = vote.postedDate === null && deadline !== null && today > deadline;

  const post = () => submit(postResultInput, { id: vote.id, postedDate: form.getFieldValue('postedDate') ?? '' }, async (data) => {
    const saved = await invoke('vote.postResult', data).catch((e: unknown) => { throw new Error(refusalMessages(e, voteFieldLabel).join('；')); });
    message.success(t.posted);
    onPosted(saved);
  });

  return (
    <section className="panel" data-testid="vote-posting" data-overdue={overdue ? 'true' : 'false'}>
      <h3 className="section-heading">{t.posting}</h3>
      {vote.postedDate !== null
        ? <Alert type="success" showIcon title={t.postingDone(vote.postedDate)} />
        : overdue
          ? <Alert type="error" showIcon data-testid="vote-posting-overdue" title={t.postingOverdue(vote.closedAt ? officeDay(vote.closedAt) : '', deadline ?? '')} />
          : deadline && <Alert type="info" showIcon title={t.postingHelp(deadline)} />}
      <Form form={form} layout="inline" className="vote-posting-form" initialValues={{ postedDate: vote.postedDate ?? today }}>
        <Form.Item name="postedDate" label={t.postDate}>
          <DateField data-testid="vote-post-date" />
        </Form.Item>
        <Form.Item>
          {can('votes.write') && <Button type="primary" ghost loading={busy} onClick={() => void post()} data-testid="vote-post">{t.post}</Button>}
        </Form.Item>
      </Form>
      <FormError messages={errors} />
    </section>
  );
}

function RefreezeModal({ vote, open, onClose, onDone }: { vote: VoteDetail; open: boolean; onClose: () => void; onDone: (v: VoteDetail) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
  }, [open]);

  const save = () => submit(refreezeInput, { id: vote.id, reason: form.getFieldValue('reason') ?? '' }, async (data) => {
    const saved = await invoke('vote.refreeze', data).catch((e: unknown) => { throw new Error(refusalMessages(e, voteFieldLabel).join('；')); });
    message.success(t.refreezeDone);
    onDone(saved);
  });

  return (
    <GuardedModal
      open={open}
      busy={busy}
      title={t.refreezeTitle}
      onClose={onClose}
      destroyOnHidden
      footer={(cancel) => <SaveCancel onCancel={cancel} busy={busy} onSave={save} testId="vote-refreeze-save" label={t.refreeze} />}
    >
      <p className="vote-modal-help">{t.refreezeHelp}</p>
      <Form form={form} layout="vertical" data-testid="vote-refreeze-form">
        <Form.Item name="reason" label={t.refreezeReason} required>
          <Input.TextArea rows={3} maxLength={500} placeholder={t.refreezePlaceholder} data-testid="vote-refreeze-reason" />
        </Form.Item>
      </Form>
      <div data-testid="vote-refreeze-errors"><FormError messages={errors} /></div>
    </GuardedModal>
  );
}
