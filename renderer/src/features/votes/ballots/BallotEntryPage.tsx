/**
 * 录入表决票: a keyboard-first screen for clerks entering a stack of paper
 * ballots. Find the subject by code or room, type 1/2/3/0 per item (only the
 * items whose scope holds the subject), Enter saves and the lookup box is
 * ready for the next ballot. A second ballot for a subject is refused by main
 * and settled here (replace with a reason, or discard); saved ballots are
 * corrected (更正), never undone; after closing, a correction is an amendment.
 * A vote with double entry has two passes: 第一遍录入 (the ballots that count,
 * as above) and 第二遍复核录入 (`ballot.check`: the first entry is not shown,
 * entering a subject again replaces its second entry, the count shows how
 * many subjects still differ); the differences are settled on the vote page,
 * whose 去录第二遍 opens this screen in the second pass with that subject
 * looked up (`pass`, `code`). What each save did is one status line under the
 * lookup, replaced by the next save (a stack of messages would cover the box
 * during fast entry); a failure stays there until the clerk's next action.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Button, Progress, Radio, Select, Spin, Tag, type InputRef } from 'antd';
import { invoke } from '../../../api/client';
import { ApiError, errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount, formatDateTime, groupedArea } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { BallotToggles } from './BallotToggles';
import { ConflictPanel } from './ConflictPanel';
import { CorrectionModal, type CorrectionTarget } from './CorrectionModal';
import { SubjectLookup, type LookupApi } from './SubjectLookup';
import {
  ChoiceList, ChoicesLine, ENTRY_CHANNELS, ballotFieldsOf, choiceKey, draftProblems, emptyDraft, itemsOf, typedKey,
  type Channel, type Draft, type RecordedBallot, type Subject, type SubjectItem, type Vote,
} from './ballotShared';

const t = zhCN.ballots;
const RECENT = 8;

export type Pass = 'first' | 'second';
/** The status line: what the last save (or failure) did. */
interface Status { tone: 'success' | 'info' | 'error'; text: string; detail?: string; match?: Match }
/** How a second entry compares with the subject's first entry, as the clerk saved it. */
type Match = 'same' | 'differs' | 'no-first';
interface RecentEntry { subject: Subject; ballot: RecordedBallot; kind: 'saved' | 'replaced' | 'corrected' | 'checked'; match?: Match }
type Focus = 'lookup' | 'panel' | 'invalidReason' | 'proxyHolder' | null;

/** As main compares the two entries: validity, and each item's choice (a missing one is blank). */
function matchOf(first: RecordedBallot | null, second: ReturnType<typeof ballotFieldsOf>, items: SubjectItem[]): Match {
  if (!first) return 'no-first';
  if (first.valid !== second.valid) return 'differs';
  const a = new Map(first.choices.map((c) => [c.itemId, c.choice]));
  const b = new Map(second.choices.map((c) => [c.itemId, c.choice]));
  return items.every((i) => (a.get(i.id) ?? 'blank') === (b.get(i.id) ?? 'blank')) ? 'same' : 'differs';
}

export function BallotEntryPage({ communityId, voteId, pass, code }: {
  communityId: string;
  voteId: string;
  /** Opened from the settlement list: the pass to enter, and the subject to look up at once. */
  pass?: Pass;
  code?: string;
}) {
  const loaded = useQuery('vote.get', { id: voteId });
  const vote = loaded.data;
  const back = () => navigate({ name: 'vote', communityId, voteId });

  if (!vote) {
    return (
      <div className="page" data-testid="ballot-entry-page" data-ready="false">
        <PageHeader title={t.title} extra={<Button onClick={back}>{t.back}</Button>} />
        {loaded.error !== null ? <Alert type="error" showIcon title={errorMessage(loaded.error)} /> : <Spin tip={t.loading} />}
      </div>
    );
  }
  return <Entry vote={vote} onBack={back} initialPass={pass} initialCode={code} />;
}

function Entry({ vote, onBack, initialPass, initialCode }: { vote: Vote; onBack: () => void; initialPass?: Pass; initialCode?: string }) {
  const closed = vote.status === 'closed';
  const [counts, setCounts] = useState({ returned: vote.ballots.returned, subjects: vote.subjects });
  const [channel, setChannel] = useState<Channel>('纸质');
  const [subject, setSubject] = useState<Subject | null>(null);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(0));
  const [conflict, setConflict] = useState<RecordedBallot | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [recent, setRecent] = useState<RecentEntry[]>([]);
  const [correcting, setCorrecting] = useState<CorrectionTarget | null>(null);
  const [panelFocused, setPanelFocused] = useState(false);
  const [focus, setFocus] = useState<Focus>('lookup');
  const [pass, setPass] = useState<Pass>(initialPass ?? 'first');
  const [status, setStatus] = useState<Status | null>(null);
  /** The second pass: main's count of subjects still differing, and the subjects entered on this screen. */
  const [check, setCheck] = useState({ differences: vote.differences, entered: new Set<string>() });
  const second = vote.doubleEntry && !closed && pass === 'second';
  // The vote read again (after a save here, or another PC's: api/live.ts): its counts are the newest there are.
  useEffect(() => {
    setCounts({ returned: vote.ballots.returned, subjects: vote.subjects });
    setCheck((c) => (c.differences === vote.differences ? c : { ...c, differences: vote.differences }));
  }, [vote]);

  const lookupRef = useRef<InputRef>(null);
  const lookupApi = useRef<LookupApi>(null);
  /** Set while a ballot is being saved: what the clerk types meanwhile is the next lookup. */
  const saving = useRef(false);
  const typeAhead = useRef('');
  const panelRef = useRef<HTMLDivElement>(null);
  const refs = { invalidReason: useRef<InputRef>(null), proxyHolder: useRef<InputRef>(null), proxyDocument: useRef<InputRef>(null) };

  // A layout effect: the focus moves in the same task as the render, so no key falls in between.
  useLayoutEffect(() => {
    if (focus === null) return;
    if (focus === 'lookup') lookupRef.current?.focus();
    else if (focus === 'panel') panelRef.current?.focus();
    else if (focus === 'invalidReason') refs.invalidReason.current?.focus();
    else refs.proxyHolder.current?.focus();
    setFocus(null);
  }, [focus, subject, draft.invalid, draft.proxy]);

  // Opened at a subject (去录第二遍): the lookup is given its code, and an exact code selects it.
  useEffect(() => {
    if (initialCode) lookupApi.current?.typeText(initialCode);
  }, []);

  const items: SubjectItem[] = subject ? itemsOf(vote, subject) : [];
  /** A failure stays on the status line until the clerk does something else. */
  const clearFailure = () => setStatus((s) => (s?.tone === 'error' ? null : s));
  const passWord = vote.doubleEntry && !closed ? t.statusPass[pass] : null;

  const reset = () => {
    setSubject(null);
    setDraft(emptyDraft(0));
    setConflict(null);
    setErrors([]);
    setFocus('lookup');
  };

  const select = (next: Subject, keys: string) => {
    const nextItems = itemsOf(vote, next);
    let d = emptyDraft(nextItems.length);
    for (const key of keys) d = choiceKey(d, typedKey(key)) ?? d;
    setSubject(next);
    setDraft(d);
    setConflict(null);
    setErrors([]);
    clearFailure();
    setFocus('panel');
  };

  const remember = (entry: RecentEntry, replacedId?: string) => {
    setRecent((list) => [entry, ...list.filter((e) => e.ballot.id !== replacedId && e.ballot.id !== entry.ballot.id)].slice(0, RECENT));
  };

  const checked = (result: { differences: number; checked: number }, fields: ReturnType<typeof ballotFieldsOf>) => {
    if (!subject) return;
    const { differences } = result;
    setCheck((c) => ({ differences, entered: new Set(c.entered).add(subject.id) }));
    const ballot: RecordedBallot = {
      id: `check:${subject.id}`, valid: fields.valid, invalidReason: fields.invalidReason, channel: fields.channel, proxyHolder: fields.proxyHolder,
      proxyDocument: fields.proxyDocument, note: '', choices: fields.choices, enteredBy: '', enteredAt: new Date().toISOString(),
    };
    const match = matchOf(subject.ballot, fields, items);
    remember({ subject, ballot, kind: 'checked', match });
    setStatus({ tone: 'success', text: t.statusSaved(subject.addresses, t.statusPass.second, formatCount(result.checked)), match });
    reset();
    if (typeAhead.current !== '') lookupApi.current?.typeText(typeAhead.current);
    typeAhead.current = '';
  };

  const switchPass = (next: Pass) => {
    setPass(next);
    reset();
  };

  const recorded = (result: { ballotId: string; returned: number; subjects: number }, fields: ReturnType<typeof ballotFieldsOf>, kind: RecentEntry['kind'], replacedId?: string) => {
    if (!subject) return;
    setCounts({ returned: result.returned, subjects: result.subjects });
    const ballot: RecordedBallot = {
      id: result.ballotId, valid: fields.valid, invalidReason: fields.invalidReason, channel: fields.channel, proxyHolder: fields.proxyHolder,
      proxyDocument: fields.proxyDocument, note: '', choices: fields.choices, enteredBy: '', enteredAt: new Date().toISOString(),
    };
    remember({ subject: { ...subject, ballot }, ballot, kind }, replacedId);
    const n = formatCount(result.returned);
    setStatus({ tone: 'success', text: kind === 'replaced' ? t.statusReplaced(subject.addresses, n) : t.statusSaved(subject.addresses, passWord, n) });
    reset();
    if (typeAhead.current !== '') lookupApi.current?.typeText(typeAhead.current);
    typeAhead.current = '';
  };

  /** The subject's ballot as main has it now (after a refusal). */
  const currentBallot = async (s: Subject): Promise<RecordedBallot | null> => {
    const page = await invoke('vote.subjects', { voteId: vote.id, search: s.code, state: 'all', offset: 0, limit: 20 });
    return page.rows.find((r) => r.id === s.id)?.ballot ?? null;
  };

  const save = async () => {
    if (busy || conflict || closed) return;
    if (!subject) {
      setErrors([t.needSubject]);
      setFocus('lookup');
      return;
    }
    const problems = draftProblems(draft);
    if (problems.length > 0) {
      setErrors(problems);
      if (draft.invalid && draft.invalidReason.trim() === '') setFocus('invalidReason');
      else if (draft.proxy && draft.proxyHolder.trim() === '') setFocus('proxyHolder');
      else setFocus('panel');
      return;
    }
    setErrors([]);
    setBusy(true);
    saving.current = true;
    typeAhead.current = '';
    const fields = ballotFieldsOf(draft, items, channel);
    try {
      if (second) {
        const result = await invoke('ballot.check', { voteId: vote.id, subjectId: subject.id, ...fields });
        saving.current = false;
        checked(result, fields);
      } else {
        const result = await invoke('ballot.record', { voteId: vote.id, subjectId: subject.id, ...fields });
        saving.current = false;
        recorded(result, fields, 'saved');
      }
    } catch (e) {
      saving.current = false;
      typeAhead.current = '';
      // main names the ballot already there (a conflict); the second pass has none to settle: main replaces an earlier second entry.
      const existing = !second && e instanceof ApiError && e.conflict?.entity === 'ballot' ? await currentBallot(subject).catch(() => null) : null;
      if (existing) {
        setConflict(existing);
        setSubject({ ...subject, ballot: existing });
      } else {
        setErrors([errorMessage(e)]);
        setStatus({ tone: 'error', text: t.statusFailed(subject.addresses), detail: errorMessage(e) });
        setFocus('panel');
      }
    } finally {
      saving.current = false;
      setBusy(false);
    }
  };

  const replace = async (reason: string) => {
    if (!subject || !conflict) return;
    setBusy(true);
    const fields = ballotFieldsOf(draft, items, channel);
    try {
      const result = await invoke('ballot.replace', { ballotId: conflict.id, reason, ...fields });
      recorded(result, fields, 'replaced', conflict.id);
    } catch (e) {
      setErrors([errorMessage(e)]);
      setStatus({ tone: 'error', text: t.statusFailed(subject.addresses), detail: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const toggleInvalid = () => {
    const invalid = !draft.invalid;
    setDraft({ ...draft, invalid });
    if (invalid) setFocus('invalidReason');
  };
  const toggleProxy = () => {
    const proxy = !draft.proxy;
    setDraft({ ...draft, proxy });
    if (proxy) setFocus('proxyHolder');
  };
  const cycleChannel = () => setChannel((c) => ENTRY_CHANNELS[(ENTRY_CHANNELS.indexOf(c) + 1) % ENTRY_CHANNELS.length]!);

  const onPanelKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || !subject || conflict) return;
    if (saving.current) {
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        typeAhead.current += e.key;
      }
      return;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      reset();
      return;
    }
    if (closed) {
      if (e.key === 'Enter' && subject.ballot) {
        e.preventDefault();
        setCorrecting({ subject, ballot: subject.ballot });
      }
      return;
    }
    const next = choiceKey(draft, e);
    if (next) {
      e.preventDefault();
      setDraft(next);
      if (errors.length > 0) setErrors([]);
      clearFailure();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const key = e.key.toLowerCase();
    if (e.key === 'Enter') {
      e.preventDefault();
      void save();
    } else if (key === 'w') {
      e.preventDefault();
      toggleInvalid();
    } else if (key === 'd') {
      e.preventDefault();
      toggleProxy();
    } else if (key === 'q') {
      e.preventDefault();
      cycleChannel();
    }
  };

  const corrected = (result: { ballotId: string; returned: number; subjects: number }, target: CorrectionTarget, ballot: RecordedBallot) => {
    setCounts({ returned: result.returned, subjects: result.subjects });
    remember({ subject: { ...target.subject, ballot }, ballot, kind: 'corrected' }, target.ballot.id);
    if (subject?.id === target.subject.id) {
      setSubject({ ...subject, ballot });
      void currentBallot(subject).then((fresh) => {
        if (fresh) setSubject((s) => (s?.id === target.subject.id ? { ...s, ballot: fresh } : s));
      }, () => undefined);
    }
    setCorrecting(null);
    setStatus({ tone: 'success', text: closed ? t.statusAmended(target.subject.addresses) : t.statusCorrected(target.subject.addresses) });
    setFocus(subject ? 'panel' : 'lookup');
  };

  const done = draft.choices.filter((c) => c !== null).length;
  const percent = counts.subjects === 0 ? 0 : Math.floor((counts.returned * 1000) / counts.subjects) / 10;

  return (
    <div
      className={`page page-scroll be-page${vote.doubleEntry && !closed ? ` be-pass-${pass}` : ''}`}
      data-testid="ballot-entry-page"
      data-ready="true"
      data-status={vote.status}
      data-pass={vote.doubleEntry && !closed ? pass : ''}
    >
      <PageHeader
        title={t.title}
        sub={<span data-testid="entry-vote-title">{vote.title}</span>}
        extra={
          <>
            {vote.doubleEntry && !closed && (
              <span className="be-channel">
                <span className="toolbar-label">{t.passLabel}</span>
                <Radio.Group
                  value={pass}
                  onChange={(e) => switchPass(e.target.value as Pass)}
                  optionType="button"
                  buttonStyle="solid"
                  options={[{ value: 'first', label: t.passes.first }, { value: 'second', label: t.passes.second }]}
                  data-testid="entry-pass"
                  data-value={pass}
                />
              </span>
            )}
            <span className="be-channel">
              <span className="toolbar-label">{t.channel}</span>
              <Select
                value={channel}
                onChange={setChannel}
                disabled={closed}
                options={ENTRY_CHANNELS.map((c) => ({ value: c, label: c }))}
                style={{ width: 140 }}
                aria-label={t.channel}
                data-testid="entry-channel"
                data-value={channel}
              />
            </span>
            <Button onClick={onBack} data-testid="entry-back">{t.back}</Button>
          </>
        }
      />
      {closed && <Alert type="warning" showIcon title={t.closedBanner} data-testid="entry-closed" />}
      {vote.doubleEntry && !closed && (
        <div className={`be-pass-banner is-${pass}`} data-testid="entry-pass-banner" data-pass={pass} role="status">
          <span className="be-pass-label">{t.passes[pass]}</span>
          <span className="be-pass-text">{t.passBanner[pass]}</span>
        </div>
      )}

      <div className="be-layout">
        <div className="be-main">
          <section className="panel be-lookup-panel">
            <SubjectLookup
              voteId={vote.id}
              inputRef={lookupRef}
              apiRef={lookupApi}
              onSelect={select}
              onForwardKey={(key) => setDraft((d) => choiceKey(d, typedKey(key)) ?? d)}
            />
            <StatusLine status={status} />
          </section>

          {!subject && (
            <section className="panel be-idle" data-testid="entry-idle">
              <div className="be-idle-title">{t.idle}</div>
              <div className="muted">{t.idleKeys}</div>
            </section>
          )}
          {subject && (
            <section
              ref={panelRef}
              tabIndex={0}
              className={`panel be-ballot${panelFocused ? ' is-focused' : ''}`}
              data-testid="entry-ballot"
              data-subject-id={subject.id}
              data-code={subject.code}
              aria-label={`${t.code} ${subject.code} ${subject.addresses}`}
              onKeyDown={onPanelKey}
              onFocus={(e) => { if (e.target === e.currentTarget) setPanelFocused(true); }}
              onBlur={(e) => { if (e.target === e.currentTarget) setPanelFocused(false); }}
              onClick={(e) => {
                const target = e.target as HTMLElement;
                if (!target.closest('input, textarea, button, .ant-switch, .ant-select')) panelRef.current?.focus();
              }}
            >
              <SubjectCard subject={subject} />
              {second && check.entered.has(subject.id) && (
                <Alert type="info" showIcon className="be-existing" data-testid="entry-check-again" title={t.checkAgain} />
              )}
              {!second && subject.ballot && !conflict && (
                <Alert
                  type={closed ? 'info' : 'warning'}
                  showIcon
                  className="be-existing"
                  data-testid="entry-existing"
                  title={`${t.hasBallot(subject.ballot.enteredBy, formatDateTime(subject.ballot.enteredAt), subject.ballot.channel)}${closed ? '' : t.hasBallotOpen}`}
                  description={<span className="be-existing-line">{t.existingChoices}：<ChoicesLine items={items} ballot={subject.ballot} /></span>}
                  action={
                    <Button size="small" onClick={() => setCorrecting({ subject, ballot: subject.ballot! })} data-testid="entry-existing-correct">
                      {closed ? t.correctAmend : t.correct}
                    </Button>
                  }
                />
              )}
              {!closed && (conflict ? (
                <ConflictPanel
                  items={items}
                  existing={conflict}
                  draft={draft}
                  busy={busy}
                  errors={errors}
                  onReplace={(reason) => void replace(reason)}
                  onDiscard={() => {
                    setStatus({ tone: 'info', text: t.statusDiscarded(subject.addresses) });
                    reset();
                  }}
                />
              ) : (
                <>
                  <div className="be-ballot-status">
                    <span data-testid="entry-progress">{t.progress(done, items.length)}</span>
                    <span className="be-focus-hint">{panelFocused ? t.panelHint : t.panelFocusHint}</span>
                  </div>
                  <ChoiceList items={items} draft={draft} onChange={setDraft} large dimmed={draft.invalid} testId="entry-items" />
                  <BallotToggles
                    draft={draft}
                    onChange={setDraft}
                    refs={refs}
                    onSave={() => void save()}
                    onBack={() => setFocus('panel')}
                    showKeys
                    testPrefix="entry"
                  />
                  <FormError messages={errors} />
                  <div className="be-actions">
                    <Button type="primary" size="large" loading={busy} onClick={() => void save()} data-testid="entry-save">
                      {t.save}<kbd className="be-kbd-inverse">{t.saveKey}</kbd>
                    </Button>
                    <Button size="large" disabled={busy} onClick={reset} data-testid="entry-cancel">{t.cancel}<kbd>Esc</kbd></Button>
                    <span className="be-channel-note muted">{t.channel}：{channel}</span>
                  </div>
                </>
              ))}
            </section>
          )}
        </div>

        <aside className="be-side">
          <section className="panel be-count" data-testid="entry-count" data-returned={counts.returned} data-subjects={counts.subjects}>
            <div className="be-count-label">{t.returned}</div>
            <div className="be-count-value num">{t.returnedOf(formatCount(counts.returned), formatCount(counts.subjects))}</div>
            <Progress percent={percent} showInfo={false} size="small" />
            <div className="be-count-unit muted">{t.returnedUnit}</div>
          </section>
          {second && (
            <section className="panel be-count be-check-count" data-testid="entry-check-count" data-differences={check.differences} data-entered={check.entered.size}>
              <div className="be-count-label">{t.checkCountLabel}</div>
              <div className="muted" data-testid="entry-check-entered">{t.checkEntered(formatCount(check.entered.size))}</div>
              <div className="be-count-label be-check-diff-label">{t.checkDifferences}</div>
              <div className="be-count-value num" data-testid="entry-check-differences">{formatCount(check.differences)}</div>
              <div className="be-count-unit muted">{t.checkDifferencesUnit}</div>
            </section>
          )}
          <section className="panel be-legend" data-testid="entry-legend">
            <h3 className="section-heading">{t.legendTitle}</h3>
            <dl className="be-legend-list">
              {t.legend.map(([key, what]) => (
                <div key={key} className="be-legend-row"><dt><kbd>{key}</kbd></dt><dd>{what}</dd></div>
              ))}
            </dl>
          </section>
          <section className="panel be-recent" data-testid="entry-recent">
            <h3 className="section-heading">{t.recentTitle}</h3>
            {recent.length === 0 && <div className="muted">{t.recentEmpty}</div>}
            <ul className="be-recent-list">
              {recent.map((entry) => (
                <li
                  key={entry.ballot.id}
                  className={`be-recent-item${entry.kind === 'checked' ? ' is-checked' : ''}`}
                  data-testid="entry-recent-item"
                  data-code={entry.subject.code}
                  data-ballot-id={entry.ballot.id}
                  data-kind={entry.kind}
                  data-match={entry.match ?? ''}
                >
                  <div className="be-recent-head">
                    <span className="num strong">{entry.subject.code}</span>
                    <span className="be-recent-addr">{entry.subject.addresses}</span>
                    {entry.kind === 'replaced' && <Tag className="tight-tag" color="orange">{t.replacedTag}</Tag>}
                    {entry.kind === 'corrected' && <Tag className="tight-tag" color="orange">{t.corrected}</Tag>}
                    {entry.match && (
                      <Tag className="tight-tag" color={entry.match === 'same' ? 'green' : 'red'} data-testid="entry-recent-match">
                        {entry.match === 'same' ? t.matchSame : entry.match === 'differs' ? t.matchDiffers : t.matchNoFirst}
                      </Tag>
                    )}
                    {entry.kind !== 'checked' && (
                      <Button
                        size="small"
                        type="link"
                        className="be-recent-correct"
                        onClick={() => setCorrecting({ subject: entry.subject, ballot: entry.ballot })}
                        data-testid="entry-recent-correct"
                      >
                        {closed ? t.correctAmend : t.correct}
                      </Button>
                    )}
                  </div>
                  <ChoicesLine items={itemsOf(vote, entry.subject)} ballot={entry.ballot} />
                  {entry.ballot.proxyHolder && <div className="muted be-recent-proxy">{t.proxyToggle}：{entry.ballot.proxyHolder}</div>}
                </li>
              ))}
            </ul>
            <div className="be-recent-note muted">{second ? t.checkRecentNote : t.recentNote}</div>
          </section>
        </aside>
      </div>

      <CorrectionModal vote={vote} target={correcting} onClose={() => { setCorrecting(null); setFocus(subject ? 'panel' : 'lookup'); }} onDone={corrected} />
    </div>
  );
}

function SubjectCard({ subject }: { subject: Subject }) {
  return (
    <div className="be-subject" data-testid="entry-subject">
      <div className="be-subject-code">
        <span className="be-subject-code-label">{t.code}</span>
        <span className="num" data-testid="entry-subject-code">{subject.code}</span>
      </div>
      <dl className="be-subject-facts">
        <div><dt>{t.addresses}</dt><dd className="strong" data-testid="entry-subject-addresses">{subject.addresses}</dd></div>
        <div>
          <dt>{t.owners}</dt>
          <dd data-testid="entry-subject-owners">
            {subject.label}
            {t.kinds[subject.kind] && <Tag className="tight-tag be-kind-tag">{t.kinds[subject.kind]}</Tag>}
          </dd>
        </div>
        <div><dt>{t.area}</dt><dd className="num">{groupedArea(subject.area)}</dd></div>
      </dl>
    </div>
  );
}

/** One fixed line under the lookup: the last save, replaced by the next; a failure in red with main's words. */
function StatusLine({ status }: { status: Status | null }) {
  return (
    <div
      className={`be-status${status ? ` is-${status.tone}` : ''}`}
      data-testid="entry-status"
      data-tone={status?.tone ?? ''}
      role={status?.tone === 'error' ? 'alert' : 'status'}
      aria-live="polite"
    >
      {status ? (
        <>
          <span className="be-status-text" data-testid="entry-status-text">{status.text}</span>
          {status.detail && <span className="be-status-detail">：{status.detail}</span>}
          {status.match && (
            <Tag className="tight-tag be-status-match" color={status.match === 'same' ? 'green' : 'red'} data-testid="entry-status-match">
              {status.match === 'same' ? t.matchSame : status.match === 'differs' ? t.matchDiffers : t.matchNoFirst}
            </Tag>
          )}
        </>
      ) : <span className="muted">{t.statusIdle}</span>}
    </div>
  );
}
