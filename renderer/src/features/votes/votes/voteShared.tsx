/** Types and small pieces shared by the vote screens and printouts. */
import { Tag } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
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

/** How the vote form names a field main refused: "items.1.title" → "议题2" (for refusalMessages); other paths unnamed. */
export function voteFieldLabel(column: string): string {
  const m = /^items\.(\d+)(?:\.|$)/.exec(column);
  if (m) return `${t.itemTitle}${Number(m[1]) + 1}`;
  return '';
}

/**
 * A ballot's choices as text: "议题1 同意　议题2 反对" (items by position), or just
 * "同意" when the vote has one item — a bare "1 同意" read as a key, not an item.
 */
export function choicesText(ballot: SubjectRow['ballot'], items: readonly { id: string }[]): string {
  if (!ballot) return '';
  if (!ballot.valid) return t.invalidBallot(ballot.invalidReason);
  return ballot.choices
    .map((c) => {
      const word = t.choice[c.choice] ?? c.choice;
      if (items.length === 1) return word;
      const n = items.findIndex((i) => i.id === c.itemId);
      return t.choiceOfItem(n >= 0 ? String(n + 1) : '?', word);
    })
    .join('　');
}
