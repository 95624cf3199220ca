/**
 * What the entry screen, the duplicate-ballot panel and the correction dialog
 * share: the types, the ballot being typed (a draft), the list of choices per
 * item and the keys that fill it (1 同意, 2 反对, 3 弃权, 0/Space 空白,
 * Backspace back one item, ↑ ↓ move).
 */
import { BALLOT_CHANNELS } from '../../../../../shared/contract/votes';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { groupedArea } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import './ballots.css';

const t = zhCN.ballots;

export type Vote = MethodOutput<'vote.get'>;
export type Subject = MethodOutput<'vote.subjects'>['rows'][number];
/** A recorded ballot; `proxyDocument` is known for the ballots entered on this screen. */
export type RecordedBallot = NonNullable<Subject['ballot']> & { proxyDocument?: string };
export type Choice = 'yes' | 'no' | 'abstain' | 'blank';
export type Channel = (typeof BALLOT_CHANNELS)[number];
/** Channels a clerk picks; 导入 is for files only. */
export const ENTRY_CHANNELS: Channel[] = ['纸质', '现场', '工作人员录入'];
export const CHOICE_ORDER: Choice[] = ['yes', 'no', 'abstain', 'blank'];

/** An item of the vote as it concerns one subject. */
export interface SubjectItem { id: string; position: number; title: string; area: string }

export function itemsOf(vote: Vote, subject: Subject): SubjectItem[] {
  const byId = new Map(vote.items.map((i) => [i.id, i]));
  return subject.items
    .map((s) => {
      const item = byId.get(s.itemId);
      return item ? { id: item.id, position: item.position, title: item.title, area: s.area } : null;
    })
    .filter((i): i is SubjectItem => i !== null)
    .sort((a, b) => a.position - b.position);
}

export interface Draft {
  choices: (Choice | null)[];
  cursor: number;
  invalid: boolean;
  invalidReason: string;
  proxy: boolean;
  proxyHolder: string;
  proxyDocument: string;
}

export function emptyDraft(items: number): Draft {
  return { choices: Array<Choice | null>(items).fill(null), cursor: 0, invalid: false, invalidReason: '', proxy: false, proxyHolder: '', proxyDocument: '' };
}

/** A recorded ballot as a draft to correct. */
export function draftOf(items: SubjectItem[], ballot: RecordedBallot): Draft {
  const chosen = new Map(ballot.choices.map((c) => [c.itemId, c.choice]));
  return {
    choices: items.map((i) => chosen.get(i.id) ?? null),
    cursor: 0,
    invalid: !ballot.valid,
    invalidReason: ballot.invalidReason,
    proxy: ballot.proxyHolder !== '',
    proxyHolder: ballot.proxyHolder,
    proxyDocument: ballot.proxyDocument ?? '',
  };
}

/** Messages for what is missing before the draft can be saved (empty: it can). */
export function draftProblems(draft: Draft): string[] {
  const problems: string[] = [];
  if (draft.invalid) {
    if (draft.invalidReason.trim() === '') problems.push(t.needInvalidReason);
  } else {
    const missing = draft.choices.filter((c) => c === null).length;
    if (missing > 0) problems.push(t.needChoices(missing));
  }
  if (draft.proxy) {
    if (draft.proxyHolder.trim() === '') problems.push(t.needProxyHolder);
    if (draft.proxyDocument.trim() === '') problems.push(t.needProxyDocument);
  }
  return problems;
}

/** The contract's ballot fields of a draft. */
export function ballotFieldsOf(draft: Draft, items: SubjectItem[], channel: Channel) {
  return {
    choices: items.flatMap((item, i) => {
      const choice = draft.choices[i];
      return choice ? [{ itemId: item.id, choice }] : [];
    }),
    valid: !draft.invalid,
    invalidReason: draft.invalid ? draft.invalidReason.trim() : '',
    channel,
    proxyHolder: draft.proxy ? draft.proxyHolder.trim() : '',
    proxyDocument: draft.proxy ? draft.proxyDocument.trim() : '',
  };
}

const KEY_CHOICE: Record<string, Choice> = { 1: 'yes', 2: 'no', 3: 'abstain', 0: 'blank', ' ': 'blank' };

/**
 * Apply a key to the choices; returns the new draft, or null when the key is
 * not one of the choice keys (so that the caller may handle it).
 */
export interface KeyLike { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; repeat: boolean }

/** A key typed after a code, before the subject was found: replayed as if pressed on the ballot. */
export function typedKey(key: string): KeyLike {
  return { key, ctrlKey: false, metaKey: false, altKey: false, repeat: false };
}

export function choiceKey(draft: Draft, e: KeyLike): Draft | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const n = draft.choices.length;
  const choice = KEY_CHOICE[e.key];
  if (choice) {
    if (e.repeat || n === 0 || draft.cursor >= n) return draft;
    const choices = draft.choices.slice();
    choices[draft.cursor] = choice;
    return { ...draft, choices, cursor: draft.cursor + 1 };
  }
  if (e.key === 'Backspace') {
    if (draft.cursor === 0) return draft;
    const choices = draft.choices.slice();
    choices[draft.cursor - 1] = null;
    return { ...draft, choices, cursor: draft.cursor - 1 };
  }
  if (e.key === 'ArrowUp') return { ...draft, cursor: Math.max(0, draft.cursor - 1) };
  if (e.key === 'ArrowDown') return { ...draft, cursor: Math.min(n, draft.cursor + 1) };
  return null;
}

export function ChoiceTag({ choice, invalid }: { choice: Choice | null | undefined; invalid?: boolean }) {
  if (invalid) return <span className="be-choice-tag is-invalid">{t.invalid}</span>;
  if (!choice) return <span className="be-choice-tag is-none">{t.notEntered}</span>;
  return <span className={`be-choice-tag is-${choice}`}>{t.choices[choice]}</span>;
}

/**
 * The items of one ballot with four choice buttons each; the current item is
 * large. Keys are handled by the focused container (choiceKey); the buttons
 * are for the mouse and never take focus.
 */
export function ChoiceList({ items, draft, onChange, large, dimmed, testId }: {
  items: SubjectItem[]; draft: Draft; onChange: (draft: Draft) => void; large?: boolean; dimmed?: boolean; testId: string;
}) {
  if (items.length === 0) return <div className="be-no-items" data-testid={`${testId}-none`}>{t.noItems}</div>;
  return (
    <ol className={`be-items${large ? ' is-large' : ''}${dimmed ? ' is-dimmed' : ''}`} data-testid={testId}>
      {items.map((item, i) => {
        const current = i === draft.cursor;
        const chosen = draft.choices[i];
        return (
          <li
            key={item.id}
            className={`be-item${current ? ' is-current' : ''}${chosen ? ' is-filled' : ''}`}
            data-testid="entry-item"
            data-item-id={item.id}
            data-choice={chosen ?? ''}
            data-current={current ? 'true' : 'false'}
            onClick={() => onChange({ ...draft, cursor: i })}
          >
            <div className="be-item-head">
              <span className="be-item-no">{t.itemNo(item.position)}</span>
              {current && <span className="be-item-current">{t.current}</span>}
              <span className="be-item-area">{t.itemArea(groupedArea(item.area))}</span>
            </div>
            <div className="be-item-title">{item.title}</div>
            <div className="be-item-choices">
              {CHOICE_ORDER.map((c) => (
                <button
                  key={c}
                  type="button"
                  tabIndex={-1}
                  className={`be-choice is-${c}${chosen === c ? ' is-chosen' : ''}`}
                  aria-pressed={chosen === c}
                  aria-keyshortcuts={t.choiceKeys[c]}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={(e) => {
                    e.stopPropagation();
                    const choices = draft.choices.slice();
                    choices[i] = c;
                    onChange({ ...draft, choices, cursor: Math.min(items.length, i + 1) });
                  }}
                >
                  {t.choices[c]}<kbd aria-hidden="true">{t.choiceKeys[c]}</kbd>
                </button>
              ))}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** A recorded ballot's choices in a line: 议题1 同意 · 议题2 反对. */
export function ChoicesLine({ items, ballot }: { items: SubjectItem[]; ballot: { valid: boolean; invalidReason: string; choices: { itemId: string; choice: Choice }[] } }) {
  if (!ballot.valid) {
    return (
      <span className="be-choices-line">
        <ChoiceTag choice={null} invalid />
        <span className="be-choices-line-reason">{ballot.invalidReason}</span>
      </span>
    );
  }
  const chosen = new Map(ballot.choices.map((c) => [c.itemId, c.choice]));
  return (
    <span className="be-choices-line">
      {items.map((item) => (
        <span key={item.id} className="be-choices-line-item">
          <span className="muted">{t.itemNo(item.position)}</span>
          <ChoiceTag choice={chosen.get(item.id)} />
        </span>
      ))}
    </span>
  );
}
