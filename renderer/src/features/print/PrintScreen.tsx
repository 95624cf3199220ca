/** Which print view a print route shows (outside the app frame; see App.tsx). */
import { type PrintRoute } from '../../router';
import { lazyExport, OnDemand } from '../../components/OnDemand';

// Each screen's module loads the first time it is shown (components/OnDemand.tsx).
const RosterPrint = lazyExport(() => import('./RosterPrint'), 'RosterPrint');
const MeetingNoticePrint = lazyExport(() => import('../meetings/meetings/MeetingNoticePrint'), 'MeetingNoticePrint');
const SignInSheetPrint = lazyExport(() => import('../meetings/meetings/SignInSheetPrint'), 'SignInSheetPrint');
const MinutesPrint = lazyExport(() => import('../meetings/minutes/MinutesPrint'), 'MinutesPrint');
const MatterNoticePrint = lazyExport(() => import('../meetings/matters/MatterNoticePrint'), 'MatterNoticePrint');
const BallotsPrint = lazyExport(() => import('../votes/votes/BallotsPrint'), 'BallotsPrint');
const VoteResultPrint = lazyExport(() => import('../votes/votes/VoteResultPrint'), 'VoteResultPrint');
const StatementsPrint = lazyExport(() => import('../treasury/prints/StatementsPrint'), 'StatementsPrint');
const FundSummaryPrint = lazyExport(() => import('../treasury/prints/FundSummaryPrint'), 'FundSummaryPrint');
const TopUpPrint = lazyExport(() => import('../treasury/prints/TopUpPrint'), 'TopUpPrint');
const RepairNoticePrint = lazyExport(() => import('../treasury/prints/RepairNoticePrint'), 'RepairNoticePrint');
const RevenuePrint = lazyExport(() => import('../treasury/prints/RevenuePrint'), 'RevenuePrint');
const BudgetPrint = lazyExport(() => import('../treasury/prints/BudgetPrint'), 'BudgetPrint');
const EvaluationReportPrint = lazyExport(() => import('../office/contracts/EvaluationReportPrint'), 'EvaluationReportPrint');
const IssuesPrint = lazyExport(() => import('../office/issues/IssuesPrint'), 'IssuesPrint');
const RollupPrint = lazyExport(() => import('../levels/RollupPrint'), 'RollupPrint');
const DossierPrint = lazyExport(() => import('../register/communities/DossierPrint'), 'DossierPrint');

export function PrintScreen({ route }: { route: PrintRoute }) {
  // Keyed by the route's name: a failure on one screen does not stay on the next.
  return <OnDemand key={route.name}>{view(route)}</OnDemand>;
}

function view(route: PrintRoute) {
  switch (route.name) {
    case 'printRoster':
      return (
        <RosterPrint
          key={`${route.communityId}/${route.buildingId ?? ''}/${route.entranceId ?? ''}`}
          scope={{ communityId: route.communityId, buildingId: route.buildingId, entranceId: route.entranceId }}
        />
      );
    case 'printMeetingNotice': return <MeetingNoticePrint key={route.meetingId} meetingId={route.meetingId} />;
    case 'printSignIn': return <SignInSheetPrint key={route.meetingId} meetingId={route.meetingId} />;
    case 'printMinutes': return <MinutesPrint key={route.minutesId} minutesId={route.minutesId} />;
    case 'printResolution': return <MatterNoticePrint key={`r/${route.matterId}`} matterId={route.matterId} step="resolution" />;
    case 'printResult': return <MatterNoticePrint key={`i/${route.matterId}`} matterId={route.matterId} step="result" />;
    case 'printBallots': return <BallotsPrint key={route.voteId} voteId={route.voteId} />;
    case 'printVoteResult': return <VoteResultPrint key={route.voteId} voteId={route.voteId} />;
    case 'printStatements':
      return (
        <StatementsPrint
          key={`${route.from}/${route.to}/${route.partId ?? ''}/${route.buildingId ?? ''}`}
          communityId={route.communityId} from={route.from} to={route.to} partId={route.partId} buildingId={route.buildingId}
        />
      );
    case 'printFundSummary': return <FundSummaryPrint key={`${route.from}/${route.to}`} communityId={route.communityId} from={route.from} to={route.to} />;
    case 'printTopUp': return <TopUpPrint key={route.communityId} communityId={route.communityId} />;
    case 'printRepairNotice': return <RepairNoticePrint key={`${route.projectId}/${route.stage}`} projectId={route.projectId} stage={route.stage} />;
    case 'printRevenue': return <RevenuePrint key={`${route.from}/${route.to}`} communityId={route.communityId} from={route.from} to={route.to} />;
    case 'printBudget': return <BudgetPrint key={route.year} communityId={route.communityId} year={route.year} />;
    case 'printEvaluation': return <EvaluationReportPrint key={`${route.contractId}/${route.year}`} contractId={route.contractId} year={route.year} />;
    case 'printIssues': return <IssuesPrint key={`${route.from}/${route.to}`} communityId={route.communityId} from={route.from} to={route.to} />;
    case 'printRollup': return <RollupPrint key={route.by} by={route.by} />;
    case 'printDossierCopy': return <DossierPrint key={`${route.officeName}/${route.communityId}`} communityId={route.communityId} officeName={route.officeName} />;
    case 'printDossier': return <DossierPrint key={route.communityId} communityId={route.communityId} />;
  }
}
