/**
 * Backups of the database: the list, and a backup now. Backups made before personal data was
 * encrypted are marked, with a warning and a way to delete them; the data key's place and its
 * protection by the recovery code are shown above.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Popconfirm, Tag, Typography } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { PageHeader } from '../../../components/PageHeader';
import { formatBytes, formatDateTime } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { DataKeyPanel } from './DataKeyPanel';

const t = zhCN.backup;

type Backup = MethodOutput<'backup.list'>[number];

const columns: ColumnDef<Backup>[] = [
  { id: 'file', header: t.file, size: 320, meta: { grow: true }, cell: ({ row }) => <span className="mono" title={row.original.file}>{baseName(row.original.file)}</span> },
  { id: 'kind', header: t.kind, size: 120, cell: ({ row }) => t.kinds[row.original.kind] ?? row.original.kind },
  { id: 'time', header: t.time, size: 170, cell: ({ row }) => formatDateTime(row.original.createdAt) },
  { id: 'size', header: t.size, size: 100, meta: { align: 'right' }, cell: ({ row }) => formatBytes(row.original.size) },
  {
    id: 'plaintext', header: t.plaintext, size: 190,
    cell: ({ row }) => (row.original.plaintext
      ? <Tag color="red" className="tight-tag">{t.plaintextTag}</Tag>
      : <Tag color="green" className="tight-tag">{t.sealedTag}</Tag>),
  },
];

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function folderOf(file: string): string {
  const name = baseName(file);
  return file.slice(0, file.length - name.length);
}

export function BackupsPage() {
  const { message } = AntApp.useApp();
  const list = useQuery('backup.list', {});
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      message.success(await work());
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const create = () => act(async () => t.created(baseName((await invoke('backup.create', {})).file)));

  const rows = [...(list.data ?? [])].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const plaintext = rows.filter((b) => b.plaintext);
  const deletePlaintext = () => act(async () => t.deleted((await invoke('backup.deletePlaintext', { files: plaintext.map((b) => b.file) })).deleted.length));

  return (
    <div className="page">
      <PageHeader
        title={t.title}
        extra={<Button type="primary" onClick={create} loading={busy} data-testid="backup-create">{t.create}</Button>}
      />
      <Typography.Paragraph type="secondary" className="page-intro">
        {t.intro}
        {rows[0] && <> {t.folder}：<Typography.Text copyable className="mono">{folderOf(rows[0].file)}</Typography.Text></>}
      </Typography.Paragraph>
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <DataKeyPanel />
      {plaintext.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="plaintext-backups"
          title={t.plaintextTitle(plaintext.length)}
          description={t.plaintextText}
          action={
            <Popconfirm
              title={t.deleteConfirmTitle(plaintext.length)}
              description={<div className="confirm-text">{t.deleteConfirmText}</div>}
              onConfirm={deletePlaintext}
              okText={t.deletePlaintext}
              okButtonProps={{ danger: true }}
              cancelText={zhCN.common.cancel}
            >
              <Button danger loading={busy} data-testid="delete-plaintext">{t.deletePlaintext}</Button>
            </Popconfirm>
          }
        />
      )}
      <div className="page-fill">
        <DataGrid testId="backup-grid" columns={columns} source={{ kind: 'local', rows }} getRowId={(b) => b.file} />
      </div>
    </div>
  );
}
