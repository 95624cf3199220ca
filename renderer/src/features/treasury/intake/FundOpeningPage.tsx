/**
 * 期初建账: the fund's opening balances from the template (fund.openingTemplate),
 * as of a date, reconciled with the fund's bank balance that day. The preview
 * (fund.previewOpening) writes nothing: every row error by row and column, the
 * totals, the difference against the bank. A difference needs a written note
 * and is booked to 待查明款项; 导入期初余额 opens the look before the posting
 * (PostingConfirm: how many households, the totals against the bank, the
 * first rows) and its 确认导入 has fund.importOpening post one opening entry.
 * Any change to the file, the date or the bank balance asks for a new preview.
 * Once the books have an entry, opening is refused: the page says so up front.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Result, Space, Typography } from 'antd';
import { DateField } from '../../../components/DateField';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { openingInput } from '../../../../../shared/contract/treasury/intake';
import type { RowError } from '../../../../../shared/domain/roster-rows';
import { fenToCapitals } from '../../../../../shared/domain/money';
import { invoke } from '../../../api/client';
import { ApiError, errorMessage } from '../../../api/errors';
import { downloadFile, readFilePayload, tableFileTooBig } from '../../../api/files';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { useSending } from '../../../components/useFormSubmit';
import { checkForm } from '../../../components/zodForm';
import { formatCount } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { ImportErrors } from '../../register/import/ImportErrors';
import { Yuan } from '../fund/fundShared';
import { PostingConfirm } from '../fund/PostingConfirm';
import { Figure, FileChoice, money, yuanToFen } from './intakeShared';

const t = zhCN.intake;

type Preview = MethodOutput<'fund.previewOpening'>;
type Opened = MethodOutput<'fund.importOpening'>;
type SampleRow = Preview['sample'][number];

/** The form's fields, checked with the contract's own words. */
const fieldsSchema = openingInput.pick({ asOf: true, bankBalance: true, suspenseNote: true });

interface Values { asOf?: string; bankBalance?: string; suspenseNote?: string }

/** The last day of last year: the usual date books are taken over from. */
function lastYearEnd(): string {
  return `${new Date().getFullYear() - 1}-12-31`;
}

export function FundOpeningPage({ communityId }: { communityId: string }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [rowErrors, setRowErrors] = useState<RowError[]>([]);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [asOfShown, setAsOfShown] = useState('');
  const sending = useSending();
  const [busy, setBusy] = useState<'template' | 'preview' | 'import' | null>(null);
  // Whether the books already have entries: then opening is refused, and said so before any work.
  const entries = useQuery('ledger.entries', { communityId, offset: 0, limit: 1 });
  const alreadyOpen = !opened && (entries.data?.total ?? 0) > 0;

  const stale = () => {
    setPreview(null);
    setRowErrors([]);
    sending.setErrors([]);
  };

  /** What main is sent: the amounts as typed (the contract reads them), the file as base64. */
  const inputs = async () => {
    const values = form.getFieldsValue(true) as Values;
    if (!file) throw new Error(t.noFileChosen);
    const tooBig = tableFileTooBig(file);
    if (tooBig) throw new Error(tooBig);
    return {
      communityId, asOf: values.asOf ?? '', bankBalance: values.bankBalance ?? '', suspenseNote: values.suspenseNote ?? '',
      file: await readFilePayload(file),
    };
  };

  /** The date and the bank balance checked by the contract's schema, each message on its field. */
  const fieldsOk = () => {
    const values = form.getFieldsValue(true) as Values;
    const checked = checkForm(form, fieldsSchema, { asOf: values.asOf ?? '', bankBalance: values.bankBalance ?? '', suspenseNote: values.suspenseNote ?? '' });
    if (!checked.ok) sending.setErrors(checked.otherErrors);
    return checked.ok;
  };

  const showError = (e: unknown) => {
    if (e instanceof ApiError && e.rowErrors.length > 0) setRowErrors(e.rowErrors);
    else throw e;
  };

  const runPreview = () => {
    stale();
    if (!fieldsOk()) return Promise.resolve();
    setBusy('preview');
    return sending.run(async () => {
      try {
        const result = await invoke('fund.previewOpening', await inputs());
        setPreview(result);
        setRowErrors(result.errors);
      } catch (e) {
        showError(e);
      }
    }).finally(() => setBusy(null));
  };

  const difference = preview ? yuanToFen(preview.difference) : 0;
  const canImport = preview !== null && preview.errors.length === 0;

  const runImport = () => {
    sending.setErrors([]);
    if (!canImport) {
      sending.setErrors([t.mustPreview]);
      return Promise.resolve();
    }
    const note = String(form.getFieldValue('suspenseNote') ?? '').trim();
    if (difference !== 0 && note === '') {
      form.setFields([{ name: 'suspenseNote', errors: [t.suspenseNoteRequired] }]);
      return Promise.resolve();
    }
    setConfirming(true);
    return Promise.resolve();
  };

  const postImport = () => {
    setBusy('import');
    return sending.run(async () => {
      try {
        const input = await inputs();
        const result = await invoke('fund.importOpening', input);
        setAsOfShown(input.asOf);
        setConfirming(false);
        setOpened(result);
        message.success(t.openedTitle);
      } catch (e) {
        setConfirming(false);
        setPreview(null);
        showError(e);
      }
    }).finally(() => setBusy(null));
  };

  const downloadTemplate = async () => {
    setBusy('template');
    try {
      downloadFile(await invoke('fund.openingTemplate', { communityId }));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const back = <Button onClick={() => navigate({ name: 'fund', communityId })} data-testid="opening-back">{t.backToFund}</Button>;

  if (opened) {
    const suspense = yuanToFen(opened.suspense);
    return (
      <div className="page page-scroll" data-testid="opening-page">
        <PageHeader title={t.openingTitle} />
        <section className="panel">
          <Result
            status="success"
            title={t.openedTitle}
            subTitle={
              <div data-testid="opening-done">
                <div>{t.openedSub(formatCount(opened.rows), asOfShown)}</div>
                {suspense !== 0 && <div data-testid="opening-done-suspense">{t.openedSuspense(money(opened.suspense))}</div>}
              </div>
            }
            extra={
              <Space>
                <Button type="primary" onClick={() => navigate({ name: 'fund', communityId })} data-testid="opening-done-fund">{t.backToFund}</Button>
                <Button onClick={() => navigate({ name: 'ledger', communityId, entryId: opened.entryId })} data-testid="opening-done-entry">{t.viewEntry}</Button>
              </Space>
            }
          />
        </section>
      </div>
    );
  }

  return (
    <div className="page page-scroll opening-page" data-testid="opening-page" data-ready={entries.data ? 'true' : 'false'}>
      <PageHeader title={t.openingTitle} extra={back} />
      <Typography.Paragraph type="secondary" className="page-intro intake-intro">{t.openingIntro}</Typography.Paragraph>
      {alreadyOpen && (
        <Alert
          type="info"
          showIcon
          data-testid="opening-already-open"
          title={t.alreadyOpen(formatCount(entries.data?.total ?? 0))}
          action={<Button size="small" onClick={() => navigate({ name: 'ledger', communityId })}>{t.openLedger}</Button>}
        />
      )}
      <div className="import-layout">
        <section className="panel import-steps">
          <h3 className="step-title"><span className="step-no">1</span>{t.openingStep1}</h3>
          <Button onClick={() => void downloadTemplate()} loading={busy === 'template'} data-testid="opening-template">{t.openingTemplate}</Button>
          <div className="intake-hint">{t.openingTemplateHint}</div>

          <h3 className="step-title"><span className="step-no">2</span>{t.openingStep2}</h3>
          <FileChoice file={file} testId="opening-file" onChoose={(f) => { setFile(f); stale(); }} />

          <h3 className="step-title"><span className="step-no">3</span>{t.openingStep3}</h3>
          <Form
            form={form}
            layout="vertical"
            className="compact-form"
            data-testid="opening-form"
            initialValues={{ asOf: lastYearEnd(), bankBalance: '', suspenseNote: '' }}
            onValuesChange={(changed: Values) => {
              // The note does not change what the file says; everything else asks for a new preview.
              if ('suspenseNote' in changed) form.setFields([{ name: 'suspenseNote', errors: [] }]);
              else stale();
            }}
          >
            <div className="form-row">
              <Form.Item name="asOf" label={t.asOf} required extra={t.asOfHint}>
                <DateField data-testid="opening-date" />
              </Form.Item>
              <Form.Item name="bankBalance" label={t.bankBalance} required extra={t.bankBalanceHint}>
                <Input inputMode="decimal" placeholder={t.bankBalancePlaceholder} data-testid="opening-bank" />
              </Form.Item>
            </div>

            <h3 className="step-title"><span className="step-no">4</span>{t.openingStep4}</h3>
            {canImport && difference !== 0 && (
              <Form.Item name="suspenseNote" label={t.suspenseNote} required>
                <Input.TextArea rows={3} maxLength={500} showCount placeholder={t.suspenseNotePlaceholder} data-testid="opening-note" />
              </Form.Item>
            )}
          </Form>
          <div data-testid="opening-errors"><FormError messages={sending.errors} /></div>
          <Space className="intake-actions">
            <Button onClick={() => void runPreview()} loading={busy === 'preview'} disabled={busy === 'import' || alreadyOpen} data-testid="opening-preview">{t.preview}</Button>
            <Button
              type="primary"
              onClick={() => void runImport()}
              loading={busy === 'import'}
              disabled={!canImport || busy === 'preview' || alreadyOpen}
              data-testid="opening-import"
            >
              {t.openImport}
            </Button>
          </Space>
        </section>
        <section className="import-results">
          {rowErrors.length > 0 && (
            <div data-testid="opening-row-errors">
              <ImportErrors errors={rowErrors} title={t.openingErrorsTitle(formatCount(rowErrors.length))} />
            </div>
          )}
          {/* With errors the totals would add up rows read in part: only the errors are shown. */}
          {preview && preview.errors.length === 0 && <OpeningPreview preview={preview} />}
        </section>
      </div>
      {preview && (
        <PostingConfirm
          open={confirming}
          title={t.confirmTitle}
          testId="opening-confirm"
          summary={t.confirmSummary(formatCount(preview.rows), String(form.getFieldValue('asOf') ?? ''), money(preview.totals.balance), money(preview.bankBalance), difference !== 0 ? money(preview.difference) : null)}
          facts={[
            { label: t.asOf, value: String(form.getFieldValue('asOf') ?? '') },
            { label: t.rowsRead, value: `${formatCount(preview.rows)} ${t.partsUnit}`, testId: 'opening-confirm-rows' },
            { label: t.totalBalance, value: `${money(preview.totals.balance)} ${t.yuan}`, testId: 'opening-confirm-total' },
            { label: t.bank, value: `${money(preview.bankBalance)} ${t.yuan}` },
            ...(difference !== 0 ? [
              { label: t.difference, value: `${money(preview.difference)} ${t.yuan}`, testId: 'opening-confirm-difference' },
              { label: t.suspenseNote, value: String(form.getFieldValue('suspenseNote') ?? '') },
            ] : []),
          ]}
          table={<SampleRows preview={preview} />}
          confirmLabel={t.importOpening}
          busy={busy === 'import'}
          errors={sending.errors}
          onConfirm={() => void postImport()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}

/** The first rows of the file as they will be recorded (the preview carries 20 of them). */
function SampleRows({ preview: p }: { preview: Preview }) {
  if (p.sample.length === 0) return null;
  return (
    <>
      <div className="section-title intake-section-title"><span>{t.sampleOf(formatCount(p.sample.length), formatCount(p.rows))}</span></div>
      <DataGrid testId="opening-confirm-sample" columns={sampleColumns} source={{ kind: 'local', rows: p.sample }} getRowId={(r) => String(r.row)} autoHeightRows={8} />
    </>
  );
}

const sampleColumns: ColumnDef<SampleRow>[] = [
  { id: 'row', header: t.colRow, size: 64, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{row.original.row}</span> },
  { id: 'address', header: t.colAddress, size: 160, meta: { grow: true }, cell: ({ row }) => <span className="strong">{row.original.address}</span> },
  { id: 'balance', header: t.colBalance, size: 150, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.balance} /> },
];

/** The totals against the bank, the difference in words, the first rows. */
function OpeningPreview({ preview: p }: { preview: Preview }) {
  const difference = yuanToFen(p.difference);
  const abs = Math.abs(difference);
  return (
    <div className="intake-preview" data-testid="opening-preview-result">
      <div className="section-title intake-section-title"><span>{t.totalsTitle}</span></div>
      <div className="intake-figures">
        <Figure label={t.rowsRead} value={formatCount(p.rows)} unit={t.partsUnit} testId="opening-rows" />
        <Figure
          label={t.missingParts}
          value={formatCount(p.missingParts)}
          unit={t.partsUnit}
          testId="opening-missing"
          tone={p.missingParts > 0 ? 'warn' : undefined}
          hint={p.missingParts > 0 ? t.missingPartsHint : undefined}
        />
        <Figure label={t.totalInitialDue} value={money(p.totals.initialDue)} unit={t.yuan} testId="opening-total-initial-due" />
        <Figure label={t.totalDeposited} value={money(p.totals.deposited)} unit={t.yuan} testId="opening-total-deposited" />
        <Figure label={t.totalEarnings} value={money(p.totals.earnings)} unit={t.yuan} testId="opening-total-earnings" />
        <Figure label={t.totalUsed} value={money(p.totals.used)} unit={t.yuan} testId="opening-total-used" />
      </div>
      <div className="intake-reconcile-row">
        <div className="intake-reconcile" data-testid="opening-reconcile">
          <div className="intake-reconcile-line">
            <span>{t.totalBalance}</span>
            <span className="num" data-testid="opening-total-balance">{money(p.totals.balance)}</span>
          </div>
          <div className="intake-reconcile-line">
            <span>{t.bank}</span>
            <span className="num" data-testid="opening-bank-balance">{money(p.bankBalance)}</span>
          </div>
          <div className={`intake-reconcile-line total${difference !== 0 ? ' warn' : ''}`}>
            <span>{t.difference}</span>
            <span className="num" data-testid="opening-difference">{money(p.difference)}</span>
          </div>
        </div>
        {difference === 0 && <Alert type="success" showIcon title={t.balanced} data-testid="opening-balanced" />}
        {difference !== 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="opening-difference-alert"
            title={t.differenceTitle(money(p.difference), fenToCapitals(abs))}
            description={<>{difference > 0 ? t.differenceMore : t.differenceLess}<br />{t.differenceNote}</>}
          />
        )}
      </div>
      {p.sample.length > 0 && (
        <>
          <div className="section-title intake-section-title"><span>{t.sampleTitle}</span></div>
          <DataGrid
            testId="opening-sample"
            columns={sampleColumns}
            source={{ kind: 'local', rows: p.sample }}
            getRowId={(r) => String(r.row)}
            autoHeightRows={10}
          />
        </>
      )}
    </div>
  );
}
