/** Backups of the database: the list, and a backup now. */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Typography } from 'antd';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { invoke } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useAsync } from '../../api/useAsync';
import { DataGrid, type ColumnDef } from '../../components/DataGrid';
import { PageHeader } from '../../components/PageHeader';
import { formatBytes, formatDateTime } from '../../format';
import { zhCN } from '../../i18n/zh-CN';

const t = zhCN.backup;

type Backup = MethodOutput<'backup.list'>[number];

const columns: ColumnDef<Backup>[] = [
  { id: 'file', header: t.file, size: 320, meta: { grow: true }, cell: ({ row }) => <span className="mono" title={row.original.file}>{baseName(row.original.file)}</span> },
  { id: 'kind', header: t.kind, size: 120, cell: ({ row }) => t.kinds[row.original.kind] ?? row.original.kind },
  { id: 'time', header: t.time, size: 170, cell: ({ row }) => formatDateTime(row.original.createdAt) },
  { id: 'size', header: t.size, size: 100, meta: { align: 'right' }, cell: ({ row }) => formatBytes(row.original.size) },
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
  const list = useAsync(() => invoke('backup.list', {}), []);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    setBusy(true);
    try {
      const made = await invoke('backup.create', {});
      message.success(t.created(baseName(made.file)));
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const rows = [...(list.data ?? [])].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));

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
      <div className="page-fill">
        <DataGrid testId="backup-grid" columns={columns} source={{ kind: 'local', rows }} getRowId={(b) => b.file} />
      </div>
    </div>
  );
}
