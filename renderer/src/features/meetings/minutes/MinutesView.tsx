/** An approved version of minutes, read-only; and the line difference between two versions. */
import { Alert, Empty, Spin } from 'antd';
import type { MinutesContent } from '../../../../../shared/domain/minutes';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.minutes;

function Field({ label, text, testId }: { label: string; text: string; testId?: string }) {
  return (
    <div className="minutes-view-field">
      <span className="minutes-view-label">{label}</span>
      <span className="minutes-view-text" data-testid={testId}>{text.trim() || t.noItems}</span>
    </div>
  );
}

export function MinutesView({ content }: { content: MinutesContent }) {
  return (
    <div className="minutes-view" data-testid="minutes-view">
      <Field label={t.attendees} text={content.attendees} testId="view-attendees" />
      <Field label={t.recorder} text={content.recorder} testId="view-recorder" />
      {content.items.map((item, i) => (
        <div key={i} className="minutes-view-item" data-testid={`view-item-${i}`}>
          <div className="minutes-view-item-title">{t.itemN(i + 1)}：{item.title}</div>
          <Field label={t.discussion} text={item.discussion} />
          <Field label={t.decision} text={item.decision} testId="view-decision" />
        </div>
      ))}
      <div className="minutes-view-field">
        <span className="minutes-view-label">{t.actions}</span>
        {content.actions.length === 0
          ? <span>{t.noItems}</span>
          : (
            <table className="minutes-view-actions">
              <thead>
                <tr><th>{t.actionText}</th><th>{t.party}</th><th>{t.person}</th><th>{t.due}</th></tr>
              </thead>
              <tbody>
                {content.actions.map((a, i) => (
                  <tr key={i}><td>{a.text}</td><td>{a.party}</td><td>{a.person}</td><td className="mono">{a.due || t.noDue}</td></tr>
                ))}
              </tbody>
            </table>
          )}
      </div>
      <Field label={t.other} text={content.other} />
    </div>
  );
}

/**
 * The difference from one version to another (minutes.diff): removed lines red
 * and struck through, added lines green, and inside a replaced line the words
 * that changed marked darker. `stamp` reloads it when a side is saved.
 */
export function MinutesDiff({ from, to, stamp }: { from: { id: string; version: number }; to: { id: string; version: number }; stamp: string }) {
  const diff = useAsync(() => invoke('minutes.diff', { fromId: from.id, toId: to.id }), [from.id, to.id, stamp]);
  const lines = diff.data?.lines ?? [];
  const changed = lines.some((l) => l.op !== 'same');
  return (
    <div className="minutes-diff" data-testid="minutes-diff" data-from={String(from.version)} data-to={String(to.version)} data-ready={diff.loading ? 'false' : 'true'}>
      <div className="minutes-diff-title">{t.diffTitle(from.version, to.version)}</div>
      {diff.error !== null && <Alert type="error" showIcon title={errorMessage(diff.error)} />}
      {diff.loading && !diff.data && <Spin size="small" style={{ marginLeft: 12 }} />}
      {diff.data && !changed && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.diffSame} />}
      {diff.data && changed && lines.map((line, i) => (
        <div
          key={i}
          className={`minutes-diff-line ${line.op}`}
          data-op={line.op}
          title={line.op === 'removed' ? t.removed : line.op === 'added' ? t.added : undefined}
        >
          {line.op === 'removed' ? <del><LineText line={line} /></del> : line.op === 'added' ? <ins style={{ textDecoration: 'none' }}><LineText line={line} /></ins> : line.text}
        </div>
      ))}
    </div>
  );
}

type DiffLineOut = MethodOutput<'minutes.diff'>['lines'][number];

/** A changed line's text with the words that differ in <mark>. */
function LineText({ line }: { line: DiffLineOut }) {
  if (!line.spans) return <>{line.text}</>;
  return <>{line.spans.map((s, i) => (s.changed ? <mark key={i} className="minutes-diff-word" data-testid="diff-word">{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;
}
