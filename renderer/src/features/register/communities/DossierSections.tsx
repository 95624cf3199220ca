/**
 * The sections of 一小区一档 (DossierPrint.tsx), in DOSSIER_SECTIONS' order, each starting on a new page with its
 * number and name; a section with no records says 暂无记录. The tables use the print views' classes
 * (styles.css "print views"), so the dossier looks like every other printout.
 */
import type { ReactNode } from 'react';
import { DOSSIER_SECTIONS, type Dossier, type DossierSection } from '../../../../../shared/contract/dossier';
import { groupedArea } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { PrintTableHead } from '../../print/PrintTableHead';
import { FactsTable, yuan } from '../../treasury/prints/printShared';

const t = zhCN.dossier;

export function DossierSections({ d }: { d: Dossier }) {
  const body: Record<DossierSection, ReactNode> = {
    组织: d.bodies.length > 0 && <Bodies d={d} />,
    会议与纪要: d.meetings.length > 0 && <Meetings d={d} />,
    议事事项: d.matters.length > 0 && <Matters d={d} />,
    表决结果: d.votes.length > 0 && <Votes d={d} />,
    维修资金: <Fund d={d} />,
    物业服务合同: d.contracts.length > 0 && <Contracts d={d} />,
    问题台账: d.issues.length > 0 && <Issues d={d} />,
  };
  return (
    <>
      {DOSSIER_SECTIONS.map((s, i) => (
        <section key={s} className="dossier-section" data-testid="dossier-section" data-section={s}>
          <h2 className="dossier-section-heading">{t.sectionNo(i)}{s}</h2>
          {d.copy?.notHeld[s] && <p className="dossier-not-held" data-testid="dossier-not-held">{t.notHeld(d.copy.notHeld[s])}</p>}
          {body[s] || <p className="dossier-none" data-testid="dossier-none">{t.none}</p>}
        </section>
      ))}
    </>
  );
}

function Bodies({ d }: { d: Dossier }) {
  return d.bodies.map((b, i) => (
    <div key={i} className="dossier-block">
      <div className="dossier-block-title">{b.kind}<span className="dossier-block-sub">{t.bodyLine(b.electedOn, b.termYears, b.termEnd, b.current)}</span></div>
      {b.members.length === 0 ? <p className="dossier-none">{t.noMembers}</p> : (
        <table className="print-table dossier-table">
          <PrintTableHead columns={[{ label: t.no, width: 12 }, { label: t.memberName, width: 44 }, { label: t.memberRole, width: 44 }]} />
          <tbody>
            {b.members.map((m, j) => (
              <tr key={j}><td className="center">{j + 1}</td><td className="center">{m.name}</td><td className="center">{m.role}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  ));
}

function Meetings({ d }: { d: Dossier }) {
  const withMinutes = d.meetings.filter((m) => m.minutes !== null);
  return (
    <>
      <table className="print-table dossier-table" data-testid="dossier-meetings">
        <PrintTableHead columns={[
          { label: t.date, width: 13 }, { label: t.kind, width: 12 }, { label: t.meeting, width: 31 }, { label: t.state, width: 9 },
          { label: t.attendance, width: 21 }, { label: t.minutes, width: 14 },
        ]}
        />
        <tbody>
          {d.meetings.map((m, i) => (
            <tr key={i}>
              <td className="center">{m.date}</td><td className="center">{m.kind}</td><td>{m.title}</td>
              <td className="center">{m.held ? t.held : t.planned}</td><td className="center">{m.ballots ? t.ballotsOf(m.ballots.returned, m.ballots.subjects) : t.attendanceOf(m.present, m.listed)}</td>
              <td className="center">{m.minutes ? t.minutesFinal(m.minutes.version) : t.minutesNone}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {withMinutes.length > 0 && <div className="dossier-block-title dossier-minutes-heading">{t.minutesHeading}</div>}
      {withMinutes.map((m, i) => (
        <div key={i} className="dossier-minutes" data-testid="dossier-minutes">
          <div className="dossier-minutes-title">{t.minutesOf(m.date, m.title, m.minutes!.version)}</div>
          <div className="dossier-minutes-text">{m.minutes!.text}</div>
        </div>
      ))}
    </>
  );
}

function Matters({ d }: { d: Dossier }) {
  return d.matters.map((m, i) => (
    <div key={i} className="dossier-block">
      <div className="dossier-block-title">{m.title}<span className="dossier-block-sub">{t.matterLine(m.category, m.raisedOn, m.done)}</span></div>
      <table className="print-table dossier-table">
        <PrintTableHead columns={[{ label: t.step, width: 28 }, { label: t.state, width: 16 }, { label: t.date, width: 14 }, { label: t.evidence, width: 42 }]} />
        <tbody>
          {m.steps.map((s, j) => (
            <tr key={j} className={s.state === 'waiting' ? 'dossier-waiting' : undefined}>
              <td>{s.name}</td><td className="center">{t.stepState[s.state]}</td><td className="center">{s.date ?? ''}</td><td>{s.evidence}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {m.attachments.length > 0 && <p className="print-note">{t.attachments(m.attachments.join('、'))}</p>}
    </div>
  ));
}

function Votes({ d }: { d: Dossier }) {
  const cell = (x: { count: number; area: string }) => t.countArea(x.count, groupedArea(x.area));
  return (
    <>
      {d.votes.map((v, i) => (
        <div key={i} className="dossier-block">
          <div className="dossier-block-title">{v.title}<span className="dossier-block-sub">{t.voteLine(v.opens, v.closes, v.closed, v.returned, v.valid)}</span></div>
          <table className="print-table dossier-table dossier-votes">
            <PrintTableHead columns={[
              { label: t.item, width: 25 }, { label: t.electorate, width: 13 }, { label: t.participants, width: 13 }, { label: t.yes, width: 13 },
              { label: t.no2, width: 12 }, { label: t.abstain, width: 12 }, { label: t.outcome, width: 12 },
            ]}
            />
            <tbody>
              {v.items.map((item, j) => (
                <tr key={j} data-testid="dossier-vote-item">
                  <td>{item.title}<div className="dossier-cell-sub">{item.categoryName}（{item.scopeLabel}）</div></td>
                  <td className="center">{cell(item.electorate)}</td><td className="center">{cell(item.participants)}</td>
                  <td className="center">{cell(item.yes)}</td><td className="center">{cell(item.no)}</td><td className="center">{cell(item.abstain)}</td>
                  <td className="center">{item.passed ? t.passed : t.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <p className="print-note">{t.voteNote}</p>
    </>
  );
}

function Fund({ d }: { d: Dossier }) {
  const f = d.fund;
  return (
    <FactsTable
      testId="dossier-fund"
      rows={[
        [t.fund, yuan(f.fund)], [t.households, yuan(f.households)], [t.bank, yuan(f.bank)],
        [t.householdCount, t.households2(f.householdCount)], [t.belowTopUp, t.households2(f.belowTopUp)],
        [t.repairs, t.repairsText(f.repairs.projects, yuan(f.repairs.paid), yuan(f.repairs.charged))],
        [t.revenue, t.revenueText(yuan(f.revenue.income), yuan(f.revenue.cost), yuan(f.revenue.net), yuan(f.revenue.transferred))],
      ]}
    />
  );
}

function Contracts({ d }: { d: Dossier }) {
  // A block per contract: its state is a sentence with dates, too long for a table's column.
  return d.contracts.map((k, i) => (
    <div key={i} className="dossier-block" data-testid="dossier-contract">
      <div className="dossier-block-title">{k.companyName}<span className="dossier-block-sub">{k.kind}</span></div>
      <table className="print-table dossier-table">
        <PrintTableHead columns={[
          { label: t.term, width: 26 }, { label: t.noticeBy, width: 18 }, { label: t.renewalFrom, width: 18 }, { label: t.evaluations, width: 38 },
        ]}
        />
        <tbody>
          <tr>
            <td className="center">{k.startDate} 至 {k.endDate}</td><td className="center">{k.nonRenewalNoticeBy}</td>
            <td className="center">{k.renewalPreparationFrom ?? '—'}</td>
            <td className="center">
              {k.evaluations.length === 0 ? t.noEvaluation : k.evaluations.map((e) => <div key={e.quarter}>{t.evaluation(t.quarter(e.quarter), e.score, e.band)}</div>)}
            </td>
          </tr>
        </tbody>
      </table>
      <p className="print-note">{t.contractState}：{k.state}</p>
    </div>
  ));
}

function Issues({ d }: { d: Dossier }) {
  const shown = (at: string | null) => (at ?? '').replace('T', ' ');
  return (
    <>
      <table className="print-table dossier-table" data-testid="dossier-issues">
        <PrintTableHead columns={[
          { label: t.issueNo, width: 7 }, { label: t.reportedAt, width: 15 }, { label: t.category, width: 10 }, { label: t.issueTitle, width: 25 },
          { label: t.status, width: 9 }, { label: t.level, width: 7 }, { label: t.due, width: 12 }, { label: t.closedAt, width: 15 },
        ]}
        />
        <tbody>
          {d.issues.map((i) => (
            <tr key={i.number}>
              <td className="center">{i.number}</td><td className="center">{shown(i.reportedAt)}</td><td className="center">{i.category}</td><td>{i.title}</td>
              <td className="center">{i.status}</td><td className="center">{i.level}</td><td className="center">{i.resolutionDue ?? ''}</td>
              <td className="center">{shown(i.closedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="print-note">{t.issueNote}</p>
    </>
  );
}
