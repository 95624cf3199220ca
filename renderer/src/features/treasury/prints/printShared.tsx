/**
 * What the fund's printouts share: the community's head (name, offices, fund
 * rules), money as printed (grouped yuan, 大写 from fen), dates in words, the
 * loading / error notice, and the title block repeated on each household's
 * page of a multi-page document (the same markup as PrintPage's).
 */
import type { ReactNode } from 'react';
import { Alert, Button, Result, Space, Spin } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { formatCount, todayChinese } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { fenToCapitals, parseYuan } from '../../../../../shared/domain/money';
import './prints.css';

export const t = zhCN.prints;

export type CommunityHead = Awaited<ReturnType<typeof loadCommunity>>;
export function loadCommunity(id: string) {
  return invoke('community.get', { id });
}

/** The contract's decimal text ("-1234.50") → fen; NaN when it is not an amount. */
export function fenOf(text: string): number {
  const fen = parseYuan(text);
  return fen === null ? Number.NaN : fen;
}

/** Fen → "12,345.60" (the sign kept). */
export function money(fen: number): string {
  if (!Number.isSafeInteger(fen)) return '';
  const abs = Math.abs(fen);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** The contract's decimal text → "12,345.60". */
export function yuan(text: string): string {
  const fen = fenOf(text);
  return Number.isNaN(fen) ? text : money(fen);
}

/** The contract's decimal text → 大写. */
export function capitals(text: string): string {
  const fen = fenOf(text);
  return Number.isNaN(fen) ? '' : fenToCapitals(fen);
}

/** 2026-05-03 → 2026年5月3日 */
export function dayText(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

export const isDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);

/** The offices on the line under the title (所属街道, 所属社区), as the roster prints them. */
export function Offices({ community }: { community: CommunityHead | undefined }) {
  if (!community) return null;
  const items = [
    [zhCN.print.streetOffice, community.streetOffice],
    [zhCN.print.communityOffice, community.communityOffice],
  ].filter(([, value]) => value !== '');
  return <>{items.map(([label, value]) => <span key={label} className="print-meta-item">{label}：{value}</span>)}</>;
}

/** What the screen shows instead of the sheet while loading or after an error (never printed). */
export function loadNotice(error: unknown, loaded: boolean): ReactNode {
  if (error !== null && error !== undefined) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!loaded) return <div className="print-progress" data-testid="print-loading"><Spin /><div>{t.loading}</div></div>;
  return null;
}

/**
 * The title block again at the top of the second and later households' pages,
 * with PrintPage's classes, so every page of the document looks the same.
 */
export function RepeatedTitle({ title, subtitle, meta }: { title: string; subtitle?: ReactNode; meta?: ReactNode }) {
  return (
    <header className="print-title-block">
      <div className="print-title" role="heading" aria-level={1}>{title}</div>
      {subtitle && <div className="print-subtitle">{subtitle}</div>}
      <div className="print-meta">
        <span>{meta}</span>
        <span>{zhCN.print.printDate}：{todayChinese()}</span>
      </div>
    </header>
  );
}

/** The issuer and date at the end of a notice, with room for the seal. */
export function Issuer({ community, date }: { community: string; date: string }) {
  return (
    <div className="fund-print-issuer">
      <div className="fund-print-seal">{t.seal}</div>
      <div>{t.committee(community)}</div>
      <div>{date}</div>
    </div>
  );
}

/** Label / value rows (a two-column table of facts). */
export function FactsTable({ rows, testId }: { rows: readonly (readonly [string, ReactNode])[]; testId?: string }) {
  return (
    <table className="print-table fund-print-facts" data-testid={testId}>
      <colgroup><col style={{ width: '26%' }} /><col style={{ width: '74%' }} /></colgroup>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}><th scope="row">{label}</th><td>{value}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

/** Above this many households, the document asks before it draws them all. */
export const CONFIRM_ABOVE_HOUSEHOLDS = 500;

/** The question before printing many households (`perPage` to a page). */
export function ManyHouseholds({ count, perPage = 1, onPrint, onBack }: { count: number; perPage?: number; onPrint: () => void; onBack: () => void }) {
  return (
    <div data-testid="fund-print-big">
      <Result
        status="warning"
        title={t.bigTitle}
        subTitle={t.bigText(formatCount(count), formatCount(Math.ceil(count / perPage)), perPage)}
        extra={
          <Space>
            <Button type="primary" onClick={onBack}>{t.bigBack}</Button>
            <Button onClick={onPrint}>{t.bigPrintAll}</Button>
          </Space>
        }
      />
    </div>
  );
}
