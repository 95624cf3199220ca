/**
 * 表决结果公告 in the official-notice layout: the vote, its window and the
 * ballots; for each item its electorate, participation and yes/no/abstain
 * with the percentages, the comparisons as main states them, its legal basis
 * and the outcome; the counting settings used. Then, as an annex on its own
 * pages, each part with its choices — address and area only, never names.
 * Issued by the community's owners' assembly and committee, dated on the
 * posting date (or today). An open vote shows a note instead.
 */
import type { ReactNode } from 'react';
import { Alert, Spin } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { formatCount, groupedArea, todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { OfficialNotice } from '../../print/OfficialNotice';
import { PrintTableHead } from '../../print/PrintTableHead';
import { outcomeOf, settingsSentences, type ItemTally, type VoteDetail, type VoteTally } from './voteShared';

const t = zhCN.votes;

/** 2026-05-03 → 2026年5月3日 */
function dayText(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

type ResultRows = Awaited<ReturnType<typeof loadParts>>;
function loadParts(id: string) {
  return invoke('vote.resultParts', { id });
}

export function VoteResultPrint({ voteId }: { voteId: string }) {
  const loaded = useAsync(async () => {
    const [vote, tally] = await Promise.all([invoke('vote.get', { id: voteId }), invoke('vote.tally', { id: voteId })]);
    const parts = vote.status === 'closed' ? await loadParts(voteId) : null;
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

  return (
    <div className="vote-result-view">
      <OfficialNotice
        testId="vote-result-print"
        title={title}
        addressee={t.resultAddressee}
        paragraphs={data && ready ? introParagraphs(data.vote) : []}
        issuers={vote ? [t.resultIssuerAssembly(vote.communityName), t.resultIssuerCommittee(vote.communityName)] : []}
        date={vote?.postedDate ?? todayDate()}
        ready={ready}
        notice={ready ? undefined : notice}
        onBack={back}
      >
        {data && ready && <NoticeBody vote={data.vote} tally={data.tally} />}
      </OfficialNotice>
      {data && ready && data.parts && <Annex vote={data.vote} rows={data.parts.rows} />}
    </div>
  );
}

function introParagraphs(vote: VoteDetail): string[] {
  return [
    t.resultIntro(vote.communityName, vote.meetingForm ?? t.formWritten, vote.title, dayText(vote.opens), dayText(vote.closes)),
    t.resultBallots(vote.subjects, vote.ballots.returned, vote.ballots.valid, vote.ballots.invalid),
  ];
}

function NoticeBody({ vote, tally }: { vote: VoteDetail; tally: VoteTally }) {
  return (
    <>
      {tally.items.map((item, i) => <ItemSection key={item.itemId} item={item} ordinal={t.ordinals[i] ?? String(i + 1)} />)}
      <p className="vote-result-subhead">{t.resultSettingsHead}</p>
      {settingsSentences(tally.settings ?? vote.settings).map((s) => <p key={s} data-testid="result-setting">{s}</p>)}
      <p>{t.resultAnnexNote}</p>
    </>
  );
}

function ItemSection({ item, ordinal }: { item: ItemTally; ordinal: string }) {
  const outcome = outcomeOf(item);
  const c = item.comparisons;
  const n = (x: number) => formatCount(x);
  const a = (x: string) => groupedArea(x);
  return (
    <div className="vote-result-item" data-testid="result-item" data-outcome={outcome}>
      <p className="vote-result-subhead">{t.resultItemHead(ordinal, item.title)}</p>
      <p>{t.resultItemCategory(t.categoryLabel(item.category, item.categoryName), item.scopeLabel)}</p>
      <p>{t.resultElectorate(n(item.electorate.count), a(item.electorate.area))}</p>
      <p>{t.resultParticipation(n(item.participants.count), item.percents.participationCount, a(item.participants.area), item.percents.participationArea)}</p>
      <p>{t.resultYes(n(item.yes.count), item.percents.yesCount, a(item.yes.area), item.percents.yesArea)}</p>
      <p>{t.resultNoAbstain(n(item.no.count), a(item.no.area), n(item.abstain.count), a(item.abstain.area))}</p>
      <p>{t.resultComparisons}</p>
      <ul className="vote-result-comparisons" data-testid="result-comparisons">
        <li>{t.resultComparisonLine(t.cmpParticipationArea, c.participationArea.text, c.participationArea.met)}</li>
        <li>{t.resultComparisonLine(t.cmpParticipationCount, c.participationCount.text, c.participationCount.met)}</li>
        <li>{t.resultComparisonLine(t.cmpApprovalArea, c.approvalArea.text, c.approvalArea.met)}</li>
        <li>{t.resultComparisonLine(t.cmpApprovalCount, c.approvalCount.text, c.approvalCount.met)}</li>
      </ul>
      <p data-testid="result-basis">{t.resultBasis(item.legalBasis)}</p>
      <p className="vote-result-outcome" data-testid="result-outcome">{t.resultOutcome(t.resultOutcomeText[outcome])}</p>
    </div>
  );
}

function Annex({ vote, rows }: { vote: VoteDetail; rows: ResultRows['rows'] }) {
  const itemWidth = vote.items.length > 0 ? Math.min(12, Math.floor(56 / vote.items.length)) : 0;
  const columns = [
    { label: t.resultColNo, width: 8 },
    { label: t.resultColAddress, width: 100 - 8 - 16 - itemWidth * vote.items.length },
    { label: t.resultColArea, width: 16 },
    ...vote.items.map((_, i) => ({ label: t.resultColItem(i + 1), width: itemWidth })),
  ];
  return (
    <article className="print-document portrait vote-result-annex" data-testid="vote-result-annex">
      <h2 className="vote-result-annex-title">{t.resultAnnexTitle}</h2>
      <p className="vote-result-annex-legend">{t.resultAnnexLegend}</p>
      <table className="print-table" data-testid="result-parts">
        <PrintTableHead columns={columns} />
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.address}-${i}`} data-testid="result-part">
              <td className="center">{i + 1}</td>
              <td>{r.address}</td>
              <td className="num">{groupedArea(r.area)}</td>
              {r.choices.map((choice, j) => <td key={j} className="center">{t.choice[choice] ?? choice}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
