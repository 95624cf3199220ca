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
    default: return null; // print views render without the app frame (App.tsx)
  }
}
