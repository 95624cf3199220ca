/**
 * Everything the roster printout needs for one scope: the community (name,
 * street, developer), the scope's name, its electorate (the footer's figures,
 * and the size that asks for confirmation), and then all its rows, read with
 * roster.page 1000 at a time in address order. Masked as main returns them:
 * the printout never asks for a person's full details.
 */
import { useEffect, useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../../shared/contract/methods';
import { invoke } from '../../api/client';
import { useAsync } from '../../api/useAsync';
import type { RosterRow } from '../register/roster/rosterColumns';

export type RosterScope = MethodInput<'roster.electorate'>;

/** roster.page's largest page. */
const PAGE_SIZE = 1000;
/** Above this many parts the user confirms first: the whole community is hundreds of pages. */
export const CONFIRM_ABOVE_PARTS = 3000;

export interface RosterPrintHead {
  community: MethodOutput<'community.get'>;
  buildings: MethodOutput<'community.buildings'>;
  electorate: MethodOutput<'roster.electorate'>;
}

export interface RowsState {
  rows: RosterRow[] | null;
  loaded: number;
  total: number | null;
  error: unknown;
}

export function useRosterPrintHead(scope: RosterScope) {
  return useAsync<RosterPrintHead>(async () => {
    const [community, buildings, electorate] = await Promise.all([
      invoke('community.get', { id: scope.communityId }),
      invoke('community.buildings', { id: scope.communityId }),
      invoke('roster.electorate', scope),
    ]);
    return { community, buildings, electorate };
  }, [scope.communityId, scope.buildingId, scope.entranceId]);
}

/** All rows of the scope, once `enabled`; progress while reading. */
export function useAllRosterRows(scope: RosterScope, enabled: boolean): RowsState {
  const [state, setState] = useState<RowsState>({ rows: null, loaded: 0, total: null, error: null });
  const { communityId, buildingId, entranceId } = scope;

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const read = async () => {
      const rows: RosterRow[] = [];
      for (let offset = 0; ; offset += PAGE_SIZE) {
        const page = await invoke('roster.page', {
          communityId, buildingId, entranceId, sort: 'address', desc: false, offset, limit: PAGE_SIZE,
        });
        if (!live) return;
        rows.push(...page.rows);
        const done = page.rows.length < PAGE_SIZE || rows.length >= page.total;
        setState({ rows: done ? rows : null, loaded: rows.length, total: page.total, error: null });
        if (done) return;
      }
    };
    read().catch((error: unknown) => {
      if (live) setState({ rows: null, loaded: 0, total: null, error });
    });
    return () => {
      live = false;
    };
  }, [enabled, communityId, buildingId, entranceId]);

  return state;
}

/** 全小区, 1幢, 1幢1单元. */
export function scopeName(scope: RosterScope, buildings: RosterPrintHead['buildings'], whole: string): string {
  const building = buildings.find((b) => b.id === scope.buildingId);
  if (!building) return whole;
  const entrance = building.entrances.find((e) => e.id === scope.entranceId);
  return `${building.name}${entrance?.name ?? ''}`;
}
