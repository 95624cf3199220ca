import type { Route } from '../../router';
import { lazyScreen, OnDemand } from '../../components/OnDemand';
import { missingForRoute, useGrants } from '../system/auth/permissions';
import { ForbiddenPage } from '../system/auth/ForbiddenPage';

// Each screen's module loads the first time it is shown (components/OnDemand.tsx).
const CommunitiesPage = lazyScreen(() => import('../register/communities/CommunitiesPage'), 'CommunitiesPage');
const RosterPage = lazyScreen(() => import('../register/roster/RosterPage'), 'RosterPage');
const ElectoratePage = lazyScreen(() => import('../register/electorate/ElectoratePage'), 'ElectoratePage');
const PersonPage = lazyScreen(() => import('../register/persons/PersonPage'), 'PersonPage');
const CommunitySettingsPage = lazyScreen(() => import('../register/communities/CommunitySettingsPage'), 'CommunitySettingsPage');
const ImportPage = lazyScreen(() => import('../register/import/ImportPage'), 'ImportPage');
const BackupsPage = lazyScreen(() => import('../system/backups/BackupsPage'), 'BackupsPage');
const HolidaysPage = lazyScreen(() => import('../system/holidays/HolidaysPage'), 'HolidaysPage');
const AuditPage = lazyScreen(() => import('../system/audit/AuditPage'), 'AuditPage');
const AccountsPage = lazyScreen(() => import('../system/accounts/AccountsPage'), 'AccountsPage');
const OfficeServerPage = lazyScreen(() => import('../system/workstation/OfficeServerPage'), 'OfficeServerPage');
const ReviewsPage = lazyScreen(() => import('../system/reviews/ReviewsPage'), 'ReviewsPage');
const MeetingsPage = lazyScreen(() => import('../meetings/meetings/MeetingsPage'), 'MeetingsPage');
const MeetingPage = lazyScreen(() => import('../meetings/meetings/MeetingPage'), 'MeetingPage');
const ActionsPage = lazyScreen(() => import('../meetings/minutes/ActionsPage'), 'ActionsPage');
const MattersBoard = lazyScreen(() => import('../meetings/matters/MattersBoard'), 'MattersBoard');
const MatterPage = lazyScreen(() => import('../meetings/matters/MatterPage'), 'MatterPage');
const SearchPage = lazyScreen(() => import('../meetings/matters/SearchPage'), 'SearchPage');
const WorkflowsPage = lazyScreen(() => import('../meetings/matters/WorkflowsPage'), 'WorkflowsPage');
const VotesPage = lazyScreen(() => import('../votes/votes/VotesPage'), 'VotesPage');
const VotePage = lazyScreen(() => import('../votes/votes/VotePage'), 'VotePage');
const BallotEntryPage = lazyScreen(() => import('../votes/ballots/BallotEntryPage'), 'BallotEntryPage');
const FundPage = lazyScreen(() => import('../treasury/fund/FundPage'), 'FundPage');
const SubLedgerPage = lazyScreen(() => import('../treasury/fund/SubLedgerPage'), 'SubLedgerPage');
const LedgerPage = lazyScreen(() => import('../treasury/ledger/LedgerPage'), 'LedgerPage');
const FundOpeningPage = lazyScreen(() => import('../treasury/intake/FundOpeningPage'), 'FundOpeningPage');
const BankStatementPage = lazyScreen(() => import('../treasury/intake/BankStatementPage'), 'BankStatementPage');
const ReconciliationPage = lazyScreen(() => import('../treasury/reconciliation/ReconciliationPage'), 'ReconciliationPage');
const RepairsPage = lazyScreen(() => import('../treasury/repairs/RepairsPage'), 'RepairsPage');
const RepairPage = lazyScreen(() => import('../treasury/repairs/RepairPage'), 'RepairPage');
const RevenuePage = lazyScreen(() => import('../treasury/revenue/RevenuePage'), 'RevenuePage');
const BudgetPage = lazyScreen(() => import('../treasury/budget/BudgetPage'), 'BudgetPage');
const ContractsPage = lazyScreen(() => import('../office/contracts/ContractsPage'), 'ContractsPage');
const ContractPage = lazyScreen(() => import('../office/contracts/ContractPage'), 'ContractPage');
const DeadlinesPage = lazyScreen(() => import('../office/contracts/DeadlinesPage'), 'DeadlinesPage');
const BodiesPage = lazyScreen(() => import('../office/bodies/BodiesPage'), 'BodiesPage');
const CoveragePage = lazyScreen(() => import('../office/bodies/CoveragePage'), 'CoveragePage');
const IssuesPage = lazyScreen(() => import('../office/issues/IssuesPage'), 'IssuesPage');
const IssuePage = lazyScreen(() => import('../office/issues/IssuePage'), 'IssuePage');
const OfficesPage = lazyScreen(() => import('../levels/OfficesPage'), 'OfficesPage');
const RollupPage = lazyScreen(() => import('../levels/RollupPage'), 'RollupPage');
const InboxPage = lazyScreen(() => import('../levels/InboxPage'), 'InboxPage');

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
    case 'accounts': return <AccountsPage />;
    case 'officeServer': return <OfficeServerPage />;
    case 'reviews': return <ReviewsPage tab={route.tab ?? 'toConfirm'} />;
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
    case 'offices': return <OfficesPage />;
    case 'rollup': return <RollupPage />;
    case 'inbox': return <InboxPage />;
    default: return null; // print views render without the app frame (App.tsx)
  }
}
