import type { ReactNode } from 'react';
import { Alert } from 'antd';
import type { RowError } from '../../../../../shared/domain/roster-rows';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { formatCount } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.importer;

type IndexedError = RowError & { index: number };

const columns: ColumnDef<IndexedError>[] = [
  { id: 'row', header: t.row, size: 80, meta: { align: 'right' }, cell: ({ row }) => row.original.row ?? t.fileLevel },
  { id: 'column', header: t.column, size: 120, cell: ({ row }) => row.original.column ?? '' },
  { id: 'message', header: t.problem, size: 300, meta: { grow: true }, cell: ({ row }) => row.original.message },
];

/**
 * Every error of an imported file, by row and column; a file with errors is not
 * imported. `title` replaces the roster wording where there is no preview step;
 * `action` sits in the alert (the roster's 下载错误清单).
 */
export function ImportErrors({ errors, title, action }: { errors: RowError[]; title?: string; action?: ReactNode }) {
  const rows = errors.map((e, index) => ({ ...e, index }));
  return (
    <div className="import-errors" data-testid="import-errors">
      <Alert type="error" showIcon title={title ?? t.errorsTitle(formatCount(errors.length))} description={t.errorsNote} action={action} />
      <DataGrid
        testId="import-error-grid"
        columns={columns}
        source={{ kind: 'local', rows }}
        getRowId={(r) => String(r.index)}
        autoHeightRows={14}
        wrapText
      />
    </div>
  );
}
