/**
 * The result notice's annexes, each on its own pages. 附件1 计票核对: for
 * auditors, each item's totals and its four checks exactly as main states
 * them (the integer cross-multiplications the decision rests on), which the
 * notice itself words as percentages. 附件2: each part with its choices —
 * address and area only, never names.
 */
import { FRACTION_WORDS } from '../../../../../shared/domain/tally-words';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { formatCount, groupedArea } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { PrintTableHead } from '../../print/PrintTableHead';
import type { ItemTally, VoteDetail, VoteTally } from './voteShared';

const t = zhCN.votes;

type ResultRows = MethodOutput<'vote.resultParts'>['rows'];

const CHECK_COLUMNS = [
  { label: t.checkColCondition, width: 34 },
  { label: t.checkColFormula, width: 52 },
  { label: t.checkColResult, width: 14 },
];

export function CheckAnnex({ tally }: { tally: VoteTally }) {
  return (
    <article className="print-document portrait vote-result-annex" data-testid="vote-result-check">
      <h2 className="vote-result-annex-title">{t.checkTitle}</h2>
      <p className="vote-result-annex-legend">{t.checkIntro}</p>
      {tally.items.map((item, i) => <ItemChecks key={item.itemId} item={item} ordinal={t.ordinals[i] ?? String(i + 1)} />)}
    </article>
  );
}

function ItemChecks({ item, ordinal }: { item: ItemTally; ordinal: string }) {
  const c = item.comparisons;
  const approval = FRACTION_WORDS[item.threshold];
  const rows: [string, string, { text: string; met: boolean }][] = [
    ['participation-area', `${t.cmpParticipationArea}（${FRACTION_WORDS.participation}）`, c.participationArea],
    ['participation-count', `${t.cmpParticipationCount}（${FRACTION_WORDS.participation}）`, c.participationCount],
    ['approval-area', `${t.cmpApprovalArea}（${approval}）`, c.approvalArea],
    ['approval-count', `${t.cmpApprovalCount}（${approval}）`, c.approvalCount],
  ];
  const n = (x: number) => formatCount(x);
  const a = (x: string) => groupedArea(x);
  return (
    <section className="vote-check-item" data-testid="check-item">
      <p className="vote-result-subhead">{t.resultItemHead(ordinal, item.title)}</p>
      <p className="vote-check-figures" data-testid="check-figures">
        {t.checkFigures(n(item.electorate.count), a(item.electorate.area), n(item.participants.count), a(item.participants.area), n(item.yes.count), a(item.yes.area))}
      </p>
      <table className="print-table vote-check-table">
        <PrintTableHead columns={CHECK_COLUMNS} />
        <tbody>
          {rows.map(([key, label, cmp]) => (
            <tr key={key} data-testid="check-row" data-check={key} data-met={cmp.met ? 'true' : 'false'}>
              <td>{label}</td>
              <td className="vote-check-formula">{cmp.text}</td>
              <td className="center">{t.checkMet(cmp.met)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function PartsAnnex({ vote, rows }: { vote: VoteDetail; rows: ResultRows }) {
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
