/**
 * The electorate of a scope (whole community, a building, an entrance): the
 * number of voting subjects N and their area A, with the counting explained.
 */
import { useState } from 'react';
import { Alert, Select, Spin } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { useQuery } from '../../../api/queries';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount, groupedArea } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { ElectorateBreakdown } from './ElectorateBreakdown';

const t = zhCN.electorate;

/** One of the two headline figures (N and A): the number with its unit, and the scope it counts. */
function Figure({ label, value, unit, scope, testId }: { label: string; value: string; unit: string; scope: string; testId: string }) {
  return (
    <div className="figure">
      <div className="figure-label">{label}</div>
      <div className="figure-value" data-testid={testId}>
        {value}<span className="figure-unit">{unit}</span>
      </div>
      <div className="figure-scope">{scope}</div>
    </div>
  );
}

export function ElectoratePage({ communityId }: { communityId: string }) {
  const buildings = useQuery('community.buildings', { id: communityId });
  const [buildingId, setBuildingId] = useState<string | undefined>(undefined);
  const [entranceId, setEntranceId] = useState<string | undefined>(undefined);
  const result = useAsync(
    () => invoke('roster.electorate', { communityId, buildingId, entranceId }),
    [communityId, buildingId, entranceId],
  );
  const building = buildings.data?.find((b) => b.id === buildingId);
  const scopeName = building ? `${building.name}${building.entrances.find((e) => e.id === entranceId)?.name ?? ''}` : t.wholeCommunity;
  const data = result.data;

  return (
    <div className="page page-scroll electorate-page">
      <PageHeader title={t.title} />
      <div className="toolbar">
        <span className="toolbar-label">{t.scope}</span>
        <Select
          data-testid="scope-building"
          allowClear
          placeholder={t.wholeCommunity}
          value={buildingId}
          style={{ width: 160 }}
          options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          onChange={(id?: string) => {
            setBuildingId(id);
            setEntranceId(undefined);
          }}
          showSearch={{ optionFilterProp: 'label' }}
        />
        <Select
          data-testid="scope-entrance"
          allowClear
          placeholder={zhCN.roster.allEntrances}
          value={entranceId}
          style={{ width: 130 }}
          disabled={!building || building.entrances.length === 0}
          options={(building?.entrances ?? []).map((e) => ({ value: e.id, label: e.name }))}
          onChange={(id?: string) => setEntranceId(id)}
        />
        {result.loading && <Spin size="small" />}
      </div>
      {result.error !== null && <Alert type="error" showIcon title={errorMessage(result.error)} />}
      {data && (
        <div className="electorate" data-testid="electorate" data-scope={scopeName} data-loading={result.loading ? 'true' : 'false'}>
          <div className="electorate-figures">
            <Figure label={t.count} value={formatCount(data.count)} unit={t.countUnit} scope={scopeName} testId="electorate-count" />
            <Figure label={t.area} value={groupedArea(data.area)} unit={t.areaUnit} scope={scopeName} testId="electorate-area" />
          </div>
          <ElectorateBreakdown electorate={data} />
        </div>
      )}
    </div>
  );
}
