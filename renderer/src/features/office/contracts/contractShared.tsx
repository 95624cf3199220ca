/** Types, formats and the small pieces shared by the contract screens and the evaluation report. */
import { Tag } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { bandOf } from '../../../../../shared/domain/evaluation';
import { zhCN } from '../../../i18n/zh-CN';
import './contracts.css';

export const t = zhCN.contracts;

export type ContractSummary = MethodOutput<'contract.list'>[number];
export type ContractDetail = MethodOutput<'contract.get'>;
export type Evaluation = MethodOutput<'contract.evaluations'>[number];
export type ContractState = ContractSummary['state'];

/** Basis points → "93.50%"; null → —. */
export function rateText(bp: number | null): string {
  if (bp === null) return t.none;
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
}

/** Basis points → percent as a number for the chart (93.5). */
export const ratePercent = (bp: number | null): number | null => (bp === null ? null : bp / 100);

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The year's average of the quarters' exact weighted scores (not of the rounded
 * ones), rounded half up to one decimal only for display, and its band by
 * cross-multiplying, as shared/domain/evaluation.ts does for a quarter.
 */
export function averageOf(evaluations: readonly Evaluation[]): { text: string; band: string } | null {
  if (evaluations.length === 0) return null;
  const parts = evaluations.map((e) => ({
    num: e.items.reduce((s, i) => s + i.weight * i.score, 0),
    den: e.items.reduce((s, i) => s + i.weight, 0),
  }));
  if (parts.some((p) => p.den <= 0)) return null;
  const lcm = parts.reduce((l, p) => (l * p.den) / gcd(l, p.den), 1);
  const numerator = parts.reduce((s, p) => s + p.num * (lcm / p.den), 0);
  const denominator = lcm * parts.length;
  const tenths = Math.floor((20 * numerator + denominator) / (2 * denominator));
  return { text: `${Math.floor(tenths / 10)}.${tenths % 10}`, band: bandOf({ numerator, denominator }) ?? t.none };
}

/** The deadline a contract's row and page count down to, with what follows (short, for a table). */
export interface ContractDeadline {
  due: string;
  warnFrom: string | null;
  what: string;
  /** The full sentence, for the contract's page. */
  sentence: string;
}

/**
 * The owners' pending decision first (due by the expiry, urgent from renewal
 * preparation: Art. 948's run-on is what follows); else the date of a state
 * that is a deadline — the handover, the end after a notice, the end at expiry.
 */
export function contractDeadline(c: ContractSummary): ContractDeadline | null {
  if (c.decisionDue) return { due: c.decisionDue.due, warnFrom: c.decisionDue.urgentFrom, what: t.decisionShort, sentence: c.decisionDue.message };
  const s = c.state;
  const of = (what: string): ContractDeadline => ({ due: s.date, warnFrom: null, what, sentence: s.message });
  switch (s.kind) {
    case 'handover-due': return of(t.handoverWhat);
    case 'termination-noticed': return of(t.terminationWhat);
    case 'ending-at-expiry': return of(t.endingWhat);
    default: return null;
  }
}

/** 已逾期, when the state is past its deadline (a handover), beside the state's date. */
export function StateTag({ state }: { state: ContractState }) {
  return state.overdue
    ? <Tag color="red" className="tight-tag" data-testid="contract-overdue">{t.overdue}</Tag>
    : null;
}

const BAND_COLORS: Record<string, string> = { 优秀: 'green', 良好: 'blue', 合格: 'gold', 不合格: 'red' };
export function BandTag({ band }: { band: string | null }) {
  if (band === null) return <span className="muted">{t.none}</span>;
  return <Tag color={BAND_COLORS[band] ?? 'default'} className="tight-tag">{band}</Tag>;
}
