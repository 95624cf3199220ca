/**
 * The voting subjects of a vote with their ballots: all / returned / not
 * returned, searched by code, room or name, paged from main (vote.subjects).
 */
import { useMemo, useState } from 'react';
import { Segmented } from 'antd';
import { invoke } from '../../../api/client';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { SearchBox } from '../../../components/SearchBox';
import type { PagedSource } from '../../../components/usePagedRows';
import { formatCount, groupedArea } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { choicesText, type SubjectRow, type VoteDetail } from './voteShared';

const t = zhCN.votes;
type State = 'all' | 'returned' | 'not-returned';

export function VoteSubjects({ vote, revision }: { vote: VoteDetail; revision: number }) {
  const [state, setState] = useState<State>('all');
  const [search, setSearch] = useState('');
  const [total, setTotal] = useState<number | null>(null);

  const source = useMemo<PagedSource<SubjectRow>>(() => ({
    kind: 'remote',
    key: JSON.stringify({ voteId: vote.id, state, search }),
    label: search,
    revision,
    fetchPage: (offset, limit) => invoke('vote.subjects', { voteId: vote.id, state, search, offset, limit }),
  }), [vote.id, state, search, revision]);

  const columns = useMemo<ColumnDef<SubjectRow>[]>(() => [
    { id: 'code', header: t.colCode, size: 110, cell: ({ row }) => <span className="mono" data-testid="subject-code">{row.original.code}</span> },
    { id: 'addresses', header: t.colAddresses, size: 200, meta: { grow: true }, cell: ({ row }) => <span title={row.original.addresses}>{row.original.addresses}</span> },
    { id: 'owners', header: t.colOwners, size: 180, cell: ({ row }) => <span title={row.original.label}>{row.original.label}</span> },
    { id: 'area', header: t.colArea, size: 110, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{groupedArea(row.original.area)}</span> },
    {
      id: 'returned', header: t.colBallot, size: 70, meta: { align: 'center' },
      cell: ({ row }) => {
        const b = row.original.ballot;
        return <span className={b ? (b.valid ? 'vote-returned' : 'vote-invalid') : 'muted'} data-testid="subject-returned" data-returned={b ? 'true' : 'false'}>{b ? '✓' : '—'}</span>;
      },
    },
    {
      id: 'choices', header: t.colChoices, size: 260,
      cell: ({ row }) => {
        const b = row.original.ballot;
        const text = choicesText(b, vote.items);
        return (
          <span data-testid="subject-choices" title={text}>
            {text}
            {b?.proxyHolder ? <span className="muted">　{t.proxy(b.proxyHolder)}</span> : null}
          </span>
        );
      },
    },
  ], [vote.items]);

  return (
    <div className="vote-subjects" data-testid="vote-subjects">
      <div className="toolbar">
        <Segmented
          data-testid="subjects-state"
          value={state}
          onChange={(v) => setState(v as State)}
          options={[
            { value: 'all', label: t.stateAll },
            { value: 'returned', label: t.stateReturned },
            { value: 'not-returned', label: t.stateNotReturned },
          ]}
        />
        <SearchBox value={search} onSearch={setSearch} placeholder={t.subjectSearch} testId="subjects-search" width={240} />
        <span className="toolbar-spacer" />
        {total !== null && <span className="toolbar-count">{zhCN.common.rows(formatCount(total))}</span>}
      </div>
      <div className="vote-subjects-grid">
        <DataGrid
          testId="subjects-grid"
          columns={columns}
          source={source}
          getRowId={(s) => s.id}
          onTotalChange={setTotal}
          ariaLabel={t.subjectsTitle}
        />
      </div>
    </div>
  );
}
