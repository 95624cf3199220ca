import type { Route } from '../../router';
import { CommunitiesPage } from '../communities/CommunitiesPage';
import { RosterPage } from '../roster/RosterPage';
import { ElectoratePage } from '../electorate/ElectoratePage';
import { PersonPage } from '../persons/PersonPage';
import { ImportPage } from '../import/ImportPage';
import { BackupsPage } from '../backups/BackupsPage';
import { HolidaysPage } from '../holidays/HolidaysPage';
import { AuditPage } from '../audit/AuditPage';

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
    case 'printRoster': return null; // print views render without the app frame (App.tsx)
  }
}
