import type { Route } from '../../router';
import { CommunitiesPage } from '../communities/CommunitiesPage';
import { RosterPage } from '../roster/RosterPage';
import { ElectoratePage } from '../electorate/ElectoratePage';
import { PersonPage } from '../persons/PersonPage';
import { ImportPage } from '../import/ImportPage';
import { BackupsPage } from '../backups/BackupsPage';
import { HolidaysPage } from '../holidays/HolidaysPage';
import { AuditPage } from '../audit/AuditPage';
import { MeetingsPage } from '../meetings/MeetingsPage';
import { MeetingPage } from '../meetings/MeetingPage';
import { ActionsPage } from '../minutes/ActionsPage';
import { MattersBoard } from '../matters/MattersBoard';
import { MatterPage } from '../matters/MatterPage';
import { SearchPage } from '../matters/SearchPage';
import { WorkflowsPage } from '../matters/WorkflowsPage';
import { VotesPage } from '../votes/VotesPage';
import { VotePage } from '../votes/VotePage';
import { BallotEntryPage } from '../ballots/BallotEntryPage';
import { FundPage } from '../fund/FundPage';
import { SubLedgerPage } from '../fund/SubLedgerPage';
import { LedgerPage } from '../ledger/LedgerPage';
import { FundOpeningPage } from '../fund-intake/FundOpeningPage';
import { BankStatementPage } from '../fund-intake/BankStatementPage';
import { ReconciliationPage } from '../reconciliation/ReconciliationPage';
import { RepairsPage } from '../repairs/RepairsPage';
import { RepairPage } from '../repairs/RepairPage';
import { RevenuePage } from '../revenue/RevenuePage';
import { BudgetPage } from '../budget/BudgetPage';
import { ContractsPage } from '../contracts/ContractsPage';
import { ContractPage } from '../contracts/ContractPage';
import { DeadlinesPage } from '../contracts/DeadlinesPage';
import { BodiesPage } from '../bodies/BodiesPage';
import { CoveragePage } from '../bodies/CoveragePage';
import { IssuesPage } from '../issues/IssuesPage';
import { IssuePage } from '../issues/IssuePage';

/** Which screen a route shows. */
export function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'communities': return <CommunitiesPage />;
    case 'roster': return <RosterPage key={route.communityId} communityId={route.communityId} />;
    case 'electorate': return <ElectoratePage key={route.communityId} communityId={route.communityId} />;
    case 'person': return <PersonPage key={route.personId} communityId={route.communityId} personId={route.personId} />;
    case 'import': return <ImportPage />;
    case 'backups': return <BackupsPage />;
    case 'holidays': return <HolidaysPage />;
    case 'audit': return <AuditPage />;
    case 'meetings': return <MeetingsPage key={route.communityId} communityId={route.communityId} />;
    case 'meeting': return <MeetingPage key={route.meetingId} communityId={route.communityId} meetingId={route.meetingId} />;
    case 'actions': return <ActionsPage key={route.communityId} communityId={route.communityId} />;
    case 'matters': return <MattersBoard key={route.communityId} communityId={route.communityId} />;
    case 'matter': return <MatterPage key={route.matterId} communityId={route.communityId} matterId={route.matterId} />;
    case 'search': return <SearchPage key={route.communityId} communityId={route.communityId} text={route.text ?? ''} />;
    case 'workflows': return <WorkflowsPage />;
    case 'votes': return <VotesPage key={route.communityId} communityId={route.communityId} />;
    case 'vote': return <VotePage key={route.voteId} communityId={route.communityId} voteId={route.voteId} />;
    case 'ballotEntry': return <BallotEntryPage key={route.voteId} communityId={route.communityId} voteId={route.voteId} />;
    case 'fund': return <FundPage key={route.communityId} communityId={route.communityId} />;
    case 'subLedger': return <SubLedgerPage key={route.partId} communityId={route.communityId} partId={route.partId} />;
    // Keyed by the community only: opening an entry keeps the table, its filters and its scroll position.
    case 'ledger': return <LedgerPage key={route.communityId} communityId={route.communityId} entryId={route.entryId ?? null} />;
    case 'fundOpening': return <FundOpeningPage key={route.communityId} communityId={route.communityId} />;
    case 'bankStatement': return <BankStatementPage key={route.communityId} communityId={route.communityId} />;
    case 'reconciliation': return <ReconciliationPage key={route.communityId} communityId={route.communityId} />;
    case 'repairs': return <RepairsPage key={route.communityId} communityId={route.communityId} />;
    case 'repair': return <RepairPage key={route.projectId} communityId={route.communityId} projectId={route.projectId} />;
    case 'revenue': return <RevenuePage key={route.communityId} communityId={route.communityId} />;
    case 'budget': return <BudgetPage key={`${route.communityId}/${route.year ?? ''}`} communityId={route.communityId} year={route.year} />;
    case 'contracts': return <ContractsPage key={route.communityId} communityId={route.communityId} />;
    case 'contract': return <ContractPage key={route.contractId} communityId={route.communityId} contractId={route.contractId} />;
    case 'deadlines': return <DeadlinesPage />;
    case 'bodies': return <BodiesPage key={route.communityId} communityId={route.communityId} />;
    case 'coverage': return <CoveragePage />;
    case 'issues': return <IssuesPage key={route.communityId} communityId={route.communityId} />;
    case 'issue': return <IssuePage key={route.issueId} communityId={route.communityId} issueId={route.issueId} />;
    default: return null; // print views render without the app frame (App.tsx)
  }
}
