/**
 * Attachments of a meeting, a set of minutes, a matter, a contract, an issue or a mediation: list, add, open.
 * Files are copied by main into the data folder with their SHA-256; adding one
 * never changes what it is attached to (scans of signed, approved minutes).
 * Main decides by content what may be added and how it opens: 打开 shows PDFs
 * and images in the app's own viewer; an Office document or a text file is
 * shown in its folder (desktop) or downloaded (browser). Nothing is run.
 */
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Upload } from 'antd';
import { ATTACHMENT_MAX_BYTES } from '../../../../../shared/contract/meetings';
import type { MethodInput, MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { base64ToBytes, downloadFile, readFilePayload } from '../../../api/files';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { formatBytes, formatDateTime } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { AttachmentViewer, type ViewedFile } from './AttachmentViewer';
import './minutes.css';
import { useCan } from '../../system/auth/permissions';
import type { Permission } from '../../../../../shared/domain/permissions';

const t = zhCN.minutes;

type Attachment = MethodOutput<'attachment.list'>[number];
type OwnerType = MethodInput<'attachment.list'>['ownerType'];

/** Attaching a file changes its record: the record's own write permission. */
const ADD_PERMISSION: Record<OwnerType, Permission> = {
  meeting: 'meetings.write', minutes: 'meetings.write', matter: 'meetings.write',
  issue: 'issues.write', mediation: 'mediations.write', contract: 'contracts.write',
};

/** `hint`: what to add here, in the owner's words (a matter's hint follows its step); the minutes' hint otherwise. */
export function Attachments({ ownerType, ownerId, readOnly = false, hint }: { ownerType: OwnerType; ownerId: string; readOnly?: boolean; hint?: string }) {
  const can = useCan();
  const { message } = AntApp.useApp();
  const list = useQuery('attachment.list', { ownerType, ownerId });
  const [adding, setAdding] = useState(0);
  const [opening, setOpening] = useState<string | null>(null);
  const [viewing, setViewing] = useState<ViewedFile | null>(null);

  const add = async (file: File) => {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      message.error(t.fileTooBig(file.name, formatBytes(ATTACHMENT_MAX_BYTES)));
      return;
    }
    setAdding((n) => n + 1);
    try {
      const added = await invoke('attachment.add', { ownerType, ownerId, file: await readFilePayload(file) });
      message.success(t.attachmentAdded(added.fileName));
      list.reload();
    } catch (e) {
      // A refusal says what the file really is and what may be added: long enough to be read.
      message.error({ content: errorMessage(e), duration: 10 });
    } finally {
      setAdding((n) => n - 1);
    }
  };

  const open = async (row: Attachment) => {
    setOpening(row.id);
    try {
      const result = await invoke('attachment.open', { id: row.id });
      if (result.shown === 'folder') message.success(t.shownInFolder(row.fileName));
      else if (result.file && result.shown === 'viewer') {
        setViewing({ fileName: result.file.fileName, mime: result.file.mime, bytes: base64ToBytes(result.file.base64) });
      } else if (result.file) {
        downloadFile(result.file);
        message.info(t.downloaded(result.file.fileName));
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
        {!readOnly && can(ADD_PERMISSION[ownerType]) && (
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
      {!readOnly && can(ADD_PERMISSION[ownerType]) && <div className="attachments-hint" data-testid="attachments-hint">{hint ?? t.attachmentHint}</div>}
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <AttachmentViewer file={viewing} onClose={() => setViewing(null)} />
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
