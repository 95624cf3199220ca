/**
 * A second ballot for a subject that already has one: both side by side, item
 * by item, and the two ways out — replace the recorded ballot with this one
 * (a written reason) or discard this one. Enter replaces, Esc discards.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Input, type InputRef } from 'antd';
import { FormError } from '../../../components/FormError';
import { formatDateTime } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { ChoiceTag, type Draft, type RecordedBallot, type SubjectItem } from './ballotShared';

const t = zhCN.ballots;

export function ConflictPanel({ items, existing, draft, busy, errors, onReplace, onDiscard }: {
  items: SubjectItem[];
  existing: RecordedBallot;
  draft: Draft;
  busy: boolean;
  errors: string[];
  onReplace: (reason: string) => void;
  onDiscard: () => void;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const reasonRef = useRef<InputRef>(null);
  useEffect(() => { reasonRef.current?.focus(); }, [existing.id]);

  const chosen = new Map(existing.choices.map((c) => [c.itemId, c.choice]));
  const replace = () => {
    if (reason.trim() === '') {
      setMissing(true);
      reasonRef.current?.focus();
      return;
    }
    onReplace(reason.trim());
  };

  return (
    <div className="be-conflict" data-testid="entry-conflict" data-existing-id={existing.id}>
      <Alert type="warning" showIcon title={t.conflictTitle} description={t.conflictText(existing.enteredBy, formatDateTime(existing.enteredAt), existing.channel)} />
      <table className="be-conflict-table" data-testid="entry-conflict-table">
        <thead>
          <tr><th>{t.conflictItem}</th><th>{t.conflictExisting}</th><th>{t.conflictNew}</th></tr>
        </thead>
        <tbody>
          <tr className={existing.valid === !draft.invalid ? '' : 'is-different'}>
            <td>{t.conflictValidity}</td>
            <td>{existing.valid ? t.valid : `${t.invalid}（${existing.invalidReason}）`}</td>
            <td>{draft.invalid ? `${t.invalid}（${draft.invalidReason}）` : t.valid}</td>
          </tr>
          {items.map((item, i) => {
            const before = chosen.get(item.id) ?? null;
            const after = draft.choices[i] ?? null;
            return (
              <tr key={item.id} className={before === after ? '' : 'is-different'} data-testid="entry-conflict-row" data-before={before ?? ''} data-after={after ?? ''}>
                <td><span className="muted">{t.itemNo(item.position)}</span> {item.title}</td>
                <td><ChoiceTag choice={before} /></td>
                <td><ChoiceTag choice={after} /></td>
              </tr>
            );
          })}
          {(existing.proxyHolder !== '' || draft.proxy) && (
            <tr className={existing.proxyHolder === (draft.proxy ? draft.proxyHolder.trim() : '') ? '' : 'is-different'}>
              <td>{t.conflictProxy}</td>
              <td>{existing.proxyHolder || '—'}</td>
              <td>{draft.proxy ? draft.proxyHolder : '—'}</td>
            </tr>
          )}
        </tbody>
      </table>
      <label className="be-field-label" htmlFor="be-conflict-reason">{t.conflictReason}</label>
      <Input
        id="be-conflict-reason"
        ref={reasonRef}
        value={reason}
        maxLength={500}
        status={missing && reason.trim() === '' ? 'error' : undefined}
        placeholder={t.conflictReasonPlaceholder}
        data-testid="entry-conflict-reason"
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return;
          if (e.key === 'Enter') { e.preventDefault(); replace(); }
          if (e.key === 'Escape') { e.preventDefault(); onDiscard(); }
        }}
      />
      {missing && reason.trim() === '' && <div className="be-field-error" role="alert">{t.needReason}</div>}
      <FormError messages={errors} />
      <div className="be-actions">
        <Button type="primary" danger loading={busy} onClick={replace} data-testid="entry-conflict-replace">{t.replaceWithThis}</Button>
        <Button disabled={busy} onClick={onDiscard} data-testid="entry-conflict-discard">{t.discardThis}</Button>
        <span className="be-keys-hint">{t.conflictKeys}</span>
      </div>
    </div>
  );
}
