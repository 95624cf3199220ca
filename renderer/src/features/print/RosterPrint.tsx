/**
 * The roster printout (花名册打印) of a scope — the whole community, a building
 * or an entrance — on A4 landscape, in the frame of PrintPage. A scope of more
 * than CONFIRM_ABOVE_PARTS parts asks first, suggesting to print by building.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Progress, Result, Space, Spin } from 'antd';
import { errorMessage } from '../../api/errors';
import { formatCount, groupedArea } from '../../format';
import { zhCN } from '../../i18n/zh-CN';
import { navigate } from '../../router';
import { PrintPage } from './PrintPage';
import { RosterPrintTable } from './RosterPrintTable';
import {
  CONFIRM_ABOVE_PARTS, scopeName, useAllRosterRows, useRosterPrintHead, type RosterPrintHead, type RosterScope,
} from './useRosterPrintData';

const t = zhCN.rosterPrint;

/** Rows on a landscape A4 page, for the estimate shown before a big print (single-owner rows). */
const ROWS_PER_PAGE = 22;

export function RosterPrint({ scope }: { scope: RosterScope }) {
  const head = useRosterPrintHead(scope);
  const [confirmed, setConfirmed] = useState(false);
  const big = (head.data?.electorate.parts ?? 0) > CONFIRM_ABOVE_PARTS;
  const rows = useAllRosterRows(scope, head.data !== undefined && (!big || confirmed));
  const back = () => navigate({ name: 'roster', communityId: scope.communityId });

  const data = head.data;
  const title = data ? t.title(data.community.name) : '';
  const ready = data !== undefined && rows.rows !== null;

  let notice: ReactNode = null;
  if (head.error !== null && !data) notice = <Alert type="error" showIcon title={errorMessage(head.error)} />;
  else if (!data) notice = <RowsProgress loaded={0} total={null} />;
  else if (big && !confirmed) notice = <BigScopeQuestion parts={data.electorate.parts} onPrint={() => setConfirmed(true)} onBack={back} />;
  else if (rows.error !== null) notice = <Alert type="error" showIcon title={errorMessage(rows.error)} />;
  else if (!ready) notice = <RowsProgress loaded={rows.loaded} total={rows.total} />;

  return (
    <PrintPage
      testId="roster-print"
      orientation="landscape"
      title={title}
      subtitle={data ? `（${scopeName(scope, data.buildings, t.wholeCommunity)}）` : undefined}
      meta={data ? <Offices community={data.community} /> : undefined}
      ready={ready}
      notice={notice}
      onBack={back}
      footer={data ? <Summary electorate={data.electorate} /> : undefined}
      signatures={[zhCN.print.preparer, zhCN.print.checker]}
    >
      {data && rows.rows && <RosterPrintTable rows={rows.rows} developer={data.community.developer} />}
    </PrintPage>
  );
}

function Offices({ community }: { community: RosterPrintHead['community'] }) {
  const items = [
    [zhCN.print.streetOffice, community.streetOffice],
    [zhCN.print.communityOffice, community.communityOffice],
  ].filter(([, value]) => value !== '');
  return <>{items.map(([label, value]) => <span key={label} className="print-meta-item">{label}：{value}</span>)}</>;
}

function Summary({ electorate }: { electorate: RosterPrintHead['electorate'] }) {
  const parking = electorate.breakdown.excludedParking.parts;
  return (
    <>
      <p className="print-summary" data-testid="roster-print-summary">
        {t.summary(formatCount(electorate.parts), formatCount(electorate.count), groupedArea(electorate.area))}
        {parking > 0 && t.parkingExcluded(formatCount(parking))}
      </p>
      <p className="print-note">{t.maskedNote}</p>
    </>
  );
}

function BigScopeQuestion({ parts, onPrint, onBack }: { parts: number; onPrint: () => void; onBack: () => void }) {
  return (
    <div data-testid="roster-print-big">
      <Result
        status="warning"
        title={t.bigTitle}
        subTitle={t.bigText(formatCount(parts), formatCount(Math.ceil(parts / ROWS_PER_PAGE)))}
        extra={
          <Space>
            <Button type="primary" onClick={onBack}>{t.chooseBuilding}</Button>
            <Button onClick={onPrint}>{t.printAnyway}</Button>
          </Space>
        }
      />
    </div>
  );
}

function RowsProgress({ loaded, total }: { loaded: number; total: number | null }) {
  return (
    <div className="print-progress" data-testid="print-loading">
      <Spin />
      <div>{total === null ? zhCN.print.loading : t.loadingRows(formatCount(loaded), formatCount(total))}</div>
      {total !== null && <Progress percent={total > 0 ? Math.floor((loaded / total) * 100) : 0} showInfo={false} />}
    </div>
  );
}
