/**
 * 已入账流水: every statement row in the books (fund.statementRows, newest
 * first, searched by payer or memo), with its file and row, how it is booked
 * now and the entry; 重新分类 reverses that entry and books the row anew
 * (fund.reclassifyStatementRow).
 */
import { useMemo, useState } from 'react';
import { App as AntApp, Button, Tag } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { STATEMENT_CLASS_NAMES } from '../../../../../shared/domain/bank-statement';
import { invoke } from '../../../api/client';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { SearchBox } from '../../../components/SearchBox';
import type { PagedSource } from '../../../components/usePagedRows';
import { formatCount } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { Yuan } from '../fund/fundShared';
import { ClassifyModal } from './ClassifyModal';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.intake;

type Posted = MethodOutput<'fund.statementRows'>['rows'][number];

export function PostedStatementRows({ communityId, revision, onChanged }: { communityId: string; revision: number; onChanged: () => void }) {
  const can = useCan();
  const { message } = AntApp.useApp();
  const [text, setText] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const [changing, setChanging] = useState<Posted | null>(null);

  const source = useMemo<PagedSource<Posted>>(() => ({
    kind: 'remote',
    key: JSON.stringify({ communityId, text }),
    label: text,
    revision,
    pageSize: 200,
    fetchPage: (offset, limit) => invoke('fund.statementRows', { communityId, text: text.trim(), offset, limit }),
  }), [communityId, text, revision]);

  const columns: ColumnDef<Posted>[] = [
    { id: 'date', header: t.colDate, size: 100, cell: ({ row }) => <span className="num">{row.original.date}</span> },
    { id: 'amount', header: t.colAmount, size: 112, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.amount} /> },
    { id: 'payer', header: t.colPayer, size: 100, cell: ({ row }) => <span title={row.original.payer}>{row.original.payer}</span> },
    { id: 'memo', header: t.colMemo, size: 150, meta: { grow: true }, cell: ({ row }) => <span title={row.original.memo}>{row.original.memo}</span> },
    {
      id: 'source', header: t.colSource, size: 150,
      cell: ({ row }) => <span className="intake-muted" title={row.original.fileName}>{t.sourceText(row.original.fileName, row.original.position)}</span>,
    },
    {
      id: 'class', header: t.colClass, size: 118,
      cell: ({ row }) => (row.original.class
        ? <Tag color="blue" className="intake-tag" data-testid="posted-class">{STATEMENT_CLASS_NAMES[row.original.class]}</Tag>
        : <Tag color="red" className="intake-tag" data-testid="posted-class">—</Tag>),
    },
    { id: 'target', header: t.colTarget, size: 130, cell: ({ row }) => <span data-testid="posted-target">{row.original.target}</span> },
    {
      id: 'entry', header: t.colNumber, size: 90,
      cell: ({ row }) => (row.original.entryId
        ? <a onClick={() => navigate({ name: 'ledger', communityId, entryId: row.original.entryId! })}>{t.numberText(row.original.entryNumber!)}</a>
        : null),
    },
    {
      id: 'action', header: t.colAction, size: 84, meta: { align: 'center' },
      cell: ({ row }) => (
        can('books.write') && <Button size="small" type="link" className="intake-link-button" onClick={() => setChanging(row.original)} data-testid="posted-reclassify">{t.reclassify}</Button>
      ),
    },
  ];

  return (
    <section className="panel" data-testid="posted-rows">
      <div className="intake-list-head">
        <span className="intake-muted">{t.postedIntro}</span>
        <span className="intake-list-count" data-testid="posted-count">{total === null ? '' : t.postedCount(formatCount(total))}</span>
      </div>
      <div className="toolbar">
        <SearchBox testId="posted-search" value={text} placeholder={t.postedSearch} width={260} onSearch={setText} />
      </div>
      <div className="statement-grid">
        <DataGrid testId="posted-grid" columns={columns} source={source} getRowId={(r) => r.id} onTotalChange={setTotal} emptyText={t.postedEmpty} />
      </div>
      <ClassifyModal
        communityId={communityId}
        reclassify
        row={changing && { ...changing, partId: null, address: null, projectId: null, bookedNumber: null }}
        onClose={() => setChanging(null)}
        onChosen={async (c) => {
          const done = await invoke('fund.reclassifyStatementRow', {
            id: changing!.id, class: c.class, partId: c.partId, projectId: c.projectId, date: c.date, reason: c.reason ?? '',
          });
          message.success(t.reclassified(done.entryNumber ?? 0));
          setChanging(null);
          onChanged();
        }}
      />
    </section>
  );
}
