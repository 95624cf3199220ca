import { useMemo, useState } from 'react';
import { Alert, Button, Space, Tag } from 'antd';
import { errorMessage } from '../../../api/errors';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount, groupedArea } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { rememberCommunity, useCommunities, type CommunityItem } from './CommunitiesContext';
import { CommunityFormModal } from './CommunityFormModal';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.community;

export function CommunitiesPage() {
  const can = useCan();
  const { list, error, reload } = useCommunities();
  const [creating, setCreating] = useState(false);

  const open = (c: CommunityItem) => {
    rememberCommunity(c.id);
    navigate({ name: 'roster', communityId: c.id });
  };

  const columns = useMemo<ColumnDef<CommunityItem>[]>(() => [
    { id: 'name', header: t.name, size: 200, meta: { grow: true }, cell: ({ row }) => <span className="strong">{row.original.name}</span> },
    { id: 'streetOffice', header: t.streetOffice, size: 140, cell: ({ row }) => row.original.streetOffice },
    { id: 'communityOffice', header: t.communityOffice, size: 140, cell: ({ row }) => row.original.communityOffice },
    { id: 'parts', header: t.parts, size: 100, meta: { align: 'right' }, cell: ({ row }) => formatCount(row.original.parts) },
    { id: 'totalArea', header: t.totalArea, size: 140, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{groupedArea(row.original.totalArea)}</span> },
    {
      id: 'parking', header: t.countParking, size: 110, meta: { align: 'center' },
      cell: ({ row }) => (row.original.settings.countParkingInVotes ? <Tag color="blue">{t.counted}</Tag> : <Tag>{t.notCounted}</Tag>),
    },
    {
      id: 'actions', header: '', size: 170, meta: { align: 'right' },
      cell: ({ row }) => (
        <Space size={4} onClick={(e) => e.stopPropagation()}>
          {can('community.settings', row.original.id) && <Button size="small" type="link" onClick={() => { rememberCommunity(row.original.id); navigate({ name: 'communitySettings', communityId: row.original.id }); }} data-testid="community-settings">{zhCN.communitySettings.nav}</Button>}
          <Button size="small" type="link" onClick={() => open(row.original)}>{t.open}</Button>
        </Space>
      ),
    },
  ], [can]);

  return (
    <div className="page">
      <PageHeader
        title={t.listTitle}
        extra={can('community.settings', null) && <Button type="primary" onClick={() => setCreating(true)}>{t.create}</Button>}
      />
      {error !== null && <Alert type="error" showIcon title={errorMessage(error)} />}
      <div className="page-fill">
        <DataGrid
          testId="community-grid"
          columns={columns}
          source={{ kind: 'local', rows: list ?? [] }}
          getRowId={(c) => c.id}
          onRowClick={open}
          emptyText={t.empty}
          ariaLabel={t.listTitle}
        />
      </div>
      <CommunityFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(id) => {
          setCreating(false);
          reload();
          navigate({ name: 'roster', communityId: id });
        }}
      />
    </div>
  );
}
