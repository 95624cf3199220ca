/**
 * 更正: a recorded ballot corrected with a reason (`ballot.replace`). Saved
 * ballots are never undone; the correction keeps the original. After the vote
 * is closed it is an amendment (修正案) and the tally is re-run — said here.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { Alert, Button, Input, type InputRef } from 'antd';
import { BALLOT_CHANNELS } from '../../../../../shared/contract/votes';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { useSending } from '../../../components/useFormSubmit';
import { FormError } from '../../../components/FormError';
import { GuardedModal } from '../../../components/GuardedModal';
import { zhCN } from '../../../i18n/zh-CN';
import { BallotToggles } from './BallotToggles';
import {
  ChoiceList, ballotFieldsOf, choiceKey, draftOf, draftProblems, itemsOf,
  type Channel, type RecordedBallot, type Subject, type Vote,
} from './ballotShared';

const t = zhCN.ballots;

export interface CorrectionTarget { subject: Subject; ballot: RecordedBallot }
type Result = MethodOutput<'ballot.replace'>;

export function CorrectionModal({ vote, target, onClose, onDone }: {
  vote: Vote;
  target: CorrectionTarget | null;
  onClose: () => void;
  onDone: (result: Result, target: CorrectionTarget, ballot: RecordedBallot) => void;
}) {
  const editorRef = useRef<HTMLDivElement>(null);
  // The body's save: while it runs, closing does not ask (GuardedModal).
  const [busy, setBusy] = useState(false);
  const closed = vote.status === 'closed';
  const title = target ? (closed ? t.amendTitle : t.correctTitle)(target.subject.code, target.subject.addresses) : '';
  return (
    <GuardedModal
      open={target !== null}
      busy={busy}
      title={title}
      onClose={onClose}
      footer={null}
      width={680}
      destroyOnHidden
      afterOpenChange={(open) => { if (open) editorRef.current?.focus(); }}
    >
      {(cancel) => target && (
        <CorrectionBody key={target.ballot.id} vote={vote} target={target} editorRef={editorRef} onClose={cancel} onBusy={setBusy} onDone={onDone} />
      )}
    </GuardedModal>
  );
}

function CorrectionBody({ vote, target, editorRef, onClose, onBusy, onDone }: {
  vote: Vote;
  target: CorrectionTarget;
  editorRef: RefObject<HTMLDivElement | null>;
  /** 取消: through the dialog's guard. */
  onClose: () => void;
  onBusy: (busy: boolean) => void;
  onDone: (result: Result, target: CorrectionTarget, ballot: RecordedBallot) => void;
}) {
  const closed = vote.status === 'closed';
  const items = itemsOf(vote, target.subject);
  const [draft, setDraft] = useState(() => draftOf(items, target.ballot));
  const [reason, setReason] = useState('');
  const { busy, errors, setErrors, run } = useSending();
  useEffect(() => {
    onBusy(busy);
    return () => onBusy(false);
  }, [busy, onBusy]);
  const reasonRef = useRef<InputRef>(null);
  const refs = { invalidReason: useRef<InputRef>(null), proxyHolder: useRef<InputRef>(null), proxyDocument: useRef<InputRef>(null) };
  const channel: Channel = (BALLOT_CHANNELS as readonly string[]).includes(target.ballot.channel) ? target.ballot.channel as Channel : '纸质';

  const submit = async () => {
    const problems = draftProblems(draft);
    if (reason.trim() === '') problems.push(t.needReason);
    if (problems.length > 0) {
      setErrors(problems);
      if (reason.trim() === '') reasonRef.current?.focus();
      return;
    }
    await run(async () => {
      const fields = ballotFieldsOf(draft, items, channel);
      const result = await invoke('ballot.replace', { ballotId: target.ballot.id, reason: reason.trim(), ...fields });
      onDone(result, target, {
        id: result.ballotId, valid: fields.valid, invalidReason: fields.invalidReason, channel, proxyHolder: fields.proxyHolder,
        proxyDocument: fields.proxyDocument, note: '', choices: fields.choices, enteredBy: '', enteredAt: new Date().toISOString(),
      });
    });
  };

  return (
    <div className="be-correction" data-testid="correction-form" data-closed={closed ? 'true' : 'false'}>
      {closed && <Alert type="warning" showIcon title={t.amendHelp} className="be-correction-alert" data-testid="correction-amend-note" />}
      <p className="be-correction-help muted">{t.correctHelp}</p>
      <div
        ref={editorRef}
        tabIndex={0}
        className="be-editor"
        data-testid="correction-editor"
        onKeyDown={(e) => {
          if (e.target !== e.currentTarget) return;
          const next = choiceKey(draft, e);
          if (next) {
            e.preventDefault();
            setDraft(next);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            reasonRef.current?.focus();
          }
        }}
      >
        <ChoiceList items={items} draft={draft} onChange={setDraft} dimmed={draft.invalid} testId="correction-items" />
      </div>
      <BallotToggles
        draft={draft}
        onChange={setDraft}
        refs={refs}
        onSave={() => reasonRef.current?.focus()}
        onBack={() => editorRef.current?.focus()}
        testPrefix="correction"
      />
      <label className="be-field-label" htmlFor="be-correction-reason">{t.correctReason}</label>
      <Input
        id="be-correction-reason"
        ref={reasonRef}
        value={reason}
        maxLength={500}
        placeholder={t.correctReasonPlaceholder}
        data-testid="correction-reason"
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return;
          if (e.key === 'Enter') {
            e.preventDefault();
            void submit();
          }
        }}
      />
      <FormError messages={errors} />
      <div className="be-actions be-actions-end">
        <Button onClick={onClose} disabled={busy}>{zhCN.common.cancel}</Button>
        <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="correction-submit">{t.correctOk}</Button>
      </div>
    </div>
  );
}
