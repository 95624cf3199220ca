/** Types, tags and time helpers shared by the issue-ledger screens. */
import { Tag, type FormInstance } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { zhCN } from '../../../i18n/zh-CN';
import { formatDateTime } from '../../../format';
import './issues.css';

export const t = zhCN.issues;

export type IssueSummary = MethodOutput<'issue.list'>[number];
export type IssueDetail = MethodOutput<'issue.get'>;
export type IssueStats = MethodOutput<'issue.stats'>;
export type Mediation = MethodOutput<'mediation.list'>[number];
export type IssueStatus = IssueSummary['status'];

/** Now as 'YYYY-MM-DDTHH:mm' in office time (what the contract's times are). */
export function nowDateTime(): string {
  return formatDateTime(new Date().toISOString()).slice(0, 16).replace(' ', 'T');
}

/** 'YYYY-MM-DDTHH:mm' → 'YYYY-MM-DD HH:mm'. */
export const shown = (at: string | null | undefined): string => (at ? at.replace('T', ' ') : '');

/** This year's first and last day (office time). */
export function thisYear(): { from: string; to: string } {
  const year = nowDateTime().slice(0, 4);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

const STATUS_COLOR: Record<IssueStatus, string> = { 登记: 'default', 已派单: 'blue', 处理中: 'processing', 已办结: 'green', 已回访: 'cyan' };

export function StatusTag({ status, testId }: { status: IssueStatus; testId?: string }) {
  return <Tag color={STATUS_COLOR[status]} className="tight-tag" data-testid={testId} data-status={status}>{status}</Tag>;
}

const LEVEL_COLOR: Record<string, string> = { 楼栋: 'default', 小区: 'gold', 社区: 'orange', 街道: 'volcano' };

export function LevelTag({ level, testId }: { level: string; testId?: string }) {
  return <Tag color={LEVEL_COLOR[level] ?? 'default'} className="tight-tag" data-testid={testId} data-level={level}>{t.levelTag(level)}</Tag>;
}

/** The red marks of an issue's passed deadlines, each with its message as a tooltip. */
export function OverdueMarks({ issue }: { issue: Pick<IssueSummary, 'overdue'> }) {
  if (issue.overdue.length === 0) return null;
  return (
    <>
      {issue.overdue.map((o) => (
        <Tag key={o.deadline} color="red" className="tight-tag" title={o.message} data-testid="issue-overdue" data-deadline={o.deadline}>
          {o.deadline === 'plan' ? t.pOverduePlan : t.pOverdueResolution}
        </Tag>
      ))}
    </>
  );
}

export function FlagMark({ issue }: { issue: Pick<IssueSummary, 'flag'> }) {
  if (!issue.flag) return null;
  return (
    <Tag color="magenta" className="tight-tag" title={issue.flag.reason} data-testid="issue-flag" data-suggested={issue.flag.suggested ?? ''}>
      {t.flagMark}{issue.flag.suggested ? `→${issue.flag.suggested}` : ''}
    </Tag>
  );
}

/**
 * The next deadline that matters: the plan's while none is made at the first
 * level, else the resolution's at the issue's level (an escalated issue is
 * judged by its new level's day). `due` as stored, `shown` for reading.
 */
export function nextDue(i: IssueSummary): { label: string; due: string; shown: string } | null {
  if (i.status === '已办结' || i.status === '已回访') return null;
  if (i.plannedAt === null && i.escalatedAt === null) return { label: t.planDue, due: i.planDueAt, shown: shown(i.planDueAt) };
  if (i.resolutionDue !== null) return { label: t.resolutionDue, due: i.resolutionDue, shown: i.resolutionDue };
  return null;
}

/** A field typed in again loses its old message (the contract's or main's); a row of a list clears its own fields. */
export function clearErrors(form: FormInstance, changed: object): void {
  const keys = new Set(Object.keys(changed));
  const stale = form.getFieldsError().filter((f) => f.errors.length > 0 && keys.has(String(f.name[0])));
  if (stale.length > 0) form.setFields(stale.map((f) => ({ name: f.name, errors: [] })));
}
