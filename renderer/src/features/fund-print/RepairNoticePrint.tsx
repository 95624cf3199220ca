/**
 * 住宅专项维修资金使用公示, before the works and after them. Before: the
 * project, its scope, how it was approved (the owners' vote on Art. 278 item
 * 5, or the emergency path with the committee's review and the street's
 * confirmation), the estimate, and each part's estimated share
 * (repair.previewCharge with the estimate as the final cost). After: the
 * final cost, the audit note, the payments, and each part's share as charged
 * (repair.get's charge). The method (按面积 / 均摊) is stated and the total
 * printed is the sum of the shares.
 */
import type { ReactNode } from 'react';
import { Alert } from 'antd';
import { invoke } from '../../api/client';
import { useAsync } from '../../api/useAsync';
import { groupedArea, todayDate } from '../../format';
import { navigate } from '../../router';
import { PrintPage } from '../print/PrintPage';
import { PrintTableHead } from '../print/PrintTableHead';
import { FactsTable, Issuer, Offices, capitals, dayText, fenOf, loadCommunity, loadNotice, money, t, yuan } from './fundPrintShared';

type Project = Awaited<ReturnType<typeof loadProject>>;
// The shares alone (the preview's warnings are the charge screen's, not the notice's).
type Apportionment = Pick<Awaited<ReturnType<typeof loadPreview>>, 'total' | 'basis' | 'method' | 'totalWeight' | 'shares'>;
function loadProject(id: string) {
  return invoke('repair.get', { id });
}
function loadPreview(projectId: string, estimate: string) {
  return invoke('repair.previewCharge', { projectId, finalCost: estimate });
}

export function RepairNoticePrint({ projectId, stage }: { projectId: string; stage: 'before' | 'after' }) {
  const loaded = useAsync(async () => {
    const project = await loadProject(projectId);
    const [community, shares] = await Promise.all([
      loadCommunity(project.communityId),
      stage === 'before' ? loadPreview(projectId, project.estimate) : Promise.resolve(project.charge),
    ]);
    return { project, community, shares };
  }, [projectId, stage]);
  const data = loaded.data;
  const back = () => {
    if (data) navigate({ name: 'repair', communityId: data.project.communityId, projectId });
    else window.history.back();
  };

  let notice: ReactNode = loadNotice(loaded.error, data !== undefined);
  if (!notice && data && stage === 'after' && !data.shares) notice = <Alert type="warning" showIcon title={t.repairNotCharged} data-testid="repair-not-charged" />;
  const ready = notice === null && data !== undefined;
  const date = data ? (stage === 'before' ? data.project.noticeDate : data.project.charge?.date) ?? todayDate() : todayDate();

  return (
    <PrintPage
      testId="repair-notice-print"
      title={stage === 'before' ? t.repairTitleBefore : t.repairTitleAfter}
      subtitle={data ? t.repairSubtitle(data.project.title) : undefined}
      meta={<Offices community={data?.community} />}
      ready={ready}
      notice={notice ?? undefined}
      onBack={back}
    >
      {data && ready && data.shares && (
        <>
          <p className="fund-print-addressee">{t.repairAddressee(data.community.name)}</p>
          <ProjectFacts project={data.project} stage={stage} />
          {stage === 'after' && <Payments project={data.project} />}
          <Shares shares={data.shares} stage={stage} />
          <p className="fund-print-p">{t.repairObjection}</p>
          <Issuer community={data.community.name} date={dayText(date)} />
        </>
      )}
    </PrintPage>
  );
}

function approvalText(p: Project): string {
  if (p.approval === 'vote') return t.repairApprovalVote(p.voteTitle ?? '');
  return t.repairApprovalEmergency(p.emergencyNote, p.emergencyReviewDate ? dayText(p.emergencyReviewDate) : '', p.emergencyStreetDate ? dayText(p.emergencyStreetDate) : '');
}

const withCapitals = (amount: string) => t.withCapitals(yuan(amount), capitals(amount));

function ProjectFacts({ project: p, stage }: { project: Project; stage: 'before' | 'after' }) {
  const rows: [string, ReactNode][] = [
    [t.repairProject, p.title],
    [t.repairScope, t.repairScopeParts(p.scopeLabel, p.parts)],
    ...(p.contractor ? [[t.repairContractor, p.contractor] as [string, ReactNode]] : []),
    [t.repairApproval, approvalText(p)],
    [t.repairEstimate, withCapitals(p.estimate)],
  ];
  if (stage === 'after' && p.finalCost !== null) {
    rows.push([t.repairFinal, <span key="final" data-testid="repair-final">{withCapitals(p.finalCost)}</span>]);
    rows.push([t.repairAudit, p.auditNote || (p.auditRequired ? '' : t.repairAuditNone)]);
    if (p.overrunReason) rows.push([t.repairOverrun, p.overrunReason]);
  }
  rows.push([t.repairBasis, p.basis === 'area' ? t.repairBasisArea : t.repairBasisEqual]);
  if (stage === 'before' && p.noticeDate) rows.push([t.repairNoticeDate, dayText(p.noticeDate)]);
  if (stage === 'after' && p.charge) rows.push([t.repairChargeDate, dayText(p.charge.date)]);
  return <FactsTable rows={rows} testId="repair-facts" />;
}

function Payments({ project }: { project: Project }) {
  const live = project.payments.filter((x) => !x.reversed);
  return (
    <>
      <p className="fund-print-section">{t.repairPayments}</p>
      {project.payments.length === 0
        ? <p className="fund-print-note">{t.repairNoPayments}</p>
        : (
          <table className="print-table fund-print-table" data-testid="repair-payments">
            <PrintTableHead columns={[
              { label: t.repairPaymentDate, width: 20 }, { label: t.repairPaymentNo, width: 12 },
              { label: t.repairPaymentMemo, width: 48 }, { label: t.amountYuan, width: 20 },
            ]}
            />
            <tbody>
              {project.payments.map((x) => (
                <tr key={x.entryId}>
                  <td className="center">{x.date}</td>
                  <td className="center">{x.number}</td>
                  <td>{x.memo}{x.reversed ? t.repairPaymentReversed : ''}</td>
                  <td className="num">{yuan(x.amount)}</td>
                </tr>
              ))}
              <tr className="fund-print-total">
                <td colSpan={3}>{t.repairPaid}</td>
                <td className="num" data-testid="repair-paid">{money(live.reduce((s, x) => s + fenOf(x.amount), 0))}</td>
              </tr>
            </tbody>
          </table>
        )}
    </>
  );
}

function Shares({ shares, stage }: { shares: Apportionment; stage: 'before' | 'after' }) {
  const sum = shares.shares.reduce((s, x) => s + fenOf(x.amount), 0);
  const area = shares.shares.reduce((s, x) => s + fenOf(x.area), 0);
  const total = fenOf(shares.total);
  return (
    <>
      <p className="fund-print-section">{stage === 'before' ? t.repairShareHeadBefore : t.repairShareHeadAfter}</p>
      <table className="print-table fund-print-table" data-testid="repair-shares">
        <PrintTableHead columns={[
          { label: t.no, width: 10 }, { label: t.address, width: 40 }, { label: t.area, width: 22 },
          { label: stage === 'before' ? t.repairShareEstimate : t.repairShareCharged, width: 28 },
        ]}
        />
        <tbody>
          {shares.shares.map((x, i) => (
            <tr key={x.partId} data-testid="repair-share">
              <td className="center">{i + 1}</td>
              <td>{x.address}</td>
              <td className="num">{groupedArea(x.area)}</td>
              <td className="num">{yuan(x.amount)}</td>
            </tr>
          ))}
          <tr className="fund-print-total" data-testid="repair-share-total">
            <td className="center">{t.total}</td>
            <td>{t.households(shares.shares.length)}</td>
            <td className="num">{money(area)}</td>
            <td className="num">{money(sum)}</td>
          </tr>
        </tbody>
      </table>
      <p className="fund-print-note" data-testid="repair-sum">
        {sum === total ? t.repairSum(shares.shares.length, money(sum)) : t.repairSumMismatch(money(sum), money(total))}
      </p>
      <p className="fund-print-note">{t.repairMethodNote(shares.basis, shares.totalWeight, shares.method)}</p>
    </>
  );
}
