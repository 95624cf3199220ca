/**
 * Rule overrides: main refuses a save that breaks a procedural rule with
 * REFUSED and a rule problem for each (shared/contract/errors.ts). The form then shows every
 * violation and a reason box; 「仍要保存」 sends the same call again with the
 * reason as `overrideReason`. Any change to the form asks main afresh.
 */
import { useState } from 'react';
import { Alert, Input } from 'antd';
import { ApiError } from '../../../api/errors';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.meetings;

export interface Violation { rule: string; message: string }

/** The violations of an overridable refusal, else null. */
export function overridableViolations(e: unknown): Violation[] | null {
  if (!(e instanceof ApiError) || e.ruleProblems.length === 0) return null;
  return e.ruleProblems.map(({ rule, message }) => ({ rule, message }));
}

export interface Override {
  /** The violations main named, while the user decides. */
  violations: Violation[] | null;
  reason: string;
  setReason: (reason: string) => void;
  reasonError: string | null;
  /** Forget the refusal (the form changed, the dialog closed). */
  clear: () => void;
  /**
   * Send with the reason when a refusal is pending ('' otherwise). An
   * overridable refusal is kept for the user to answer (resolves false); any
   * other error is thrown on. Resolves true when saved.
   */
  attempt: (send: (overrideReason: string) => Promise<void>) => Promise<boolean>;
}

export function useOverride(): Override {
  const [violations, setViolations] = useState<Violation[] | null>(null);
  const [reason, setReasonState] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  const clear = () => {
    setViolations(null);
    setReasonError(null);
  };
  const setReason = (value: string) => {
    setReasonState(value);
    if (value.trim() !== '') setReasonError(null);
  };
  const attempt = async (send: (overrideReason: string) => Promise<void>) => {
    const overrideReason = violations ? reason.trim() : '';
    if (violations && overrideReason === '') {
      setReasonError(t.reasonRequired);
      return false;
    }
    try {
      await send(overrideReason);
    } catch (e) {
      const found = overridableViolations(e);
      if (!found) throw e;
      setViolations(found);
      return false;
    }
    clear();
    setReasonState('');
    return true;
  };
  return { violations, reason, setReason, reasonError, clear, attempt };
}

/** The words of the panel; a feature other than meetings (the bodies) gives its own. */
export interface OverrideTexts { refusedTitle: string; overrideHint: string; overrideReason: string; overridePlaceholder: string }

/** The refusal and the reason box, shown in the form while a refusal is pending. */
export function OverridePanel({ state, texts = t, inputId = 'override-reason' }: { state: Override; texts?: OverrideTexts; inputId?: string }) {
  if (!state.violations) return null;
  return (
    <div className="meeting-override" data-testid="override-panel">
      <Alert
        type="warning"
        showIcon
        title={texts.refusedTitle}
        description={
          <ul className="plain-list" data-testid="override-violations">
            {state.violations.map((v) => <li key={`${v.rule}:${v.message}`} data-rule={v.rule}>{v.message}</li>)}
          </ul>
        }
      />
      <div className="meeting-override-reason">
        <label htmlFor={inputId}>{texts.overrideHint}</label>
        <Input.TextArea
          id={inputId}
          aria-label={texts.overrideReason}
          data-testid="override-reason"
          rows={2}
          maxLength={500}
          value={state.reason}
          status={state.reasonError ? 'error' : undefined}
          placeholder={texts.overridePlaceholder}
          onChange={(e) => state.setReason(e.target.value)}
        />
        {state.reasonError && <div className="meeting-override-error" role="alert">{state.reasonError}</div>}
      </div>
    </div>
  );
}
