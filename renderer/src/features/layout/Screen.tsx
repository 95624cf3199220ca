import type { Route } from '../../router';
import { lazyExport, OnDemand } from '../../components/OnDemand';
import { missingForRoute, useGrants } from '../system/auth/permissions';
import { ForbiddenPage } from '../system/auth/ForbiddenPage';

// Each screen's module loads the first time it is shown (components/OnDemand.tsx).
const CommunitiesPage = lazyExport(() => import('../register/communities/CommunitiesPage'), 'CommunitiesPage');
const RosterPage = lazyExport(() => import('../register/roster/RosterPage'), 'RosterPage');
const ElectoratePage = lazyExport(() => import('../register/electorate/ElectoratePage'), 'ElectoratePage');
const PersonPage = lazyExport(() => import('../register/persons/PersonPage'), 'PersonPage');
const CommunitySettingsPage = lazyExport(() => import('../register/communities/CommunitySettingsPage'), 'CommunitySettingsPage');
const ImportPage = lazyExport(() => import('../register/import/ImportPage'), 'ImportPage');
const BackupsPage = lazyExport(() => import('../system/backups/BackupsPage'), 'BackupsPage');
const HolidaysPage = lazyExport(() => import('../system/holidays/HolidaysPage'), 'HolidaysPage');
const AuditPage = lazyExport(() => import('../system/audit/AuditPage'), 'AuditPage');
const MeetingsPage = lazyExport(() => import('../meetings/meetings/MeetingsPage'), 'MeetingsPage');
const MeetingPage = lazyExport(() => import('../meetings/meetings/MeetingPage'), 'MeetingPage');
const ActionsPage = lazyExport(() => import('../meetings/minutes/ActionsPage'), 'ActionsPage');
const MattersBoard = lazyExport(() => import('../meetings/matters/MattersBoard'), 'MattersBoard');
const MatterPage = lazyExport(() => import('../meetings/matters/MatterPage'), 'MatterPage');
const SearchPage = lazyExport(() => import('../meetings/matters/SearchPage'), 'SearchPage');
const WorkflowsPage = lazyExport(() => import('../meetings/matters/WorkflowsPage'), 'WorkflowsPage');
const VotesPage = lazyExport(() => import('../votes/votes/VotesPage'), 'VotesPage');
const VotePage = lazyExport(() => import('../votes/votes/VotePage'), 'VotePage');
const BallotEntryPage = lazyExport(() => import('../votes/ballots/BallotEntryPage'), 'BallotEntryPage');
const FundPage = lazyExport(() => import('../treasury/fund/FundPage'), 'FundPage');
const SubLedgerPage = lazyExport(() => import('../treasury/fund/SubLedgerPage'), 'SubLedgerPage');
const LedgerPage = lazyExport(() => import('../treasury/ledger/LedgerPage'), 'LedgerPage');
const FundOpeningPage = lazyExport(() => import('../treasury/intake/FundOpeningPage'), 'FundOpeningPage');
const BankStatementPage = lazyExport(() => import('../treasury/intake/BankStatementPage'), 'BankStatementPage');
const ReconciliationPage = lazyExport(() => import('../treasury/reconciliation/ReconciliationPage'), 'ReconciliationPage');
const RepairsPage = lazyExport(() => import('../treasury/repairs/RepairsPage'), 'RepairsPage');
const RepairPage = lazyExport(() => import('../treasury/repairs/RepairPage'), 'RepairPage');
const RevenuePage = lazyExport(() => import('../treasury/revenue/RevenuePage'), 'RevenuePage');
const BudgetPage = lazyExport(() => import('../treasury/budget/BudgetPage'), 'BudgetPage');
const ContractsPage = lazyExport(() => import('../office/contracts/ContractsPage'), 'ContractsPage');
const ContractPage = lazyExport(() => import('../office/contracts/ContractPage'), 'ContractPage');
const DeadlinesPage = lazyExport(() => import('../office/contracts/DeadlinesPage'), 'DeadlinesPage');
const BodiesPage = lazyExport(() => import('../office/bodies/BodiesPage'), 'BodiesPage');
const CoveragePage = lazyExport(() => import('../office/bodies/CoveragePage'), 'CoveragePage');
const IssuesPage = lazyExport(() => import('../office/issues/IssuesPage'), 'IssuesPage');
const IssuePage = lazyExport(() => import('../office/issues/IssuePage'), 'IssuePage');

/** Which screen a route shows, loaded on demand. */
export function Screen({ route }: { route: Route }) {
  const missing = missingForRoute(useGrants(), route);
  if (missing) return <ForbiddenPage permission={missing} />;
  // Keyed by the route's name: a failure on one screen does not stay on the next.
  return <OnDemand key={route.name}>{view(route)}</OnDemand>;
}

function view(route: Route) {
  switch (route.name) {
    case 'communities': return <CommunitiesPage />;
    case 'roster': return <RosterPage key={route.communityId} communityId={route.communityId} />;
    case 'electorate': return <ElectoratePage key={route.communityId} communityId={route.communityId} />;
    case 'person': return <PersonPage key={route.personId} communityId={route.communityId} personId={route.personId} />;
    case 'import': return <ImportPage />;
    case 'communitySettings': return <CommunitySettingsPage key={route.communityId} communityId={route.communityId} />;
    case 'backups': return <BackupsPage />;
    case 'holidays': return <HolidaysPage />;
    case 'audit': return <AuditPage key={`${route.entity ?? ''}/${route.entityId ?? ''}`} entity={route.entity} entityId={route.entityId} />;
    case 'meetings': return <MeetingsPage key={route.communityId} communityId={route.communityId} />;
    case 'meeting': return <MeetingPage key={route.meetingId} communityId={route.communityId} meetingId={route.meetingId} />;
    case 'actions': return <ActionsPage key={route.communityId} communityId={route.communityId} />;
    case 'matters': return <MattersBoard key={route.communityId} communityId={route.communityId} />;
    case 'matter': return <MatterPage key={route.matterId} communityId={route.communityId} matterId={route.matterId} advance={route.advance} />;
    case 'search': return <SearchPage key={route.communityId} communityId={route.communityId} text={route.text ?? ''} />;
    case 'workflows': return <WorkflowsPage />;
    case 'votes': return <VotesPage key={route.communityId} communityId={route.communityId} />;
    case 'vote': return <VotePage key={route.voteId} communityId={route.communityId} voteId={route.voteId} />;
    case 'ballotEntry': return <BallotEntryPage key={`${route.voteId}/${route.pass ?? ''}/${route.code ?? ''}`} communityId={route.communityId} voteId={route.voteId} pass={route.pass} code={route.code} />;
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
