/**
 * Attachments of a meeting, a set of minutes, a matter, a contract, an issue or a mediation: list, add, open.
 * Files are copied by main into the data folder with their SHA-256; adding one
 * never changes what it is attached to (scans of signed, approved minutes).
 * 打开 hands the file to the system viewer in the desktop app; in the browser
 * the file comes back and is shown in a new tab (images, PDF, text) or saved.
 */
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Upload } from 'antd';
import type { MethodInput, MethodOutput } from '../../../../shared/contract/methods';
import { invoke } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { base64ToBytes, readFilePayload } from '../../api/files';
import { useAsync } from '../../api/useAsync';
import { DataGrid, type ColumnDef } from '../../components/DataGrid';
import { formatBytes, formatDateTime } from '../../format';
import { zhCN } from '../../i18n/zh-CN';
import './minutes.css';

const t = zhCN.minutes;
const MAX_BYTES = 25 * 1024 * 1024;

type Attachment = MethodOutput<'attachment.list'>[number];
type OwnerType = MethodInput<'attachment.list'>['ownerType'];

/** Kinds the browser shows itself in a tab. */
function viewable(mime: string): boolean {
  return /^(image\/|application\/pdf|text\/plain|video\/|audio\/)/.test(mime);
}

export function Attachments({ ownerType, ownerId, readOnly = false }: { ownerType: OwnerType; ownerId: string; readOnly?: boolean }) {
  const { message } = AntApp.useApp();
  const list = useAsync(() => invoke('attachment.list', { ownerType, ownerId }), [ownerType, ownerId]);
  const [adding, setAdding] = useState(0);
  const [opening, setOpening] = useState<string | null>(null);
  const [blockedLink, setBlockedLink] = useState<{ url: string; fileName: string } | null>(null);

  const add = async (file: File) => {
    if (file.size > MAX_BYTES) {
      message.error(t.fileTooBig(file.name, formatBytes(MAX_BYTES)));
      return;
    }
    setAdding((n) => n + 1);
    try {
      const added = await invoke('attachment.add', { ownerType, ownerId, file: await readFilePayload(file) });
      message.success(t.attachmentAdded(added.fileName));
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setAdding((n) => n - 1);
    }
  };

  const open = async (row: Attachment) => {
    setOpening(row.id);
    setBlockedLink(null);
    try {
      const result = await invoke('attachment.open', { id: row.id });
      if (result.opened) {
        message.success(t.openedInSystem);
        return;
      }
      if (!result.file) return;
      const { mime, fileName, base64 } = result.file;
      const url = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: mime || 'application/octet-stream' }));
      window.setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
      if (viewable(mime)) {
        const tab = window.open(url, '_blank');
        if (!tab) setBlockedLink({ url, fileName });
      } else {
        const a = document.createElement('a');
        a.href = url;
        a.download = fileName;
        a.style.display = 'none';
        document.body.appendChild(a);
        a.click();
        a.remove();
        message.info(t.downloaded(fileName));
      }
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setOpening(null);
    }
  };

  const columns = useMemo<ColumnDef<Attachment>[]>(() => [
    { id: 'fileName', header: t.fileName, size: 220, meta: { grow: true }, cell: ({ row }) => <span className="attachment-name">{row.original.fileName}</span> },
    { id: 'size', header: t.size, size: 90, meta: { align: 'right' }, cell: ({ row }) => formatBytes(row.original.size) },
    {
      id: 'sha256', header: t.hash, size: 130,
      cell: ({ row }) => <span className="mono attachment-hash" title={row.original.sha256}>{row.original.sha256.slice(0, 12)}</span>,
    },
    { id: 'addedBy', header: t.addedBy, size: 150, cell: ({ row }) => row.original.addedBy },
    { id: 'addedAt', header: t.addedAt, size: 160, cell: ({ row }) => formatDateTime(row.original.addedAt) },
    {
      id: 'open', header: '', size: 80, meta: { align: 'center' },
      cell: ({ row }) => (
        <Button size="small" loading={opening === row.original.id} onClick={() => void open(row.original)} data-testid="attachment-open">
          {t.open}
        </Button>
      ),
    },
  ], [opening]);

  const rows = list.data ?? [];
  return (
    <div className="attachments" data-testid={`attachments-${ownerType}`} data-count={list.data ? String(rows.length) : ''}>
      <div className="attachments-head">
        <span className="section-title">{t.attachments}</span>
        {!readOnly && (
          <Upload
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              void add(file);
              return false;
            }}
          >
            <Button loading={adding > 0} data-testid="attachment-add">{t.addAttachment}</Button>
          </Upload>
        )}
      </div>
      {!readOnly && <div className="attachments-hint">{t.attachmentHint}</div>}
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {blockedLink && (
        <Alert
          type="info"
          showIcon
          closable
          onClose={() => setBlockedLink(null)}
          title={<>{t.popupBlocked}<a href={blockedLink.url} target="_blank" rel="noreferrer">{blockedLink.fileName}</a></>}
        />
      )}
      {list.data && (
        <DataGrid
          testId="attachments-grid"
          columns={columns}
          source={{ kind: 'local', rows }}
          getRowId={(r) => r.id}
          autoHeightRows={8}
          emptyText={t.noAttachments}
        />
      )}
    </div>
  );
}
