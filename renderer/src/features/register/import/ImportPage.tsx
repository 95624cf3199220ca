/**
 * Import a roster (花名册) from the template: download the template, choose the
 * file, name the new community, preview (summary, first rows, every error,
 * the areas outside the community's bounds), then import — all rows or none;
 * unusual areas only once the clerk ticks that they were checked.
 */
import { useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Space, Typography } from 'antd';
import { communityFields } from '../../../../../shared/contract/register';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import type { RowError } from '../../../../../shared/domain/roster-rows';
import { invoke } from '../../../api/client';
import { ApiError, errorMessage } from '../../../api/errors';
import { downloadFile, readFilePayload, TABLE_FILE_ACCEPT, tableFileTooBig } from '../../../api/files';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { checkForm } from '../../../components/zodForm';
import { formatBytes, formatCount } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { CommunityFields, emptyCommunity } from '../communities/CommunityFields';
import { useCommunities } from '../communities/CommunitiesContext';
import { ImportPreview } from './ImportPreview';
import { ImportErrors } from './ImportErrors';
import { UnusualAreas } from './UnusualAreas';

const t = zhCN.importer;

type Preview = MethodOutput<'roster.previewImport'>;

export function ImportPage() {
  const { message } = AntApp.useApp();
  const communities = useCommunities();
  const [form] = Form.useForm();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [rowErrors, setRowErrors] = useState<RowError[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState<'template' | 'preview' | 'import' | null>(null);
  const [confirmedUnusual, setConfirmedUnusual] = useState(false);

  const reset = () => {
    setPreview(null);
    setRowErrors([]);
    setErrors([]);
    setConfirmedUnusual(false);
  };
  const unconfirmed = preview !== null && preview.unusualCount > 0 && !confirmedUnusual;

  const readInputs = async () => {
    const checked = checkForm(form, communityFields, form.getFieldsValue(true));
    if (!checked.ok) {
      setErrors(checked.otherErrors);
      return null;
    }
    if (!file) {
      setErrors([t.noFile]);
      return null;
    }
    const tooBig = tableFileTooBig(file);
    if (tooBig) {
      setErrors([tooBig]);
      return null;
    }
    return { file: await readFilePayload(file), community: checked.data };
  };

  const showError = (e: unknown) => {
    if (e instanceof ApiError && e.rowErrors.length > 0) setRowErrors(e.rowErrors);
    else setErrors([errorMessage(e)]);
  };

  const runPreview = async () => {
    reset();
    setBusy('preview');
    try {
      const input = await readInputs();
      if (!input) return;
      const result = await invoke('roster.previewImport', input);
      setPreview(result);
      setRowErrors(result.errors);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  const runImport = async () => {
    if (!preview?.ok) {
      setErrors([t.mustPreview]);
      return;
    }
    if (unconfirmed) {
      setErrors([t.mustConfirmUnusual]);
      return;
    }
    setBusy('import');
    try {
      const input = await readInputs();
      if (!input) return;
      const result = await invoke('roster.import', { ...input, acceptUnusual: confirmedUnusual });
      message.success(t.imported(formatCount(result.summary.parts)));
      communities.reload();
      navigate({ name: 'roster', communityId: result.communityId });
    } catch (e) {
      setPreview(null);
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  const downloadTemplate = async () => {
    setBusy('template');
    try {
      downloadFile(await invoke('roster.template', {}));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="page page-scroll import-page" data-testid="import-page">
      <PageHeader title={t.title} />
      <Typography.Paragraph type="secondary" className="page-intro">{t.intro}</Typography.Paragraph>
      <div className="import-layout">
        <section className="panel import-steps">
          <h3 className="step-title"><span className="step-no">1</span>{t.step1}</h3>
          <Button onClick={downloadTemplate} loading={busy === 'template'}>{t.downloadTemplate}</Button>

          <h3 className="step-title"><span className="step-no">2</span>{t.step2}</h3>
          <Space wrap>
            <Button onClick={() => fileInput.current?.click()} data-testid="choose-file">{t.chooseFile}</Button>
            <span className="file-name" data-testid="file-name">{file ? `${file.name}（${formatBytes(file.size)}）` : t.noFile}</span>
          </Space>
          <input
            ref={fileInput}
            type="file"
            accept={TABLE_FILE_ACCEPT}
            className="hidden-input"
            data-testid="file-input"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              reset();
              e.target.value = '';
            }}
          />

          <h3 className="step-title"><span className="step-no">3</span>{t.step3}</h3>
          <Form form={form} layout="vertical" initialValues={emptyCommunity} onValuesChange={reset} className="compact-form" data-testid="import-community-form">
            <CommunityFields />
          </Form>
          <FormError messages={errors} />
          <Space>
            <Button onClick={runPreview} loading={busy === 'preview'} disabled={busy === 'import'} data-testid="preview">{t.preview}</Button>
            <Button type="primary" onClick={runImport} loading={busy === 'import'} disabled={!preview?.ok || unconfirmed || busy === 'preview'} data-testid="confirm-import">{t.confirm}</Button>
          </Space>
        </section>
        <section className="import-results">
          {rowErrors.length > 0 && <ImportErrors errors={rowErrors} />}
          {preview && preview.ok && <Alert type="success" showIcon title={t.ok} data-testid="preview-ok" />}
          {preview && preview.ok && preview.unusualCount > 0 && (
            <UnusualAreas preview={preview} confirmed={confirmedUnusual} onConfirm={setConfirmedUnusual} />
          )}
          {preview && <ImportPreview preview={preview} />}
        </section>
      </div>
    </div>
  );
}
