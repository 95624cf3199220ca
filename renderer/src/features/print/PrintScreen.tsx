/** Which print view a print route shows (outside the app frame; see App.tsx). */
import { type PrintRoute } from '../../router';
import { RosterPrint } from './RosterPrint';

export function PrintScreen({ route }: { route: PrintRoute }) {
  switch (route.name) {
    case 'printRoster':
      return (
        <RosterPrint
          key={`${route.communityId}/${route.buildingId ?? ''}/${route.entranceId ?? ''}`}
          scope={{ communityId: route.communityId, buildingId: route.buildingId, entranceId: route.entranceId }}
        />
      );
  }
}
