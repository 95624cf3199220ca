/**
 * Shares that add up to the fen (fund.apportion, fund.previewEarnings): the
 * total, the basis, the sum of the weights and the rounding method in words
 * — what a public notice states — then each part's share.
 */
import { Descriptions } from 'antd';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { formatCount } from '../../../format';
import { groupedYuan, Yuan, type Apportionment, type Share } from './fundShared';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.fund;

const columns: ColumnDef<Share>[] = [
  { id: 'address', header: t.colAddress, size: 160, meta: { grow: true }, cell: ({ row }) => <span className="strong">{row.original.address}</span> },
  { id: 'area', header: t.colArea, size: 110, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{row.original.area}</span> },
  { id: 'amount', header: t.colShare, size: 130, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.amount} /> },
];

export function SharesTable({ result, testId, period }: { result: Apportionment; testId: string; period?: string }) {
  return (
    <div data-testid={testId}>
      <Descriptions size="small" column={2} bordered className="fund-share-summary fund-descriptions">
        {period && <Descriptions.Item label={t.period} span={2}>{period}</Descriptions.Item>}
        <Descriptions.Item label={t.total}><span className="num" data-testid={`${testId}-total`}>{groupedYuan(result.total)}</span></Descriptions.Item>
        <Descriptions.Item label={t.basis}>{result.basis}</Descriptions.Item>
        <Descriptions.Item label={t.totalWeight} span={2}><span className="num" data-testid={`${testId}-weight`}>{result.totalWeight}</span></Descriptions.Item>
        <Descriptions.Item label={t.method} span={2}><span data-testid={`${testId}-method`}>{result.method}</span></Descriptions.Item>
      </Descriptions>
      <div className="muted" style={{ marginBottom: 4 }}>{t.shareCount(formatCount(result.shares.length))}</div>
      <DataGrid
        testId={`${testId}-grid`}
        columns={columns}
        source={{ kind: 'local', rows: result.shares }}
        getRowId={(s) => s.partId}
        autoHeightRows={8}
      />
    </div>
  );
}
