/**
 * 表决结果公告 in the official-notice layout, in the words residents read:
 * the vote, its window and the ballots; for each item its electorate, who
 * took part and who approved, each threshold as a percentage followed by
 * 达到 / 未达到 and the fraction in words (shared/domain/tally-words.ts; the
 * decision is main's exact integer check, never the rounded percentage), its
 * legal basis and the outcome; the counting settings; the 公示期 — from the
 * posting date recorded on the vote page, or from today (what that page
 * prefills) before it is recorded, for DEFAULT_POSTING_DAYS days. Then two
 * annexes on their own pages: 计票核对, the integer checks with the totals for
 * auditors, and each part with its choices — address and area only, never
 * names. An open vote shows a note instead.
 */
import type { ReactNode } from 'react';
import { Alert, Spin } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { addDays } from '../../../../../shared/domain/dates';
import { thresholdSentences } from '../../../../../shared/domain/tally-words';
import { DEFAULT_POSTING_DAYS } from '../../../../../shared/domain/workflow';
import { formatCount, groupedArea, todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { OfficialNotice } from '../../print/OfficialNotice';
import { CheckAnnex, PartsAnnex } from './VoteResultAnnexes';
import { outcomeOf, settingsSentences, type ItemTally, type VoteDetail, type VoteTally } from './voteShared';

const t = zhCN.votes;

/** 2026-05-03 → 2026年5月3日 */
function dayText(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** The 公示期: from the recorded posting date, else from today as the vote page prefills it. */
function postingPeriod(postedDate: string | null, today: string): { from: string; to: string } {
  const from = postedDate ?? today;
  return { from, to: addDays(from, DEFAULT_POSTING_DAYS) };
}

export function VoteResultPrint({ voteId }: { voteId: string }) {
  const loaded = useAsync(async () => {
    const [vote, tally] = await Promise.all([invoke('vote.get', { id: voteId }), invoke('vote.tally', { id: voteId })]);
    const parts = vote.status === 'closed' ? await invoke('vote.resultParts', { id: voteId }) : null;
    return { vote, tally, parts };
  }, [voteId]);
  const data = loaded.data;
  const vote = data?.vote;
  const back = () => {
    if (vote) navigate({ name: 'vote', communityId: vote.communityId, voteId });
    else window.history.back();
  };

  let notice: ReactNode = null;
  if (loaded.error !== null) notice = <Alert type="error" showIcon title={errorMessage(loaded.error)} />;
  else if (!data) notice = <div className="print-progress" data-testid="print-loading"><Spin /><div>{t.resultLoading}</div></div>;
  else if (data.vote.status === 'open') notice = <Alert type="warning" showIcon title={t.resultStillOpen} data-testid="result-still-open" />;

  const ready = notice === null && data !== undefined;
  const title = vote ? t.resultTitle(vote.title) : '';
  const posting = postingPeriod(vote?.postedDate ?? null, todayDate());

  return (
    <div className="vote-result-view">
      <OfficialNotice
        testId="vote-result-print"
        title={title}
        addressee={t.resultAddressee}
        paragraphs={data && ready ? introParagraphs(data.vote) : []}
        issuers={vote ? [t.resultIssuerAssembly(vote.communityName), t.resultIssuerCommittee(vote.communityName)] : []}
        date={posting.from}
        ready={ready}
        notice={ready ? undefined : notice}
        onBack={back}
      >
        {data && ready && <NoticeBody vote={data.vote} tally={data.tally} posting={posting} />}
      </OfficialNotice>
      {data && ready && <CheckAnnex tally={data.tally} />}
      {data && ready && data.parts && <PartsAnnex vote={data.vote} rows={data.parts.rows} />}
    </div>
  );
}

function introParagraphs(vote: VoteDetail): string[] {
  return [
    t.resultIntro(vote.communityName, vote.meetingForm ?? t.formWritten, vote.title, dayText(vote.opens), dayText(vote.closes)),
    t.resultBallots(vote.subjects, vote.ballots.returned, vote.ballots.valid, vote.ballots.invalid),
  ];
}

function NoticeBody({ vote, tally, posting }: { vote: VoteDetail; tally: VoteTally; posting: { from: string; to: string } }) {
  return (
    <>
      {tally.items.map((item, i) => <ItemSection key={item.itemId} item={item} ordinal={t.ordinals[i] ?? String(i + 1)} />)}
      <p className="vote-result-subhead">{t.resultSettingsHead}</p>
      {settingsSentences(tally.settings ?? vote.settings).map((s) => <p key={s} data-testid="result-setting">{s}</p>)}
      <p data-testid="result-posting">{t.resultPosting(dayText(posting.from), dayText(posting.to))}</p>
      <p>{t.resultAnnexNote}</p>
    </>
  );
}

function ItemSection({ item, ordinal }: { item: ItemTally; ordinal: string }) {
  const outcome = outcomeOf(item);
  const n = (x: number) => formatCount(x);
  const a = (x: string) => groupedArea(x);
  const words = thresholdSentences(item.comparisons, item.threshold);
  return (
    <div className="vote-result-item" data-testid="result-item" data-outcome={outcome}>
      <p className="vote-result-subhead">{t.resultItemHead(ordinal, item.title)}</p>
      <p>{t.resultItemCategory(t.categoryLabel(item.category, item.categoryName), item.scopeLabel)}</p>
      <p>{t.resultElectorate(n(item.electorate.count), a(item.electorate.area))}</p>
      <p>{t.resultParticipation(n(item.participants.count), a(item.participants.area))}{words.participation}</p>
      <p>{t.resultYes(n(item.yes.count), a(item.yes.area))}{words.approval}</p>
      <p>{t.resultNoAbstain(n(item.no.count), a(item.no.area), n(item.abstain.count), a(item.abstain.area))}</p>
      <p data-testid="result-basis">{t.resultBasis(item.legalBasis)}</p>
      <p className="vote-result-outcome" data-testid="result-outcome">{t.resultOutcome(t.resultOutcomeText[outcome])}</p>
    </div>
  );
}
