/**
 * A bank statement in: choose the xlsx, preview every row with the class main
 * suggests (interest by its memo, a deposit by address or sole owner, a repair
 * payment by its contractor, a bank charge, already booked by hand) and what
 * was posted before; change any row's class (更改); choose what happens to
 * rows nobody could classify; import. Main remembers every row it posted, so
 * importing the same or an overlapping statement again posts nothing twice,
 * and the result says so row by row.
 */
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Radio, Segmented, Tag } from 'antd';
import type { MethodInput, MethodOutput } from '../../../../../shared/contract/methods';
import { STATEMENT_CLASS_NAMES } from '../../../../../shared/domain/bank-statement';
import { fenToYuan } from '../../../../../shared/domain/money';
import type { RowError } from '../../../../../shared/domain/roster-rows';
import { invoke } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { readFilePayload, tableFileTooBig } from '../../../api/files';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { FormError } from '../../../components/FormError';
import { useSending } from '../../../components/useFormSubmit';
import { formatCount } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { ImportErrors } from '../../register/import/ImportErrors';
import { Yuan } from '../fund/fundShared';
import { ClassifyModal, type Classified } from './ClassifyModal';
import { Figure, FileChoice, money, yuanToFen } from './intakeShared';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.intake;

type Preview = MethodOutput<'fund.previewStatement'>;
type Imported = MethodOutput<'fund.importStatement'>;
export type StatementRow = Preview['rows'][number];
type ResultRow = Imported['rows'][number];
type RowChoice = MethodInput<'fund.importStatement'>['classes'] extends (infer C)[] | undefined ? C : never;
type Unmatched = 'suspense' | 'skip';
type Filter = 'all' | 'new' | 'unidentified' | 'unclassified' | 'duplicate';

/** The row as it will be posted: main's suggestion, or the treasurer's choice. */
function withChoice(r: StatementRow, c: Classified | undefined): StatementRow {
  if (!c) return r;
  return { ...r, class: c.class, partId: c.partId, address: c.address, projectId: c.projectId, project: c.project, how: '按选择' };
}

export function StatementImport({ communityId, onImported }: { communityId: string; onImported: () => void }) {
  const can = useCan();
  const { message } = AntApp.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [unmatched, setUnmatched] = useState<Unmatched>('suspense');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [choices, setChoices] = useState<Map<number, Classified>>(new Map());
  const [rowErrors, setRowErrors] = useState<RowError[]>([]);
  const [imported, setImported] = useState<Imported | null>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const [classifying, setClassifying] = useState<StatementRow | null>(null);
  const sending = useSending();

  const reset = () => {
    setPreview(null);
    setChoices(new Map());
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

  const rows = useMemo(() => (preview?.rows ?? []).map((r) => withChoice(r, choices.get(r.row))), [preview, choices]);
  const unclassified = rows.filter((r) => !r.duplicate && r.class === null).length;
  const canImport = preview !== null && preview.errors.length === 0 && rows.length > 0 && unclassified === 0;

  const runImport = () => {
    if (!canImport) {
      sending.setErrors([unclassified > 0 ? t.mustClassify(formatCount(unclassified)) : t.mustPreview]);
      return Promise.resolve();
    }
    setBusy('import');
    const classes: RowChoice[] = [...choices].map(([row, c]) => ({ row, class: c.class, partId: c.partId, projectId: c.projectId, entryId: null }));
    // A row chosen 已记账 again keeps main's entry.
    for (const c of classes) if (c.class === 'booked') c.entryId = preview!.rows.find((r) => r.row === c.row)?.entryId ?? null;
    return sending.run(async () => {
      try {
        const result = await invoke('fund.importStatement', { communityId, file: await payload(), unmatched, classes });
        setImported(result);
        setPreview(null);
        setChoices(new Map());
        message.success(t.statementImported(formatCount(result.posted), formatCount(result.skipped), formatCount(result.leftOut)));
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
            onChange={(e) => { setUnmatched(e.target.value as Unmatched); setPreview(null); }}
            data-testid="statement-unmatched"
            options={[
              { value: 'suspense', label: <span data-testid="statement-unmatched-suspense">{t.unmatchedSuspense}</span> },
              { value: 'skip', label: <span data-testid="statement-unmatched-skip">{t.unmatchedSkip}</span> },
            ]}
          />
        </div>
        {can('books.write') && <div className="statement-actions">
          <Button onClick={() => void runPreview()} loading={busy === 'preview'} disabled={busy === 'import'} data-testid="statement-preview">{t.preview}</Button>
          {/* A row still to classify leaves the button on: pressing it says which. */}
          <Button type="primary" onClick={() => void runImport()} loading={busy === 'import'} disabled={preview === null || preview.errors.length > 0 || busy === 'preview'} data-testid="statement-import-button">
            {t.importStatement}
          </Button>
        </div>}
      </section>
      <div data-testid="statement-errors"><FormError messages={sending.errors} /></div>
      {rowErrors.length > 0 && (
        <div data-testid="statement-row-errors">
          <ImportErrors errors={rowErrors} title={t.statementErrorsTitle(formatCount(rowErrors.length))} />
        </div>
      )}
      {imported && <ImportedResult result={imported} />}
      {preview && preview.rows.length > 0 && (
        <StatementPreview rows={rows} closing={preview.closing} unclassified={unclassified} onClassify={setClassifying} />
      )}
      <ClassifyModal
        communityId={communityId}
        row={classifying && { ...classifying, bookedNumber: preview?.rows.find((r) => r.row === classifying.row)?.entryNumber ?? null }}
        onClose={() => setClassifying(null)}
        onChosen={(c) => {
          setChoices((m) => new Map(m).set(classifying!.row, c));
          setClassifying(null);
        }}
      />
    </div>
  );
}

function StatementPreview({ rows, closing, unclassified, onClassify }: {
  rows: StatementRow[]; closing: Preview['closing']; unclassified: number; onClassify: (r: StatementRow) => void;
}) {
  const [filter, setFilter] = useState<Filter>('all');
  const counts = useMemo(() => {
    let fresh = 0;
    let duplicate = 0;
    let unidentified = 0;
    let into = 0;
    let out = 0;
    for (const r of rows) {
      if (r.duplicate) { duplicate++; continue; }
      if (r.class === null || r.class === 'skip') continue;
      fresh++;
      if (r.class === 'unidentified') unidentified++;
      // What this import books anew: not the rows matched to entries already booked.
      if (r.class === 'booked') continue;
      const fen = yuanToFen(r.amount);
      if (fen > 0) into += fen;
      else out -= fen;
    }
    return { fresh, duplicate, unidentified, into, out };
  }, [rows]);
  const shown = useMemo(() => rows.filter((r) => {
    if (filter === 'new') return !r.duplicate && r.class !== null && r.class !== 'skip';
    if (filter === 'unidentified') return !r.duplicate && r.class === 'unidentified';
    if (filter === 'unclassified') return !r.duplicate && r.class === null;
    if (filter === 'duplicate') return r.duplicate;
    return true;
  }), [rows, filter]);
  const columns = useMemo(() => previewColumns(onClassify), [onClassify]);

  return (
    <div className="intake-preview" data-testid="statement-preview-result">
      <div className="intake-figures six">
        <Figure label={t.countAll} value={formatCount(rows.length)} unit={t.rowsUnit} testId="statement-count-all" />
        <Figure label={t.countNew} value={formatCount(counts.fresh)} unit={t.itemsUnit} testId="statement-count-new" />
        <Figure label={t.countUnclassified} value={formatCount(unclassified)} unit={t.itemsUnit} testId="statement-count-unclassified" tone={unclassified > 0 ? 'warn' : undefined} />
        <Figure label={t.countDuplicates} value={formatCount(counts.duplicate)} unit={t.itemsUnit} testId="statement-count-duplicates" />
        <Figure label={t.newIn} value={money(fenToYuan(counts.into))} unit={t.yuan} testId="statement-new-in" tone="strong" />
        <Figure label={t.newOut} value={money(fenToYuan(counts.out))} unit={t.yuan} testId="statement-new-out" />
      </div>
      <div className="statement-rows-head">
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          data-testid="statement-filter"
          options={[
            { value: 'all', label: `${t.filterAll} ${rows.length}` },
            { value: 'new', label: `${t.filterNew} ${counts.fresh}` },
            { value: 'unidentified', label: `${t.filterUnidentified} ${counts.unidentified}` },
            { value: 'unclassified', label: `${t.filterUnclassified} ${unclassified}` },
            { value: 'duplicate', label: `${t.filterDuplicates} ${counts.duplicate}` },
          ]}
        />
        <span className="intake-muted" data-testid="statement-closing">
          {closing ? <>{t.closing(closing.date)}：<span className="num strong">{money(closing.balance)}</span> {t.yuan}</> : t.noClosing}
        </span>
      </div>
      {unclassified > 0 && <Alert type="warning" showIcon title={t.mustClassify(formatCount(unclassified))} data-testid="statement-must-classify" />}
      <div className="statement-grid">
        <DataGrid
          testId="statement-rows"
          columns={columns}
          source={{ kind: 'local', rows: shown }}
          getRowId={(r) => String(r.row)}
          emptyText={t.noRowsInFilter}
        />
      </div>
    </div>
  );
}

/** A row's class as a tag; the rows posted before and those waiting for a choice stand out. */
export function ClassTag({ row }: { row: Pick<StatementRow, 'class' | 'duplicate'> }) {
  if (row.duplicate) return <Tag className="intake-tag" data-testid="statement-class">{t.duplicateTag}</Tag>;
  if (row.class === null) return <Tag color="orange" className="intake-tag" data-testid="statement-class">{t.unclassified}</Tag>;
  const color = row.class === 'unidentified' ? 'gold' : row.class === 'skip' ? 'default' : row.class === 'interest' ? 'green' : 'blue';
  return <Tag color={color} className="intake-tag" data-testid="statement-class">{STATEMENT_CLASS_NAMES[row.class]}</Tag>;
}

/** Where the row goes, in words: the part, the project, the entry booked by hand, or why main could not tell. */
function targetOf(r: StatementRow): string {
  if (r.duplicate) return r.postedBefore ?? '';
  if (r.class === 'deposit') return r.address ?? '';
  if (r.class === 'repair') return r.project ?? '';
  if (r.class === 'booked' && r.entryNumber !== null) return t.bookedText(r.entryNumber);
  return r.how;
}

const baseColumns: ColumnDef<StatementRow>[] = [
  { id: 'row', header: t.colRow, size: 52, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{row.original.row}</span> },
  { id: 'date', header: t.colDate, size: 100, cell: ({ row }) => <span className="num">{row.original.date}</span> },
  { id: 'amount', header: t.colAmount, size: 112, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.amount} /> },
  { id: 'payer', header: t.colPayer, size: 110, cell: ({ row }) => <span title={row.original.payer}>{row.original.payer}</span> },
  { id: 'memo', header: t.colMemo, size: 170, meta: { grow: true }, cell: ({ row }) => <span title={row.original.memo}>{row.original.memo}</span> },
  { id: 'class', header: t.colClass, size: 118, cell: ({ row }) => <ClassTag row={row.original} /> },
  {
    id: 'target', header: t.colTarget, size: 220,
    cell: ({ row }) => {
      const text = targetOf(row.original);
      const plain = row.original.duplicate || row.original.class === null || row.original.class === 'unidentified';
      return <span className={plain ? 'intake-muted' : 'strong'} title={row.original.how} data-testid="statement-target">{text}</span>;
    },
  },
];

function previewColumns(onClassify: (r: StatementRow) => void): ColumnDef<StatementRow>[] {
  return [...baseColumns, {
    id: 'action', header: t.colAction, size: 70, meta: { align: 'center' },
    cell: ({ row }) => (row.original.duplicate ? null : (
      <Button size="small" type="link" className="intake-link-button" onClick={() => onClassify(row.original)} data-testid="statement-change">{t.change}</Button>
    )),
  }];
}

const resultColumns: ColumnDef<ResultRow>[] = [
  ...(baseColumns as ColumnDef<ResultRow>[]),
  {
    id: 'outcome', header: t.colOutcome, size: 150,
    cell: ({ row }) => (
      <span data-testid="statement-outcome">
        {t.outcome[row.original.outcome]}{row.original.postedAs !== null ? `，${t.entryText(row.original.postedAs)}` : ''}
      </span>
    ),
  },
];

function ImportedResult({ result }: { result: Imported }) {
  return (
    <div className="intake-preview" data-testid="statement-result">
      <Alert
        type="success"
        showIcon
        title={<span data-testid="statement-result-text">{t.statementImported(formatCount(result.posted), formatCount(result.skipped), formatCount(result.leftOut))}</span>}
      />
      <div className="intake-figures six">
        <Figure label={t.resultPosted} value={formatCount(result.posted)} unit={t.itemsUnit} testId="statement-result-posted" tone="strong" />
        <Figure label={t.resultDeposits} value={formatCount(result.deposits)} unit={t.itemsUnit} testId="statement-result-deposits" />
        <Figure label={t.resultInterest} value={formatCount(result.interest)} unit={t.itemsUnit} testId="statement-result-interest" />
        <Figure label={t.resultUnidentified} value={formatCount(result.unidentified)} unit={t.itemsUnit} testId="statement-result-unidentified" />
        <Figure label={t.resultSkipped} value={formatCount(result.skipped)} unit={t.itemsUnit} testId="statement-result-skipped" />
        <Figure label={t.resultLeftOut} value={formatCount(result.leftOut)} unit={t.itemsUnit} testId="statement-result-left-out" tone={result.leftOut > 0 ? 'warn' : undefined} />
      </div>
      {result.leftOut > 0 && <Alert type="warning" showIcon title={t.leftOutTitle(formatCount(result.leftOut))} data-testid="statement-left-out-title" />}
      <div className="statement-grid">
        <DataGrid
          testId="statement-result-rows"
          columns={resultColumns}
          source={{ kind: 'local', rows: result.rows }}
          getRowId={(r) => String(r.row)}
        />
      </div>
    </div>
  );
}
