/**
 * 无效票 (with its reason) and 委托代理 (holder, authorisation document) of the
 * ballot being typed. In the text fields Enter saves and Esc goes back to the
 * choices.
 */
import type { KeyboardEvent, RefObject } from 'react';
import { Input, Switch, type InputRef } from 'antd';
import { zhCN } from '../../../i18n/zh-CN';
import type { Draft } from './ballotShared';

const t = zhCN.ballots;

export interface ToggleRefs {
  invalidReason: RefObject<InputRef | null>;
  proxyHolder: RefObject<InputRef | null>;
  proxyDocument: RefObject<InputRef | null>;
}

export function BallotToggles({ draft, onChange, refs, onSave, onBack, showKeys, testPrefix }: {
  draft: Draft;
  onChange: (draft: Draft) => void;
  refs: ToggleRefs;
  onSave: () => void;
  onBack: () => void;
  /** Show the W / D keys next to the switches (the entry screen). */
  showKeys?: boolean;
  testPrefix: string;
}) {
  const keys = (next?: () => void) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      if (next) next();
      else onSave();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onBack();
    }
  };
  const focusDocument = () => refs.proxyDocument.current?.focus();
  return (
    <div className="be-toggles">
      <div className={`be-toggle${draft.invalid ? ' is-on is-invalid' : ''}`}>
        <label className="be-toggle-switch">
          <Switch
            size="small"
            checked={draft.invalid}
            onChange={(invalid) => onChange({ ...draft, invalid })}
            data-testid={`${testPrefix}-invalid`}
          />
          <span>{t.invalidToggle}</span>
          {showKeys && <kbd>{t.invalidKey}</kbd>}
        </label>
        {draft.invalid && (
          <Input
            ref={refs.invalidReason}
            size="small"
            value={draft.invalidReason}
            maxLength={200}
            aria-label={t.invalidReason}
            placeholder={`${t.invalidReason}：${t.invalidReasonPlaceholder}`}
            status={draft.invalidReason.trim() === '' ? 'warning' : undefined}
            data-testid={`${testPrefix}-invalid-reason`}
            onChange={(e) => onChange({ ...draft, invalidReason: e.target.value })}
            onKeyDown={keys()}
          />
        )}
      </div>
      <div className={`be-toggle${draft.proxy ? ' is-on' : ''}`}>
        <label className="be-toggle-switch">
          <Switch
            size="small"
            checked={draft.proxy}
            onChange={(proxy) => onChange({ ...draft, proxy })}
            data-testid={`${testPrefix}-proxy`}
          />
          <span>{t.proxyToggle}</span>
          {showKeys && <kbd>{t.proxyKey}</kbd>}
        </label>
        {draft.proxy && (
          <div className="be-proxy-fields">
            <Input
              ref={refs.proxyHolder}
              size="small"
              value={draft.proxyHolder}
              maxLength={60}
              aria-label={t.proxyHolder}
              placeholder={t.proxyHolder}
              data-testid={`${testPrefix}-proxy-holder`}
              onChange={(e) => onChange({ ...draft, proxyHolder: e.target.value })}
              onKeyDown={keys(focusDocument)}
            />
            <Input
              ref={refs.proxyDocument}
              size="small"
              value={draft.proxyDocument}
              maxLength={200}
              aria-label={t.proxyDocument}
              placeholder={`${t.proxyDocument}：${t.proxyDocumentPlaceholder}`}
              data-testid={`${testPrefix}-proxy-document`}
              onChange={(e) => onChange({ ...draft, proxyDocument: e.target.value })}
              onKeyDown={keys()}
            />
            <span className="be-proxy-note muted">{t.proxyNote}</span>
          </div>
        )}
      </div>
    </div>
  );
}
