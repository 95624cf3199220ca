/**
 * 表决票: one paper ballot per voting subject, each on its own A4 page — the
 * vote's title, the community, the short code large and boxed (for entry),
 * the address(es), area and owner names, then the items that concern this
 * subject with 同意 / 反对 / 弃权 boxes, how to fill it in, and the lines for
 * the owner's signature and the date.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Progress, Spin } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { formatCount, groupedArea } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { PrintToolbar } from '../../print/PrintPage';
import type { SubjectRow, VoteDetail } from './voteShared';
import './votes.css';

const t = zhCN.votes;
/** Subjects asked for at a time, so that a big estate shows progress. */
const PAGE = 2000;

interface Loaded {
  vote: VoteDetail | null;
  rows: SubjectRow[];
  total: number | null;
  done: boolean;
  error: unknown;
}

function useBallotData(voteId: string): Loaded {
  const [state, setState] = useState<Loaded>({ vote: null, rows: [], total: null, done: false, error: null });
  useEffect(() => {
    let live = true;
    (async () => {
      const vote = await invoke('vote.get', { id: voteId });
      if (!live) return;
      setState((s) => ({ ...s, vote }));
      const rows: SubjectRow[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await invoke('vote.subjects', { voteId, state: 'all', search: '', offset, limit: PAGE });
        if (!live) return;
        rows.push(...page.rows);
        setState((s) => ({ ...s, total: page.total, rows: [...rows] }));
        if (page.rows.length === 0 || rows.length >= page.total) break;
      }
      setState({ vote, rows, total: rows.length, done: true, error: null });
    })().catch((e: unknown) => {
      if (live) setState((s) => ({ ...s, error: e }));
    });
    return () => { live = false; };
  }, [voteId]);
  return state;
}

export function BallotsPrint({ voteId }: { voteId: string }) {
  const data = useBallotData(voteId);
  const { vote } = data;
  const back = () => {
    if (vote) navigate({ name: 'vote', communityId: vote.communityId, voteId });
    else window.history.back();
  };
  const ready = data.done && vote !== null && data.rows.length > 0;

  let notice: ReactNode = null;
  if (data.error !== null) notice = <Alert type="error" showIcon title={errorMessage(data.error)} />;
  else if (!data.done) {
    notice = (
      <div className="print-progress" data-testid="print-loading">
        <Spin />
        <div>{data.total === null ? t.ballotsPreparing : t.ballotsLoading(formatCount(data.rows.length), formatCount(data.total))}</div>
        {data.total !== null && <Progress percent={data.total > 0 ? Math.floor((data.rows.length / data.total) * 100) : 0} showInfo={false} />}
      </div>
    );
  } else if (data.rows.length === 0) notice = <Alert type="warning" showIcon title={t.ballotsNone} data-testid="ballots-none" />;

  return (
    <div className="print-view portrait ballots-view">
      <PrintToolbar
        ready={ready}
        onBack={back}
        hint={ready ? t.ballotsCount(formatCount(data.rows.length)) : undefined}
        pdfName={vote ? t.ballotTitle(vote.title) : t.printBallots}
      />
      {notice
        ? <div className="print-notice no-print">{notice}</div>
        : vote && (
          <div className="ballot-sheets" data-testid="ballots-print" data-ready={ready ? 'true' : 'false'} data-count={data.rows.length}>
            {data.rows.map((row) => <Ballot key={row.id} vote={vote} subject={row} />)}
          </div>
        )}
    </div>
  );
}

function Ballot({ vote, subject }: { vote: VoteDetail; subject: SubjectRow }) {
  const areaByItem = new Map(subject.items.map((i) => [i.itemId, i.area]));
  const items = vote.items.filter((i) => areaByItem.has(i.id));
  return (
    <article className="print-document portrait ballot-sheet" data-testid="ballot" data-code={subject.code}>
      <header className="ballot-head">
        <div className="ballot-head-text">
          <h1 className="ballot-title">{t.ballotTitle(vote.title)}</h1>
          <div className="ballot-meta">
            <span>{t.ballotCommunity}：{vote.communityName}</span>
            <span>{t.ballotWindow}：{t.window(vote.opens, vote.closes)}</span>
          </div>
        </div>
        <div className="ballot-code-box" aria-label={t.ballotCode}>
          <div className="ballot-code-label">{t.ballotCode}</div>
          <div className="ballot-code" data-testid="ballot-code">{subject.code}</div>
          <div className="ballot-code-help">{t.ballotCodeHelp}</div>
        </div>
      </header>

      <table className="print-table ballot-info">
        <colgroup><col style={{ width: '18%' }} /><col /></colgroup>
        <tbody>
          <tr><th>{t.ballotAddress}</th><td data-testid="ballot-addresses">{subject.addresses}</td></tr>
          <tr><th>{t.ballotArea}</th><td className="ballot-area">{groupedArea(subject.area)}㎡</td></tr>
          <tr><th>{t.ballotOwners}</th><td data-testid="ballot-owners">{subject.label}</td></tr>
        </tbody>
      </table>

      <table className="print-table ballot-items">
        <colgroup>
          <col style={{ width: '8%' }} /><col /><col style={{ width: '11%' }} /><col style={{ width: '11%' }} /><col style={{ width: '11%' }} />
        </colgroup>
        <thead>
          <tr><th>{t.colNo}</th><th>{t.ballotItem}</th><th>{t.yes}</th><th>{t.no}</th><th>{t.abstain}</th></tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const n = vote.items.indexOf(item) + 1;
            const area = areaByItem.get(item.id) ?? subject.area;
            return (
              <tr key={item.id} data-testid="ballot-item">
                <td className="center">{n}</td>
                <td>
                  <div className="ballot-item-title">{item.title}</div>
                  <div className="ballot-item-note">
                    {t.categoryLabel(item.category, item.categoryName)}；{item.scopeLabel}
                    {area !== subject.area ? t.ballotAreaInScope(groupedArea(area)) : ''}
                  </div>
                </td>
                <td className="center"><span className="ballot-check" aria-label="□" /></td>
                <td className="center"><span className="ballot-check" aria-label="□" /></td>
                <td className="center"><span className="ballot-check" aria-label="□" /></td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <p className="ballot-howto">{t.ballotHowTo(t.ballotBlankRule[vote.settings.blankRule])}</p>
      <p className="ballot-howto">{t.ballotReturn(vote.closes)}</p>

      <div className="ballot-sign">
        <span>{t.ballotSign}：<span className="ballot-line wide" /></span>
        <span>{t.ballotDate}：<span className="ballot-date">{t.ballotDateBlank}</span></span>
      </div>
    </article>
  );
}
