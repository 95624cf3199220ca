/**
 * The lookup box of the entry screen: a ballot's short code or a room,
 * address or owner name. An exact code selects at once (even when the clerk
 * already typed the first choice keys after it: they are handed on); several
 * matches are chosen with ↑ ↓ and Enter.
 */
import { useEffect, useRef, useState, type Ref, type RefObject } from 'react';
import { Input, Tag, type InputRef } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { groupedArea } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import type { Subject } from './ballotShared';

const t = zhCN.ballots;
const MAX_MATCHES = 12;
/** Keys that may follow a complete code when a clerk types fast: choices. */
const CHOICE_KEYS = /^[0-3 ]+$/;
const FORWARDED = new Set(['0', '1', '2', '3', ' ', 'Backspace']);

type Page = MethodOutput<'vote.subjects'>;

/** Lets the page hand over what the clerk typed while a ballot was being saved. */
export interface LookupApi { typeText: (text: string) => void }

export function SubjectLookup({ voteId, inputRef, apiRef, onSelect, onForwardKey }: {
  voteId: string;
  inputRef: Ref<InputRef>;
  apiRef: RefObject<LookupApi | null>;
  /** `keys`: choice keys typed after an exact code before it was found. */
  onSelect: (subject: Subject, keys: string) => void;
  /** Choice keys that reach the box after a subject was chosen, before the focus moved to the ballot. */
  onForwardKey: (key: string) => void;
}) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ query: string; page: Page } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [highlight, setHighlight] = useState(0);
  const textRef = useRef('');
  const seq = useRef(0);
  const pendingEnter = useRef(false);
  const composing = useRef(false);
  const forwarding = useRef(false);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  const choose = (subject: Subject, keys = '') => {
    seq.current++;
    forwarding.current = true;
    pendingEnter.current = false;
    textRef.current = '';
    setText('');
    setResult(null);
    setHighlight(0);
    onSelectRef.current(subject, keys);
  };

  const search = (raw: string) => {
    const query = raw.trim();
    const mine = ++seq.current;
    setError(null);
    if (query === '') {
      setResult(null);
      return;
    }
    invoke('vote.subjects', { voteId, search: query, state: 'all', offset: 0, limit: MAX_MATCHES }).then(
      (page) => {
        const now = textRef.current.trim();
        const typed = textRef.current.trimStart();
        const exact = page.rows.find((r) => r.code === query);
        if (now === query) {
          if (exact) return choose(exact);
          if (pendingEnter.current && page.rows.length === 1) return choose(page.rows[0]!);
          pendingEnter.current = false;
          setResult({ query, page });
          setHighlight(0);
          return;
        }
        // Superseded by later keys: an exact code followed only by choice keys is still the clerk's pick.
        if (exact && typed.startsWith(query) && CHOICE_KEYS.test(typed.slice(query.length))) {
          choose(exact, typed.slice(query.length));
        }
      },
      (e: unknown) => {
        if (mine === seq.current) setError(errorMessage(e));
      },
    );
  };

  const typeText = (value: string) => {
    textRef.current = value;
    setText(value);
    pendingEnter.current = false;
    search(value);
  };
  apiRef.current = { typeText };

  // A new vote (never in practice) starts over.
  useEffect(() => {
    textRef.current = '';
    setText('');
    setResult(null);
  }, [voteId]);

  const rows = result && result.query === text.trim() ? result.page.rows : null;

  return (
    <div className="be-lookup" data-testid="entry-lookup">
      <label className="be-lookup-label" htmlFor="be-lookup-input">{t.lookupLabel}</label>
      <Input
        id="be-lookup-input"
        ref={inputRef}
        size="large"
        className="be-lookup-input"
        value={text}
        placeholder={t.lookupPlaceholder}
        autoComplete="off"
        data-testid="entry-lookup-input"
        role="combobox"
        aria-expanded={rows !== null && rows.length > 0}
        aria-controls="be-lookup-matches"
        onFocus={() => { forwarding.current = false; }}
        onChange={(e) => {
          textRef.current = e.target.value;
          setText(e.target.value);
          pendingEnter.current = false;
          if (!composing.current) search(e.target.value);
        }}
        onCompositionStart={() => { composing.current = true; }}
        onCompositionEnd={(e) => {
          composing.current = false;
          search(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return;
          if (forwarding.current && FORWARDED.has(e.key)) {
            e.preventDefault();
            onForwardKey(e.key);
            return;
          }
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (rows && rows.length > 0) {
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setHighlight((h) => (h + step + rows.length) % rows.length);
            }
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (rows && rows.length > 0) choose(rows[Math.min(highlight, rows.length - 1)]!);
            else if (text.trim() !== '' && !rows) pendingEnter.current = true;
          } else if (e.key === 'Escape') {
            e.preventDefault();
            textRef.current = '';
            setText('');
            search('');
          }
        }}
      />
      <div className="be-lookup-help">{t.lookupHelp}</div>
      {error && <div className="be-lookup-error" role="alert">{error}</div>}
      {text.trim() !== '' && !rows && !error && <div className="be-lookup-status muted">{t.lookupSearching}</div>}
      {rows && rows.length === 0 && <div className="be-lookup-status" data-testid="entry-lookup-none">{t.lookupNone(text.trim())}</div>}
      {rows && rows.length > 0 && (
        <ul className="be-matches" id="be-lookup-matches" role="listbox" data-testid="entry-matches">
          {rows.map((row, i) => (
            <li
              key={row.id}
              role="option"
              aria-selected={i === highlight}
              className={`be-match${i === highlight ? ' is-highlighted' : ''}`}
              data-testid="entry-match"
              data-code={row.code}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setHighlight(i)}
              onClick={() => choose(row)}
            >
              <span className="be-match-code num">{row.code}</span>
              <span className="be-match-addresses">{row.addresses}</span>
              <span className="be-match-label">{row.label}</span>
              <span className="be-match-area num">{groupedArea(row.area)} ㎡</span>
              {row.ballot && <Tag className="tight-tag" color="green">{t.alreadyReturned}</Tag>}
            </li>
          ))}
          {result && result.page.total > rows.length && (
            <li className="be-match-more muted">{t.lookupMore(rows.length, result.page.total)}</li>
          )}
        </ul>
      )}
    </div>
  );
}
