/**
 * 住宅专项维修资金使用公示, before the works and after them, on the 公文
 * layout. Before: the project, its scope, how it was approved (the owners'
 * vote on Art. 278 item 5, or the emergency path with the committee's review
 * and the street's confirmation), the estimate, and each part's estimated
 * share (repair.previewCharge with the estimate as the final cost). After:
 * the final cost, the audit note, the payments, and each part's share as
 * charged (repair.get's charge). The method (按面积 / 均摊) is stated and the
 * total printed is the sum of the shares. Then the posting period — from the
 * project's notice record (before) or its charge date (after), running
 * DEFAULT_POSTING_DAYS, and typed over on screen — and the signature lines of
 * the three parties that post it: the owners' committee, the property-service
 * company (the one serving on the notice's date, from the contracts) and the
 * community's residents' committee.
 */
import { useState, type ReactNode } from 'react';
import { Alert } from 'antd';
import { DateField } from '../../../components/DateField';
import { addDays, isValidDate } from '../../../../../shared/domain/dates';
import { DEFAULT_POSTING_DAYS } from '../../../../../shared/domain/workflow';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { groupedArea, todayDate } from '../../../format';
import { navigate } from '../../../router';
import { OfficialNotice } from '../../print/OfficialNotice';
import { PrintTableHead } from '../../print/PrintTableHead';
import { FactsTable, capitals, dayText, fenOf, loadCommunity, loadNotice, money, t, yuan, type CommunityHead } from './printShared';

type Project = Awaited<ReturnType<typeof loadProject>>;
// The shares alone (the preview's warnings are the charge screen's, not the notice's).
type Apportionment = Pick<Awaited<ReturnType<typeof loadPreview>>, 'total' | 'basis' | 'method' | 'totalWeight' | 'shares'>;
type Contracts = Awaited<ReturnType<typeof loadContracts>>;
function loadProject(id: string) {
  return invoke('repair.get', { id });
}
function loadPreview(projectId: string, estimate: string) {
  return invoke('repair.previewCharge', { projectId, finalCost: estimate });
}
function loadContracts(communityId: string) {
  return invoke('contract.list', { communityId });
}

interface Posting { from: string; to: string }

/** The project's own record of the posting: the notice date (before) or the charge date (after), for the default days. */
function recordedPosting(project: Project, stage: 'before' | 'after'): Posting {
  const from = (stage === 'before' ? project.noticeDate : project.charge?.date) ?? '';
  return { from, to: from ? addDays(from, DEFAULT_POSTING_DAYS) : '' };
}

/** The property-service company serving on `date`: the latest contract started by then and not yet handed over. */
export function servingCompany(contracts: Contracts, date: string): string {
  const serving = contracts
    .filter((c) => c.startDate <= date && c.state.kind !== 'handed-over')
    .sort((a, b) => b.startDate.localeCompare(a.startDate));
  return serving[0]?.companyName ?? '';
}

export function RepairNoticePrint({ projectId, stage }: { projectId: string; stage: 'before' | 'after' }) {
  const loaded = useAsync(async () => {
    const project = await loadProject(projectId);
    const [community, shares, contracts] = await Promise.all([
      loadCommunity(project.communityId),
      stage === 'before' ? loadPreview(projectId, project.estimate) : Promise.resolve(project.charge),
      loadContracts(project.communityId),
    ]);
    return { project, community, shares, contracts };
  }, [projectId, stage]);
  const data = loaded.data;
  const [typed, setTyped] = useState<Posting | null>(null);
  const back = () => {
    if (data) navigate({ name: 'repair', communityId: data.project.communityId, projectId });
    else window.history.back();
  };

  const posting = typed ?? (data ? recordedPosting(data.project, stage) : { from: '', to: '' });
  const postingValid = isValidDate(posting.from) && isValidDate(posting.to);
  let notice: ReactNode = loadNotice(loaded.error, data !== undefined);
  if (!notice && data && stage === 'after' && !data.shares) notice = <Alert type="warning" showIcon title={t.repairNotCharged} data-testid="repair-not-charged" />;
  const ready = notice === null && data !== undefined && !(postingValid && posting.to < posting.from);
  const date = postingValid ? posting.from : todayDate();
  const title = data ? (stage === 'before' ? t.repairTitleBefore : t.repairTitleAfter)(data.project.title) : '';

  return (
    <OfficialNotice
      testId="repair-notice-print"
      title={title}
      addressee={data ? t.repairAddressee(data.community.name) : undefined}
      paragraphs={data ? [(stage === 'before' ? t.repairIntroBefore : t.repairIntroAfter)(data.project.title)] : []}
      issuers={[]}
      signatures={data ? signaturesOf(data.community, servingCompany(data.contracts, date)) : []}
      date={date}
      ready={ready}
      notice={notice ?? undefined}
      onBack={back}
      controls={data && <PostingInputs posting={posting} onChange={setTyped} />}
      closing={<p data-testid="repair-posting">{postingValid ? t.repairPosting(dayText(posting.from), dayText(posting.to)) : t.repairPostingBlank}</p>}
    >
      {data && notice === null && data.shares && (
        <>
          <p className="fund-print-section">{t.section(1, t.repairSectionProject)}</p>
          <ProjectFacts project={data.project} stage={stage} />
          {stage === 'after' && <Payments project={data.project} />}
          <Shares shares={data.shares} stage={stage} />
        </>
      )}
    </OfficialNotice>
  );
}

/** The three parties that sign the notice; a name not on record is left as a line to write. */
function signaturesOf(community: CommunityHead, company: string) {
  return [
    { role: t.repairSignCommittee, name: t.committee(community.name) },
    { role: t.repairSignCompany, name: company },
    { role: t.repairSignCommunity, name: community.communityOffice ? t.residentsCommittee(community.communityOffice) : '' },
  ];
}

/** 公示期 from … to …, on screen only: what the record says, typed over where the posting differs. */
function PostingInputs({ posting, onChange }: { posting: Posting; onChange: (p: Posting) => void }) {
  const missing = !isValidDate(posting.from) || !isValidDate(posting.to);
  const backwards = !missing && posting.to < posting.from;
  return (
    <span className="repair-posting-inputs" data-testid="repair-posting-inputs">
      <span>{t.repairPostingLabel}</span>
      <DateField size="small" value={posting.from} data-testid="repair-posting-from" style={{ width: 140 }}
        onChange={(from) => onChange({ from, to: isValidDate(from) && !posting.to ? addDays(from, DEFAULT_POSTING_DAYS) : posting.to })} />
      <span>{t.repairPostingTo}</span>
      <DateField size="small" value={posting.to} data-testid="repair-posting-to" style={{ width: 140 }}
        onChange={(to) => onChange({ ...posting, to })} />
      {(missing || backwards) && <span className="repair-posting-hint">{missing ? t.repairPostingNone : t.repairPostingOrder}</span>}
    </span>
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
  if (stage === 'after' && p.charge) rows.push([t.repairChargeDate, dayText(p.charge.date)]);
  return <FactsTable rows={rows} testId="repair-facts" />;
}

function Payments({ project }: { project: Project }) {
  const live = project.payments.filter((x) => !x.reversed);
  return (
    <>
      <p className="fund-print-section">{t.section(2, t.repairPayments)}</p>
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
      <p className="fund-print-section">{t.section(stage === 'before' ? 2 : 3, stage === 'before' ? t.repairShareHeadBefore : t.repairShareHeadAfter)}</p>
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
