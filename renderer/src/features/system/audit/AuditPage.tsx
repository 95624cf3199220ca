/**
 * The audit log: who changed what and when, paged from main; a row expands to before/after. Filtered by person,
 * community, kinds of action, one record (a record's page links here with it), office days, or only the views of
 * full personal data (who saw whose ID number or phone); 导出 Excel writes what the filters show.
 */
import { useMemo, useState } from 'react';
import { App as AntApp, Button, Checkbox, Input, Select, Space, Typography } from 'antd';
import type { MethodInput, MethodOutput } from '../../../../../shared/contract/methods';
import { AUDIT_ACTION_NAMES, AUDIT_ENTITY_NAMES, auditActionName, auditEntityName } from '../../../../../shared/domain/audit-words';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { downloadFile } from '../../../api/files';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { DateField } from '../../../components/DateField';
import type { PagedSource } from '../../../components/usePagedRows';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount, formatDateTime } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { useCommunities } from '../../register/communities/CommunitiesContext';
import { AuditChange } from './AuditChange';

const t = zhCN.audit;

type AuditRow = MethodOutput<'audit.list'>['rows'][number];
type Filter = MethodInput<'audit.export'>;

function compact(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

const ACTION_OPTIONS = Object.entries(AUDIT_ACTION_NAMES).map(([value, label]) => ({ value, label }));
const ENTITY_OPTIONS = Object.entries(AUDIT_ENTITY_NAMES).map(([value, label]) => ({ value, label }));

/** Only what is set: the source's key and the export's input. */
function cleaned(filter: Filter): Filter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0))) as Filter;
}

export function AuditPage({ entity, entityId }: { entity?: string | undefined; entityId?: string | undefined }) {
  const { message } = AntApp.useApp();
  const { list: communities } = useCommunities();
  const authors = useQuery('audit.authors', {});
  const [filter, setFilter] = useState<Filter>({ entity, entityId });
  const set = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch }));
  const [revision, setRevision] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const query = cleaned(filter);
  const key = JSON.stringify(query);

  const communityName = useMemo(() => new Map((communities ?? []).map((c) => [c.id, c.name])), [communities]);
  const columns = useMemo<ColumnDef<AuditRow>[]>(() => [
    { id: 'at', header: t.time, size: 170, cell: ({ row }) => formatDateTime(row.original.at) },
    { id: 'author', header: t.author, size: 140, cell: ({ row }) => row.original.author },
    { id: 'community', header: t.community, size: 110, cell: ({ row }) => (row.original.communityId ? (communityName.get(row.original.communityId) ?? '') : '') },
    { id: 'action', header: t.action, size: 190, cell: ({ row }) => auditActionName(row.original.action) },
    { id: 'entity', header: t.entity, size: 110, cell: ({ row }) => auditEntityName(row.original.entity) },
    {
      id: 'summary', header: `${t.before} → ${t.after}`, size: 300, meta: { grow: true },
      cell: ({ row }) => <span className="mono muted">{compact(row.original.before)} → {compact(row.original.after)}</span>,
    },
  ], [communityName]);

  const source = useMemo<PagedSource<AuditRow>>(() => ({
    kind: 'remote',
    key: `audit${key}`,
    revision,
    pageSize: 200,
    fetchPage: (offset, limit) => invoke('audit.list', { ...(JSON.parse(key) as Filter), offset, limit }),
  }), [key, revision]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const file = await invoke('audit.export', query);
      downloadFile(file);
      message.success(t.exported(file.fileName));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="page" data-testid="audit-page">
      <PageHeader
        title={t.title}
        sub={total === null ? '' : <span data-testid="audit-total">{zhCN.common.rows(formatCount(total))}</span>}
        extra={(
          <>
            <Button onClick={() => setRevision((r) => r + 1)}>{zhCN.common.refresh}</Button>
            <Button loading={exporting} onClick={() => void exportXlsx()} data-testid="audit-export">{t.export}</Button>
          </>
        )}
      />
      <Typography.Paragraph type="secondary" className="page-intro">{t.intro}</Typography.Paragraph>
      <Space wrap className="toolbar audit-filters" data-testid="audit-filters">
        <Select
          allowClear showSearch style={{ width: 170 }} placeholder={t.filterAuthor} value={filter.author}
          options={(authors.data?.authors ?? []).map((a) => ({ value: a, label: a }))}
          onChange={(author?: string) => set({ author })} data-testid="audit-author"
        />
        <Select
          allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 150 }} placeholder={t.filterCommunity} value={filter.communityId}
          options={(communities ?? []).map((c) => ({ value: c.id, label: c.name }))}
          onChange={(communityId?: string) => set({ communityId })} data-testid="audit-community"
        />
        <Select
          mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} style={{ minWidth: 200, maxWidth: 360 }} placeholder={t.filterActions}
          value={filter.actions ?? []} options={ACTION_OPTIONS} maxTagCount="responsive"
          onChange={(actions: string[]) => set({ actions })} data-testid="audit-actions"
        />
        <Select
          allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 130 }} placeholder={t.filterEntity} value={filter.entity}
          options={ENTITY_OPTIONS} onChange={(e?: string) => set({ entity: e })} data-testid="audit-entity"
        />
        <Input
          allowClear style={{ width: 200 }} placeholder={t.filterEntityId} value={filter.entityId ?? ''}
          onChange={(e) => set({ entityId: e.target.value.trim() || undefined })} data-testid="audit-entity-id"
        />
        <DateField style={{ width: 140 }} placeholder={t.filterFrom} value={filter.from ?? null} onChange={(from) => set({ from: from || undefined })} data-testid="audit-from" />
        <DateField style={{ width: 140 }} placeholder={t.filterTo} value={filter.to ?? null} onChange={(to) => set({ to: to || undefined })} data-testid="audit-to" />
        <Checkbox checked={filter.personalDataViews === true} onChange={(e) => set({ personalDataViews: e.target.checked })} data-testid="audit-personal-views">
          {t.personalDataViews}
        </Checkbox>
        {key !== '{}' && <Button type="link" onClick={() => setFilter({})} data-testid="audit-clear">{t.clearFilters}</Button>}
      </Space>
      <div className="page-fill">
        <DataGrid
          testId="audit-grid"
          columns={columns}
          source={source}
          getRowId={(r) => r.id}
          renderExpanded={(r) => <AuditChange row={r} />}
          onTotalChange={setTotal}
        />
      </div>
    </div>
  );
}
