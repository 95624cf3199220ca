import { Tag, Typography } from 'antd';
import type { z } from 'zod';
import type { rosterRow } from '../../../../../shared/contract/register';
import type { ColumnDef } from '../../../components/DataGrid';
import { zhCN } from '../../../i18n/zh-CN';

export type RosterRow = z.output<typeof rosterRow>;

const t = zhCN.roster;

export function DeliveryTag({ status }: { status: string }) {
  if (status === '已交付') return <span>{status}</span>;
  return <Tag color={status === '未售' ? 'orange' : 'gold'} className="tight-tag">{status}</Tag>;
}

function OwnerNames({ row }: { row: RosterRow }) {
  if (row.owners.length > 0) return <span title={row.owners.map((o) => o.name).join('、')}>{row.owners.map((o) => o.name).join('、')}</span>;
  if (row.deliveryStatus !== '已交付') return <Typography.Text type="secondary">{t.developerHeld}</Typography.Text>;
  return <Typography.Text type="warning">{t.noOwner}</Typography.Text>;
}

const joined = (values: string[]) => values.filter((v) => v !== '').join('、');

/** The roster's columns; sortable ones carry the contract's sort field as id. */
export const rosterColumns: ColumnDef<RosterRow>[] = [
  { id: 'address', header: t.address, size: 180, cell: ({ row }) => <span className="strong">{row.original.address}</span> },
  { id: 'type', header: t.type, size: 80, cell: ({ row }) => row.original.type },
  { id: 'area', header: t.area, size: 110, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{row.original.area}</span> },
  { id: 'areaSource', header: t.areaSource, size: 90, enableSorting: false, cell: ({ row }) => row.original.areaSource },
  { id: 'deliveryStatus', header: t.deliveryStatus, size: 110, cell: ({ row }) => <DeliveryTag status={row.original.deliveryStatus} /> },
  { id: 'owner', header: t.owners, size: 160, meta: { grow: true }, cell: ({ row }) => <OwnerNames row={row.original} /> },
  {
    id: 'document', header: t.document, size: 190, enableSorting: false,
    cell: ({ row }) => <span className="mono">{joined(row.original.owners.map((o) => o.document))}</span>,
  },
  {
    id: 'phone', header: t.phone, size: 130, enableSorting: false,
    cell: ({ row }) => <span className="mono">{joined(row.original.owners.map((o) => o.phone))}</span>,
  },
];
