/**
 * The notices of a matter before and after their step is recorded: the text a
 * notice is drafted with (the resolution from what decided the matter, the
 * result as headings to fill in), and the posting period a publication step
 * starts with. The draft print and 办理此步 use the same functions, so the
 * dialog opened after printing a draft is prefilled with what was printed.
 */
import { addDays } from '../../../../../shared/domain/dates';
import { DEFAULT_POSTING_DAYS } from '../../../../../shared/domain/workflow';
import { zhCN } from '../../../i18n/zh-CN';
import { publicationSteps, type MatterDetail, type MatterStep } from './shared';

const t = zhCN.matters.advance;

/**
 * The posting period prefilled for a publication step dated `date`: from that day for DEFAULT_POSTING_DAYS days
 * (shared/domain/workflow.ts: no community sets its own posting period; local rules ask for at least 7 days). The CLI
 * and the repair-use notices use the same rule.
 */
export function defaultPosting(date: string): { start: string; end: string } {
  return { start: date, end: addDays(date, DEFAULT_POSTING_DAYS) };
}

/** The notice text a publication step starts with: the resolution notice for the first one, the result notice for the second. */
export function draftNoticeText(matter: MatterDetail, step: MatterStep): string {
  const { resolution } = publicationSteps(matter.steps);
  if (resolution && resolution.key === step.key) {
    const index = matter.steps.findIndex((s) => s.key === step.key);
    const previous = matter.steps.slice(0, index).reverse().find((s) => s.done && !s.skipped && s.kind === 'meeting' && s.date !== null) ?? null;
    return t.resolutionTemplate(matter.title, previous ? { name: previous.name, date: previous.date! } : null, matter.decision);
  }
  return t.resultTemplate(matter.title);
}

/** What to add to the matter's files at this step. */
export function attachmentHint(step: Pick<MatterStep, 'key' | 'kind'>): string {
  const hints = zhCN.matters.attachmentHints;
  return hints.byKey[step.key] ?? hints.byKind[step.kind];
}
