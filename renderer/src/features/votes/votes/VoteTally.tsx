/**
 * The live tally of a vote: the ballots issued / returned / not returned,
 * then per item a card with participation and approval — each comparison in
 * main's own words (`3 × 8,000.00 ≥ 2 × 12,000.00`) with ✓/✗, the
 * percentages, yes/no/abstain counts and areas — and the outcome.
 */
import { Tag } from 'antd';
import { formatCount, groupedArea } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { OutcomeTag, outcomeOf, type ItemTally, type VoteTally } from './voteShared';

const t = zhCN.votes;

export function BallotCounts({ tally }: { tally: VoteTally }) {
  const { subjects, returned, valid, invalid } = tally.ballots;
  const figures = [
    { key: 'issued', label: t.issued, value: subjects },
    { key: 'returned', label: t.returned, value: returned },
    { key: 'not-returned', label: t.notReturned, value: Math.max(0, subjects - returned) },
    { key: 'valid', label: t.valid, value: valid },
    { key: 'invalid', label: t.invalid, value: invalid },
  ];
  return (
    <div className="vote-ballot-counts" data-testid="vote-ballot-counts">
      {figures.map((f) => (
        <div key={f.key} className="summary-figure" data-testid={`ballots-${f.key}`} data-value={f.value}>
          <div className="summary-label">{f.label}</div>
          <div className="summary-value">{t.sheets(formatCount(f.value))}</div>
        </div>
      ))}
    </div>
  );
}

function Comparison({ label, text, met, testId }: { label: string; text: string; met: boolean; testId: string }) {
  return (
    <div className={`vote-comparison ${met ? 'met' : 'unmet'}`} data-testid={testId} data-met={met ? 'true' : 'false'}>
      <span className="vote-comparison-mark" aria-label={met ? '✓' : '✗'}>{met ? '✓' : '✗'}</span>
      <span className="vote-comparison-label">{label}</span>
      <span className="vote-comparison-text mono" data-testid={`${testId}-text`}>{text}</span>
    </div>
  );
}

function ItemCard({ item, index, open }: { item: ItemTally; index: number; open: boolean }) {
  const outcome = outcomeOf(item);
  const c = item.comparisons;
  return (
    <div className={`vote-tally-card outcome-${outcome}`} data-testid="tally-item" data-item-id={item.itemId} data-outcome={outcome}>
      <div className="vote-tally-head">
        <span className="vote-tally-title">{index + 1}. {item.title}</span>
        <span className="vote-tally-outcome">
          {open && <span className="muted">{t.outcomeSoFar}</span>}
          <OutcomeTag outcome={outcome} testId="tally-outcome" />
        </span>
      </div>
      <div className="vote-tally-meta">
        <Tag className="tight-tag">{t.categoryLabel(item.category, item.categoryName)}</Tag>
        <Tag className="tight-tag" color={item.threshold === 'three-quarters' ? 'volcano' : 'blue'}>{t.threshold[item.threshold]}</Tag>
        <span className="muted">{t.scope}：{item.scopeLabel}</span>
        <span className="muted" data-testid="tally-electorate">
          {t.electorate}：{t.persons(formatCount(item.electorate.count))}，{t.area(groupedArea(item.electorate.area))}
        </span>
      </div>
      <table className="vote-tally-table">
        <thead>
          <tr><th /><th className="right">{t.byCount}</th><th className="right">{t.byArea}</th><th className="right">{t.ofElectorate} / {t.ofParticipants}</th></tr>
        </thead>
        <tbody>
          <tr data-testid="tally-participants">
            <th>{t.participation}</th>
            <td className="num">{t.persons(formatCount(item.participants.count))}</td>
            <td className="num">{t.area(groupedArea(item.participants.area))}</td>
            <td className="num" data-testid="tally-participation-percent">
              {t.byCount} {item.percents.participationCount}　{t.byArea} {item.percents.participationArea}
            </td>
          </tr>
          <tr data-testid="tally-yes">
            <th>{t.yes}</th>
            <td className="num">{t.persons(formatCount(item.yes.count))}</td>
            <td className="num">{t.area(groupedArea(item.yes.area))}</td>
            <td className="num" data-testid="tally-yes-percent">{t.byCount} {item.percents.yesCount}　{t.byArea} {item.percents.yesArea}</td>
          </tr>
          <tr data-testid="tally-no">
            <th>{t.no}</th>
            <td className="num">{t.persons(formatCount(item.no.count))}</td>
            <td className="num">{t.area(groupedArea(item.no.area))}</td>
            <td />
          </tr>
          <tr data-testid="tally-abstain">
            <th>{t.abstain}</th>
            <td className="num">{t.persons(formatCount(item.abstain.count))}</td>
            <td className="num">{t.area(groupedArea(item.abstain.area))}</td>
            <td />
          </tr>
        </tbody>
      </table>
      <div className="vote-comparisons">
        <div className="vote-comparison-group">
          <div className="vote-comparison-rule">{t.participationRule}</div>
          <Comparison label={t.byArea} text={c.participationArea.text} met={c.participationArea.met} testId="cmp-participation-area" />
          <Comparison label={t.byCount} text={c.participationCount.text} met={c.participationCount.met} testId="cmp-participation-count" />
        </div>
        <div className="vote-comparison-group">
          <div className="vote-comparison-rule">{t.approvalRule[item.threshold]}</div>
          <Comparison label={t.byArea} text={c.approvalArea.text} met={c.approvalArea.met} testId="cmp-approval-area" />
          <Comparison label={t.byCount} text={c.approvalCount.text} met={c.approvalCount.met} testId="cmp-approval-count" />
        </div>
      </div>
    </div>
  );
}

export function TallyCards({ tally }: { tally: VoteTally }) {
  if (tally.items.length === 0) return <div className="muted">{t.noItems}</div>;
  return (
    <div className="vote-tally-cards" data-testid="tally-items">
      {tally.items.map((item, i) => <ItemCard key={item.itemId} item={item} index={i} open={tally.status === 'open'} />)}
    </div>
  );
}
