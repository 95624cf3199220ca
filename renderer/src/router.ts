/**
 * A tiny hash router: the route lives in location.hash (#/c/<id>/roster …), so
 * reloading keeps the screen and no server routing is needed.
 */
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'communities' }
  | { name: 'roster'; communityId: string }
  | { name: 'electorate'; communityId: string }
  | { name: 'person'; communityId: string; personId: string }
  | PrintRoute
  | { name: 'import' }
  | { name: 'backups' }
  | { name: 'holidays' }
  | { name: 'audit' };

/** Print views: shown without the app frame, so that the page prints cleanly. */
export type PrintRoute = { name: 'printRoster'; communityId: string; buildingId?: string; entranceId?: string };

export function isPrintRoute(route: Route): route is PrintRoute {
  return route.name === 'printRoster';
}

export function parseHash(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(search);
  const [a, b, c, d] = parts;
  if (a === 'c' && b) {
    if (c === 'electorate') return { name: 'electorate', communityId: b };
    if (c === 'print' && d === 'roster') {
      return { name: 'printRoster', communityId: b, buildingId: query.get('b') ?? undefined, entranceId: query.get('e') ?? undefined };
    }
    if (c === 'person' && d) return { name: 'person', communityId: b, personId: d };
    return { name: 'roster', communityId: b };
  }
  if (a === 'import') return { name: 'import' };
  if (a === 'backups') return { name: 'backups' };
  if (a === 'holidays') return { name: 'holidays' };
  if (a === 'audit') return { name: 'audit' };
  return { name: 'communities' };
}

export function routeHash(route: Route): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case 'communities': return '#/communities';
    case 'roster': return `#/c/${e(route.communityId)}/roster`;
    case 'electorate': return `#/c/${e(route.communityId)}/electorate`;
    case 'person': return `#/c/${e(route.communityId)}/person/${e(route.personId)}`;
    case 'printRoster': {
      const query = new URLSearchParams();
      if (route.buildingId) query.set('b', route.buildingId);
      if (route.buildingId && route.entranceId) query.set('e', route.entranceId);
      const search = query.toString();
      return `#/c/${e(route.communityId)}/print/roster${search ? `?${search}` : ''}`;
    }
    case 'import': return '#/import';
    case 'backups': return '#/backups';
    case 'holidays': return '#/holidays';
    case 'audit': return '#/audit';
  }
}

export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (window.location.hash !== hash) window.location.hash = hash;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function routeCommunityId(route: Route): string | null {
  return 'communityId' in route ? route.communityId : null;
}
