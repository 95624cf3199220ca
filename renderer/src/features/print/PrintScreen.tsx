/** Which print view a print route shows (outside the app frame; see App.tsx). */
import { type PrintRoute } from '../../router';
import { RosterPrint } from './RosterPrint';
import { MeetingNoticePrint } from '../meetings/MeetingNoticePrint';
import { SignInSheetPrint } from '../meetings/SignInSheetPrint';
import { MinutesPrint } from '../minutes/MinutesPrint';
import { MatterNoticePrint } from '../matters/MatterNoticePrint';
import { BallotsPrint } from '../votes/BallotsPrint';
import { VoteResultPrint } from '../votes/VoteResultPrint';
import { StatementsPrint } from '../fund-print/StatementsPrint';
import { FundSummaryPrint } from '../fund-print/FundSummaryPrint';
import { TopUpPrint } from '../fund-print/TopUpPrint';
import { RepairNoticePrint } from '../fund-print/RepairNoticePrint';
import { RevenuePrint } from '../fund-print/RevenuePrint';
import { BudgetPrint } from '../fund-print/BudgetPrint';
import { EvaluationReportPrint } from '../contracts/EvaluationReportPrint';
import { IssuesPrint } from '../issues/IssuesPrint';

export function PrintScreen({ route }: { route: PrintRoute }) {
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
  }
}
