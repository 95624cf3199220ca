/**
 * Import returned ballots from xlsx (used on the vote page): the expected
 * columns with the vote's own item titles, choose a file, main checks it
 * (`ballot.previewImport`) — every error by row and column, nothing recorded —
 * then 导入 records all rows or none.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Space } from 'antd';
import type { RowError } from '../../../../../shared/domain/roster-rows';
import { invoke } from '../../../api/client';
import { ApiError, errorMessage } from '../../../api/errors';
import { readFilePayload, tableFileTooBig } from '../../../api/files';
import { useTableFileChooser } from '../../../components/useTableFileChooser';
import { useQuery } from '../../../api/queries';
import { FormError } from '../../../components/FormError';
import { formatBytes, formatCount } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { ImportErrors } from '../../register/import/ImportErrors';
import './ballots.css';

const t = zhCN.ballots;

/** Import returned ballots from xlsx (used on the vote page). */
export function BallotImport({ voteId, onImported }: { voteId: string; onImported: () => void }) {
  const { message } = AntApp.useApp();
  const vote = useQuery('vote.get', { id: voteId });
  const chooser = useTableFileChooser((chosen) => void choose(chosen), 'ballot-import-input');
  const [file, setFile] = useState<{ name: string; size: number; payload: { fileName: string; base64: string } } | null>(null);
  const [checked, setChecked] = useState<{ rows: number } | null>(null);
  const [rowErrors, setRowErrors] = useState<RowError[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);

  const showError = (e: unknown) => {
    if (e instanceof ApiError && e.rowErrors.length > 0) setRowErrors(e.rowErrors);
    else setErrors([errorMessage(e)]);
  };

  const choose = async (chosen: File | undefined) => {
    setChecked(null);
    setRowErrors([]);
    setErrors([]);
    setFile(null);
    if (!chosen) return;
    const tooBig = tableFileTooBig(chosen);
    if (tooBig) {
      setErrors([tooBig]);
      return;
    }
    setBusy('preview');
    try {
      const payload = await readFilePayload(chosen);
      setFile({ name: chosen.name, size: chosen.size, payload });
      const preview = await invoke('ballot.previewImport', { voteId, file: payload });
      if (preview.ok && preview.errors.length === 0) setChecked({ rows: preview.rows });
      else setRowErrors(preview.errors);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  const runImport = async () => {
    if (!file || !checked) return;
    setBusy('import');
    try {
      const result = await invoke('ballot.import', { voteId, file: file.payload });
      message.success(t.imported(formatCount(result.recorded)));
      setFile(null);
      setChecked(null);
      onImported();
    } catch (e) {
      setChecked(null);
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  const items = vote.data?.items ?? [];
  const closed = vote.data?.status === 'closed';
  return (
    <div className="ballot-import" data-testid="ballot-import">
      <p className="ballot-import-help">{t.importHelp}</p>
      <div className="ballot-import-columns" data-testid="ballot-import-columns">
        <span className="muted">{t.importColumns}</span>
        {['楼栋', '单元', '房号'].map((c) => <span key={c} className="ballot-import-col">{c}</span>)}
        {items.map((i) => (
          <span key={i.id} className="ballot-import-col is-item" data-testid="ballot-import-item-col">
            {t.itemNo(i.position)}<span className="ballot-import-col-title">{i.title}（{i.scopeLabel}）</span>
          </span>
        ))}
        {['有效', '备注'].map((c) => <span key={c} className="ballot-import-col is-optional">{c}{t.importOptional}</span>)}
      </div>
      {closed && <Alert type="info" showIcon title={t.importClosed} />}
      <Space wrap>
        <Button onClick={chooser.open} disabled={closed || busy !== null} loading={busy === 'preview'} data-testid="ballot-import-choose">
          {t.importChoose}
        </Button>
        <span className="file-name" data-testid="ballot-import-file">{file ? `${file.name}（${formatBytes(file.size)}）` : t.importNoFile}</span>
        <Button type="primary" disabled={!checked || busy !== null} loading={busy === 'import'} onClick={() => void runImport()} data-testid="ballot-import-confirm">
          {t.importConfirm}
        </Button>
      </Space>
      {chooser.input}
      <FormError messages={errors} />
      {checked && <Alert type="success" showIcon title={t.importOk(formatCount(checked.rows))} data-testid="ballot-import-ok" data-rows={checked.rows} />}
      {rowErrors.length > 0 && <ImportErrors errors={rowErrors} />}
    </div>
  );
}
