import { Button, Select, Space } from 'antd';
import { DELIVERY_STATUSES, PART_TYPES } from '../../../../../shared/domain/register';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { PageHeader } from '../../../components/PageHeader';
import { SearchBox } from '../../../components/SearchBox';
import { formatCount } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.roster;

export type Buildings = MethodOutput<'community.buildings'>;

export interface RosterFilters {
  search: string;
  buildingId?: string;
  entranceId?: string;
  type?: (typeof PART_TYPES)[number];
  deliveryStatus?: (typeof DELIVERY_STATUSES)[number];
}

interface Props {
  filters: RosterFilters;
  onChange: (filters: RosterFilters) => void;
  buildings: Buildings;
  total: number | null;
  onAddPart: () => void;
  onExport: () => void;
  exporting: boolean;
  /** Opens the printout of the building/entrance chosen (or of the whole community). */
  onPrint: () => void;
  /** Opens 一小区一档, the whole community's records for an inspection. */
  onDossier: () => void;
}

export function RosterToolbar({ filters, onChange, buildings, total, onAddPart, onExport, exporting, onPrint, onDossier }: Props) {
  const can = useCan();
  const building = buildings.find((b) => b.id === filters.buildingId);
  const entrance = building?.entrances.find((e) => e.id === filters.entranceId);
  return (
    <>
    <PageHeader
      title={t.title}
      sub={<span data-testid="roster-count">{total === null ? '' : t.count(formatCount(total))}</span>}
      extra={
        <Space size={8}>
          <Button onClick={onExport} loading={exporting}>{building ? t.exportBuilding(building.name) : t.export}</Button>
          <Button data-testid="roster-print" onClick={onPrint}>{building ? t.printScope(`${building.name}${entrance?.name ?? ''}`) : t.print}</Button>
          <Button data-testid="roster-dossier" onClick={onDossier}>{zhCN.dossier.button}</Button>
          {can('register.write') && <Button type="primary" onClick={onAddPart}>{t.addPart}</Button>}
        </Space>
      }
    />
    <div className="toolbar">
      <SearchBox
        testId="roster-search"
        value={filters.search}
        placeholder={t.searchPlaceholder}
        width={340}
        onSearch={(search) => onChange({ ...filters, search })}
      />
      <Select
        data-testid="filter-building"
        className="toolbar-select"
        allowClear
        placeholder={t.allBuildings}
        value={filters.buildingId}
        options={buildings.map((b) => ({ value: b.id, label: b.name }))}
        onChange={(buildingId?: string) => onChange({ ...filters, buildingId, entranceId: undefined })}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 130 }}
      />
      <Select
        data-testid="filter-entrance"
        className="toolbar-select"
        allowClear
        placeholder={t.allEntrances}
        value={filters.entranceId}
        disabled={!building || building.entrances.length === 0}
        options={(building?.entrances ?? []).map((e) => ({ value: e.id, label: e.name }))}
        onChange={(entranceId?: string) => onChange({ ...filters, entranceId })}
        style={{ width: 110 }}
      />
      <Select
        data-testid="filter-type"
        allowClear
        placeholder={t.allTypes}
        value={filters.type}
        options={PART_TYPES.map((v) => ({ value: v, label: v }))}
        onChange={(type?: RosterFilters['type']) => onChange({ ...filters, type })}
        style={{ width: 110 }}
      />
      <Select
        data-testid="filter-delivery"
        allowClear
        placeholder={t.allStatuses}
        value={filters.deliveryStatus}
        options={DELIVERY_STATUSES.map((v) => ({ value: v, label: v }))}
        onChange={(deliveryStatus?: RosterFilters['deliveryStatus']) => onChange({ ...filters, deliveryStatus })}
        style={{ width: 130 }}
      />
    </div>
    </>
  );
}
