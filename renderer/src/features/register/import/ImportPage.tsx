/**
 * Import a roster (花名册) as a wizard: 1 the file and the community (a new
 * name, or an existing community without parts) → 2 the preview, its summary
 * or its errors at the top of the step, the errors downloadable as xlsx with
 * the rows marked → 3 confirm → the result. Back keeps the chosen file. Long
 * work shows rows read / written and the seconds so far. The community's
 * rules are not asked here: a new community takes the defaults, and 小区设置
 * changes them.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Result, Space, Steps, Typography } from 'antd';
import { communityFields } from '../../../../../shared/contract/register';
import type { MethodInput, MethodOutput } from '../../../../../shared/contract/methods';
import type { RowError } from '../../../../../shared/domain/roster-rows';
import { invoke } from '../../../api/client';
import { ApiError, errorMessage } from '../../../api/errors';
import { downloadFile, readFilePayload, tableFileTooBig } from '../../../api/files';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount, groupedArea } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { useCommunities } from '../communities/CommunitiesContext';
import { ImportChooseStep, type ImportTarget } from './ImportChooseStep';
import { ImportErrors } from './ImportErrors';
import { ImportPreview } from './ImportPreview';
import { ImportProgressLine } from './ImportProgressLine';
import { UnusualAreas } from './UnusualAreas';
import { useImportProgress } from './useImportProgress';

const t = zhCN.importer;

type Preview = MethodOutput<'roster.previewImport'>;
type Imported = MethodOutput<'roster.import'> & { name: string };
type Request = Omit<MethodInput<'roster.import'>, 'ticket' | 'acceptUnusual'>;

export function ImportPage() {
  const { message } = AntApp.useApp();
  const communities = useCommunities();
  const { running, track } = useImportProgress();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [target, setTarget] = useState<ImportTarget>({ kind: 'new', name: '' });
  const [preview, setPreview] = useState<Preview | null>(null);
  const [rowErrors, setRowErrors] = useState<RowError[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [confirmedUnusual, setConfirmedUnusual] = useState(false);
  const [templateBusy, setTemplateBusy] = useState(false);
  const [imported, setImported] = useState<Imported | null>(null);

  const targetName = target.kind === 'new' ? target.name.trim() : communities.list?.find((c) => c.id === target.id)?.name ?? '';
  const clearResults = () => {
    setPreview(null);
    setRowErrors([]);
    setErrors([]);
    setConfirmedUnusual(false);
  };

  /** What every call sends; null (with the reason shown) when step 1 is incomplete. */
  const request = async (): Promise<Request | null> => {
    const problems: string[] = [];
    if (!file) problems.push(t.noFile);
    else {
      const tooBig = tableFileTooBig(file);
      if (tooBig) problems.push(tooBig);
    }
    if (target.kind === 'new') {
      const name = communityFields.shape.name.safeParse(target.name);
      if (!name.success) problems.push(name.error.issues[0]!.message);
    } else if (!target.id) problems.push(t.existingPlaceholder);
    setErrors(problems);
    if (problems.length > 0 || !file) return null;
    const payload = await readFilePayload(file);
    return target.kind === 'new' ? { file: payload, community: { name: target.name.trim() } } : { file: payload, communityId: target.id };
  };

  const showError = (e: unknown) => {
    if (e instanceof ApiError && e.rowErrors.length > 0) setRowErrors(e.rowErrors);
    else setErrors([errorMessage(e)]);
  };

  const runPreview = async () => {
    clearResults();
    const input = await request();
    if (!input) return;
    setStep(1);
    try {
      const result = await track('preview', (ticket) => invoke('roster.previewImport', { ...input, ticket }));
      setPreview(result);
      setRowErrors(result.errors);
    } catch (e) {
      showError(e);
    }
  };

  const downloadErrors = async () => {
    const input = await request();
    if (!input) return;
    try {
      downloadFile(await track('errors', (ticket) => invoke('roster.importErrors', { ...input, acceptUnusual: confirmedUnusual, ticket })));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const runImport = async () => {
    if (preview?.ok !== true) return;
    if (preview.unusualCount > 0 && !confirmedUnusual) {
      setErrors([t.mustConfirmUnusual]);
      return;
    }
    const input = await request();
    if (!input) return;
    setRowErrors([]);
    try {
      const result = await track('import', (ticket) => invoke('roster.import', { ...input, acceptUnusual: confirmedUnusual, ticket }));
      message.success(t.imported(formatCount(result.summary.parts)));
      communities.reload();
      setImported({ ...result, name: targetName });
      setStep(3);
    } catch (e) {
      showError(e);
    }
  };

  const downloadTemplate = async () => {
    setTemplateBusy(true);
    try {
      downloadFile(await invoke('roster.template', {}));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setTemplateBusy(false);
    }
  };

  const restart = () => {
    clearResults();
    setFile(null);
    setTarget({ kind: 'new', name: '' });
    setImported(null);
    setStep(0);
  };

  const busy = running !== null;
  const back = (to: number) => (
    <Button onClick={() => { setErrors([]); setStep(to); }} disabled={busy} data-testid="wizard-back">{t.back}</Button>
  );
  const errorList = rowErrors.length > 0 && (
    <ImportErrors
      errors={rowErrors}
      action={<Button size="small" onClick={downloadErrors} loading={running?.what === 'errors'} data-testid="download-errors">{t.downloadErrors}</Button>}
    />
  );

  return (
    <div className="page page-scroll import-page" data-testid="import-page" data-step={step}>
      <PageHeader title={t.title} />
      <Typography.Paragraph type="secondary" className="page-intro">{t.intro}</Typography.Paragraph>
      <Steps current={step} size="small" className="import-wizard-steps" items={t.steps.map((title) => ({ title }))} data-testid="import-steps" />
      <section className="panel import-wizard" data-testid={`import-step-${step}`}>
        {step === 0 && (
          <>
            <ImportChooseStep
              file={file}
              onFile={(f) => { setFile(f); clearResults(); }}
              target={target}
              onTarget={(next) => { setTarget(next); clearResults(); }}
              onTemplate={downloadTemplate}
              templateBusy={templateBusy}
            />
            <FormError messages={errors} />
            <Space className="wizard-actions">
              <Button type="primary" onClick={runPreview} data-testid="preview">{t.next}</Button>
            </Space>
          </>
        )}

        {step === 1 && (
          <>
            <Space className="wizard-actions wizard-actions-top">
              {back(0)}
              <Button onClick={runPreview} loading={running?.what === 'preview'} data-testid="preview-again">{t.previewAgain}</Button>
              <Button type="primary" onClick={() => { setErrors([]); setStep(2); }} disabled={busy || preview?.ok !== true} data-testid="to-confirm">{t.toConfirm}</Button>
            </Space>
            <div className="import-file-line" data-testid="import-file-line">{t.fileLabel}：{file?.name} → {targetName}</div>
            <ImportProgressLine running={running} />
            <FormError messages={errors} />
            {errorList}
            {preview?.ok === true && <Alert type="success" showIcon title={t.ok} data-testid="preview-ok" />}
            {preview?.ok === true && preview.unusualCount > 0 && (
              <UnusualAreas preview={preview} confirmed={confirmedUnusual} onConfirm={setConfirmedUnusual} />
            )}
            {preview && <ImportPreview preview={preview} />}
          </>
        )}

        {step === 2 && preview && (
          <>
            <Space className="wizard-actions wizard-actions-top">
              {back(1)}
              <Button
                type="primary"
                onClick={runImport}
                loading={running?.what === 'import'}
                disabled={preview.unusualCount > 0 && !confirmedUnusual}
                data-testid="confirm-import"
              >{t.confirm}</Button>
            </Space>
            <ImportProgressLine running={running} />
            <FormError messages={errors} />
            {errorList}
            <Alert type="info" showIcon title={t.confirmTitle(targetName)} description={`${t.fileLabel}：${file?.name ?? ''}。${t.confirmNote}`} data-testid="confirm-note" />
            {preview.unusualCount > 0 && (
              <UnusualAreas preview={preview} confirmed={confirmedUnusual} onConfirm={setConfirmedUnusual} />
            )}
            <ImportPreview preview={{ ...preview, sample: [] }} />
          </>
        )}

        {step === 3 && imported && (
          <Result
            status="success"
            title={t.resultTitle(imported.name)}
            subTitle={`${t.parts} ${formatCount(imported.summary.parts)} · ${t.owners} ${formatCount(imported.summary.owners)} · ${t.votingSubjects} ${formatCount(imported.summary.votingSubjects)} · ${t.totalArea} ${groupedArea(imported.summary.totalArea)}`}
            data-testid="import-result"
            extra={[
              <Button type="primary" key="roster" onClick={() => navigate({ name: 'roster', communityId: imported.communityId })} data-testid="open-roster">{t.openRoster}</Button>,
              <Button key="settings" onClick={() => navigate({ name: 'communitySettings', communityId: imported.communityId })} data-testid="open-settings">{t.openSettings}</Button>,
              <Button key="again" onClick={restart}>{t.importAnother}</Button>,
            ]}
          />
        )}
      </section>
    </div>
  );
}
