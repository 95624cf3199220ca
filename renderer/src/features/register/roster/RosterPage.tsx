/**
 * The roster (花名册) of one community: every exclusive part with its owners,
 * searched, filtered, sorted and paged in SQL by main.
 */
import { useCallback, useMemo, useState } from 'react';
import { Alert, App as AntApp } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { downloadFile } from '../../../api/files';
import { useQuery } from '../../../api/queries';
import { DataGrid, type GridSort } from '../../../components/DataGrid';
import type { PagedSource } from '../../../components/usePagedRows';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { ROSTER_SORT_FIELDS } from '../../../../../shared/contract/register';
import { PartDrawer, type PartDrawerTarget } from '../parts/PartDrawer';
import { useCommunities } from '../communities/CommunitiesContext';
import { rosterColumns, type RosterRow } from './rosterColumns';
import { RosterToolbar, type RosterFilters } from './RosterToolbar';

type SortField = (typeof ROSTER_SORT_FIELDS)[number];
const isSortField = (id: string): id is SortField => (ROSTER_SORT_FIELDS as readonly string[]).includes(id);

export function RosterPage({ communityId }: { communityId: string }) {
  const { message } = AntApp.useApp();
  const communities = useCommunities();
  const buildings = useQuery('community.buildings', { id: communityId });
  const [filters, setFilters] = useState<RosterFilters>({ search: '' });
  const [sort, setSort] = useState<{ id: SortField; desc: boolean }>({ id: 'address', desc: false });
  const [revision, setRevision] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [drawer, setDrawer] = useState<PartDrawerTarget | null>(null);
  const [exporting, setExporting] = useState(false);

  const source = useMemo<PagedSource<RosterRow>>(() => {
    const query = {
      communityId,
      search: filters.search.trim(),
      buildingId: filters.buildingId,
      entranceId: filters.entranceId,
      type: filters.type,
      deliveryStatus: filters.deliveryStatus,
      sort: sort.id,
      desc: sort.desc,
    };
    return {
      kind: 'remote',
      key: JSON.stringify({ ...query, text: filters.search }),
      label: filters.search,
      revision,
      pageSize: 200,
      fetchPage: (offset, limit) => invoke('roster.page', { ...query, offset, limit }),
    };
  }, [communityId, filters, sort, revision]);

  const onSortChange = useCallback((next: GridSort) => {
    if (isSortField(next.id)) setSort({ id: next.id, desc: next.desc });
  }, []);

  const filtered = filters.search.trim() !== '' || filters.buildingId !== undefined || filters.type !== undefined || filters.deliveryStatus !== undefined;

  const exportRoster = async () => {
    setExporting(true);
    try {
      const file = await invoke('roster.export', { communityId, buildingId: filters.buildingId, entranceId: filters.entranceId });
      downloadFile(file);
      message.success(zhCN.roster.exported);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  const changed = () => {
    setRevision((r) => r + 1);
    buildings.reload();
    communities.reload();
  };

  return (
    <div className="page">
      {buildings.error !== null && <Alert type="error" showIcon title={errorMessage(buildings.error)} />}
      <RosterToolbar
        filters={filters}
        onChange={setFilters}
        buildings={buildings.data ?? []}
        total={total}
        onAddPart={() => setDrawer({ mode: 'create' })}
        onExport={exportRoster}
        exporting={exporting}
        onPrint={() => navigate({ name: 'printRoster', communityId, buildingId: filters.buildingId, entranceId: filters.entranceId })}
        onDossier={() => navigate({ name: 'printDossier', communityId })}
      />
      <div className="page-fill">
        <DataGrid
          testId="roster-grid"
          ariaLabel={zhCN.roster.title}
          columns={rosterColumns}
          source={source}
          getRowId={(r) => r.partId}
          sort={sort}
          onSortChange={onSortChange}
          onRowClick={(r) => setDrawer({ mode: 'edit', partId: r.partId })}
          selectedId={drawer?.mode === 'edit' ? drawer.partId : null}
          onTotalChange={setTotal}
          emptyText={filtered ? zhCN.roster.noMatch : zhCN.roster.emptyCommunity}
        />
      </div>
      <PartDrawer
        communityId={communityId}
        target={drawer}
        buildings={buildings.data ?? []}
        onClose={() => setDrawer(null)}
        onChanged={changed}
        onCreated={(partId) => setDrawer({ mode: 'edit', partId })}
      />
    </div>
  );
}
