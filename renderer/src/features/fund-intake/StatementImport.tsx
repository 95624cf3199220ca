/**
 * A bank statement in: choose the xlsx, preview how each receipt was matched
 * (by an address in the memo, by the payer owning exactly one part, not at all,
 * or already imported), with counts and a filter; choose what happens to the
 * unmatched (待查明款项 or left out and listed); import. Main skips rows posted
 * before, so importing a statement twice doubles nothing.
 */
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Radio, Segmented, Tag } from 'antd';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { fenToYuan } from '../../../../shared/domain/money';
import type { RowError } from '../../../../shared/domain/roster-rows';
import { invoke } from '../../api/client';
import { ApiError } from '../../api/errors';
import { readFilePayload, tableFileTooBig } from '../../api/files';
import { DataGrid, type ColumnDef } from '../../components/DataGrid';
import { FormError } from '../../components/FormError';
import { useSending } from '../../components/useFormSubmit';
import { formatCount } from '../../format';
import { zhCN } from '../../i18n/zh-CN';
import { ImportErrors } from '../import/ImportErrors';
import { Yuan } from '../fund/fundShared';
import { Figure, FileChoice, money, yuanToFen } from './intakeShared';

const t = zhCN.fundIntake;

type Preview = MethodOutput<'fund.previewStatement'>;
type Imported = MethodOutput<'fund.importStatement'>;
export type StatementRow = Preview['rows'][number];
type Unmatched = 'suspense' | 'skip';
type Filter = 'all' | 'matched' | 'unmatched' | 'duplicate';

/** How a row was matched, in one word: main's `how` says it in a sentence. */
type Match = 'address' | 'owner' | 'none' | 'duplicate';
function matchOf(r: StatementRow): Match {
  if (r.duplicate) return 'duplicate';
  if (!r.partId) return 'none';
  return r.how.includes('地址') ? 'address' : 'owner';
}

const MATCH_TAG: Record<Match, { color: string; text: string }> = {
  address: { color: 'blue', text: t.tagAddress },
  owner: { color: 'cyan', text: t.tagOwner },
  none: { color: 'orange', text: t.tagUnmatched },
  duplicate: { color: 'default', text: t.tagDuplicate },
};

export function StatementImport({ communityId, onImported }: { communityId: string; onImported: () => void }) {
  const { message } = AntApp.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [unmatched, setUnmatched] = useState<Unmatched>('suspense');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [rowErrors, setRowErrors] = useState<RowError[]>([]);
  const [imported, setImported] = useState<Imported | null>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const sending = useSending();

  const reset = () => {
    setPreview(null);
    setRowErrors([]);
    setImported(null);
    sending.setErrors([]);
  };

  const payload = async () => {
    if (!file) throw new Error(t.noFileChosen);
    const tooBig = tableFileTooBig(file);
    if (tooBig) throw new Error(tooBig);
    return readFilePayload(file);
  };

  const rowErrorsOr = (e: unknown) => {
    if (e instanceof ApiError && e.rowErrors.length > 0) setRowErrors(e.rowErrors);
    else throw e;
  };

  const runPreview = () => {
    reset();
    setBusy('preview');
    return sending.run(async () => {
      try {
        const result = await invoke('fund.previewStatement', { communityId, file: await payload(), unmatched });
        setPreview(result);
        setRowErrors(result.errors);
      } catch (e) {
        rowErrorsOr(e);
      }
    }).finally(() => setBusy(null));
  };

  const canImport = preview !== null && preview.errors.length === 0 && preview.rows.length > 0;

  const runImport = () => {
    if (!canImport) {
      sending.setErrors([t.mustPreview]);
      return Promise.resolve();
    }
    setBusy('import');
    return sending.run(async () => {
      try {
        const result = await invoke('fund.importStatement', { communityId, file: await payload(), unmatched });
        setImported(result);
        setPreview(null);
        message.success(t.statementImported(formatCount(result.deposits), formatCount(result.unidentified), formatCount(result.duplicates)));
        onImported();
      } catch (e) {
        setPreview(null);
        rowErrorsOr(e);
      }
    }).finally(() => setBusy(null));
  };

  return (
    <div className="statement-layout" data-testid="statement-import">
      <section className="panel statement-steps">
        <div className="statement-step">
          <h3 className="step-title"><span className="step-no">1</span>{t.statementStep1}</h3>
          <FileChoice file={file} testId="statement-file" onChoose={(f) => { setFile(f); reset(); }} />
        </div>
        <div className="statement-step">
          <h3 className="step-title"><span className="step-no">2</span>{t.statementStep2}</h3>
          <Radio.Group
            value={unmatched}
            onChange={(e) => setUnmatched(e.target.value as Unmatched)}
            data-testid="statement-unmatched"
            options={[
              { value: 'suspense', label: <span data-testid="statement-unmatched-suspense">{t.unmatchedSuspense}</span> },
              { value: 'skip', label: <span data-testid="statement-unmatched-skip">{t.unmatchedSkip}</span> },
            ]}
          />
        </div>
        <div className="statement-actions">
          <Button onClick={() => void runPreview()} loading={busy === 'preview'} disabled={busy === 'import'} data-testid="statement-preview">{t.preview}</Button>
          <Button type="primary" onClick={() => void runImport()} loading={busy === 'import'} disabled={!canImport || busy === 'preview'} data-testid="statement-import-button">
            {t.importStatement}
          </Button>
        </div>
      </section>
      <div data-testid="statement-errors"><FormError messages={sending.errors} /></div>
      {rowErrors.length > 0 && (
        <div data-testid="statement-row-errors">
          <ImportErrors errors={rowErrors} title={t.statementErrorsTitle(formatCount(rowErrors.length))} />
        </div>
      )}
      {imported && <ImportedResult result={imported} />}
      {preview && preview.rows.length > 0 && <StatementPreview rows={preview.rows} unmatched={unmatched} />}
    </div>
  );
}

function StatementPreview({ rows, unmatched }: { rows: StatementRow[]; unmatched: Unmatched }) {
  const [filter, setFilter] = useState<Filter>('all');
  const counts = useMemo(() => {
    const c = { address: 0, owner: 0, none: 0, duplicate: 0 };
    let fresh = 0;
    for (const r of rows) {
      const m = matchOf(r);
      c[m]++;
      // What this import will post: new matched rows, and the unmatched when they go to 待查明款项.
      if (m === 'address' || m === 'owner' || (m === 'none' && unmatched === 'suspense')) fresh += yuanToFen(r.amount);
    }
    return { ...c, fresh };
  }, [rows, unmatched]);
  const shown = useMemo(() => rows.filter((r) => {
    const m = matchOf(r);
    if (filter === 'matched') return m === 'address' || m === 'owner';
    if (filter === 'unmatched') return m === 'none';
    if (filter === 'duplicate') return m === 'duplicate';
    return true;
  }), [rows, filter]);

  return (
    <div className="intake-preview" data-testid="statement-preview-result">
      <div className="intake-figures six">
        <Figure label={t.countAll} value={formatCount(rows.length)} unit={t.rowsUnit} testId="statement-count-all" />
        <Figure label={t.countByAddress} value={formatCount(counts.address)} unit={t.itemsUnit} testId="statement-count-address" />
        <Figure label={t.countByOwner} value={formatCount(counts.owner)} unit={t.itemsUnit} testId="statement-count-owner" />
        <Figure label={t.countUnmatched} value={formatCount(counts.none)} unit={t.itemsUnit} testId="statement-count-unmatched" tone={counts.none > 0 ? 'warn' : undefined} />
        <Figure label={t.countDuplicates} value={formatCount(counts.duplicate)} unit={t.itemsUnit} testId="statement-count-duplicates" />
        <Figure label={t.newAmount} value={money(fenToYuan(counts.fresh))} unit={t.yuan} testId="statement-new-amount" tone="strong" />
      </div>
      <div className="statement-rows-head">
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          data-testid="statement-filter"
          options={[
            { value: 'all', label: `${t.filterAll} ${rows.length}` },
            { value: 'matched', label: `${t.filterMatched} ${counts.address + counts.owner}` },
            { value: 'unmatched', label: `${t.filterUnmatched} ${counts.none}` },
            { value: 'duplicate', label: `${t.filterDuplicates} ${counts.duplicate}` },
          ]}
        />
      </div>
      <div className="statement-grid">
        <DataGrid
          testId="statement-rows"
          columns={statementColumns}
          source={{ kind: 'local', rows: shown }}
          getRowId={(r) => String(r.row)}
          emptyText={t.noRowsInFilter}
        />
      </div>
    </div>
  );
}

export const statementColumns: ColumnDef<StatementRow>[] = [
  { id: 'row', header: t.colRow, size: 56, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{row.original.row}</span> },
  { id: 'date', header: t.colDate, size: 106, cell: ({ row }) => <span className="num">{row.original.date}</span> },
  { id: 'amount', header: t.colAmount, size: 120, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.amount} /> },
  { id: 'payer', header: t.colPayer, size: 120, cell: ({ row }) => <span title={row.original.payer}>{row.original.payer}</span> },
  { id: 'memo', header: t.colMemo, size: 200, meta: { grow: true }, cell: ({ row }) => <span title={row.original.memo}>{row.original.memo}</span> },
  {
    id: 'match', header: t.colHow, size: 96,
    cell: ({ row }) => {
      const tag = MATCH_TAG[matchOf(row.original)];
      return <Tag color={tag.color} className="intake-tag" data-testid="statement-match">{tag.text}</Tag>;
    },
  },
  {
    id: 'part', header: t.colMatchedPart, size: 230,
    cell: ({ row }) => row.original.address
      ? <span className="strong">{row.original.address}</span>
      : <span className="intake-muted" title={row.original.how}>{row.original.how}</span>,
  },
];

function ImportedResult({ result }: { result: Imported }) {
  return (
    <div className="intake-preview" data-testid="statement-result">
      <Alert
        type="success"
        showIcon
        title={<span data-testid="statement-result-text">{t.statementImported(formatCount(result.deposits), formatCount(result.unidentified), formatCount(result.duplicates))}</span>}
      />
      <div className="intake-figures">
        <Figure label={t.resultDeposits} value={formatCount(result.deposits)} unit={t.itemsUnit} testId="statement-result-deposits" />
        <Figure label={t.resultUnidentified} value={formatCount(result.unidentified)} unit={t.itemsUnit} testId="statement-result-unidentified" />
        <Figure label={t.countDuplicates} value={formatCount(result.duplicates)} unit={t.itemsUnit} testId="statement-result-duplicates" />
      </div>
      {result.leftOut.length > 0 && (
        <>
          <Alert type="warning" showIcon title={t.leftOutTitle(formatCount(result.leftOut.length))} data-testid="statement-left-out-title" />
          <DataGrid
            testId="statement-left-out"
            columns={statementColumns}
            source={{ kind: 'local', rows: result.leftOut }}
            getRowId={(r) => String(r.row)}
            autoHeightRows={10}
          />
        </>
      )}
    </div>
  );
}
