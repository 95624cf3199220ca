/** Types and small pieces shared by the vote screens and printouts. */
import { Tag } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { ApiError, errorMessage } from '../../../api/errors';
import { zhCN } from '../../../i18n/zh-CN';
import './votes.css';

const t = zhCN.votes;

export type VoteDetail = MethodOutput<'vote.get'>;
export type VoteListItem = MethodOutput<'vote.list'>[number];
export type VoteTally = MethodOutput<'vote.tally'>;
export type ItemTally = VoteTally['items'][number];
export type SubjectRow = MethodOutput<'vote.subjects'>['rows'][number];
export type VoteSettingsShown = VoteDetail['settings'];

export type Outcome = 'passed' | 'failed' | 'short';

export function outcomeOf(item: Pick<ItemTally, 'participationMet' | 'passed'>): Outcome {
  if (item.passed) return 'passed';
  return item.participationMet ? 'failed' : 'short';
}

export function OutcomeTag({ outcome, testId }: { outcome: Outcome; testId?: string }) {
  const color = outcome === 'passed' ? 'green' : outcome === 'failed' ? 'red' : 'orange';
  return <Tag color={color} className="tight-tag vote-outcome" data-testid={testId} data-outcome={outcome}>{t.outcome[outcome]}</Tag>;
}

export function StatusTag({ status, testId }: { status: 'open' | 'closed'; testId?: string }) {
  return <Tag color={status === 'open' ? 'processing' : 'default'} className="tight-tag" data-testid={testId} data-status={status}>{t.status[status]}</Tag>;
}

/** The settings as sentences, as the result notice states them. */
export function settingsSentences(s: VoteSettingsShown): string[] {
  return [t.settingBlank[s.blankRule], t.settingInvalid(s.invalidParticipates), t.settingParking(s.countParking)];
}

/** "items.1.title" → "议题2"; other paths as they are. */
function fieldLabel(column: string): string {
  const m = /^items\.(\d+)(?:\.|$)/.exec(column);
  if (m) return `${t.itemTitle}${Number(m[1]) + 1}`;
  return '';
}

/**
 * Every message of an error from main, one per line: the violations of a
 * refusal (details.violations), the row/field messages of a VALIDATION error
 * (prefixed with the item they concern), else its message.
 */
export function refusalMessages(e: unknown): string[] {
  if (e instanceof ApiError) {
    const details = e.details as { violations?: unknown } | undefined;
    if (details && typeof details === 'object' && Array.isArray(details.violations)) {
      const lines = details.violations
        .map((v: unknown) => (typeof v === 'object' && v !== null && typeof (v as { message?: unknown }).message === 'string' ? (v as { message: string }).message : null))
        .filter((m): m is string => m !== null);
      if (lines.length > 0) return lines;
    }
    const rows = e.rowErrors.map((r) => {
      const where = r.column ? fieldLabel(r.column) : r.row !== null ? `第${r.row}行` : '';
      return where && !r.message.startsWith(where) ? `${where}：${r.message}` : r.message;
    });
    if (rows.length > 0) return [...new Set(rows)];
    return [e.message];
  }
  return [errorMessage(e)];
}

/** A ballot's choices as text: "1 同意　2 反对" (item numbers by position). */
export function choicesText(ballot: SubjectRow['ballot'], items: readonly { id: string }[]): string {
  if (!ballot) return '';
  if (!ballot.valid) return t.invalidBallot(ballot.invalidReason);
  return ballot.choices
    .map((c) => {
      const n = items.findIndex((i) => i.id === c.itemId);
      return `${n >= 0 ? n + 1 : '?'} ${t.choice[c.choice] ?? c.choice}`;
    })
    .join('　');
}
