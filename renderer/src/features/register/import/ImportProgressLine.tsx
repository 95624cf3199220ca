import { Progress } from 'antd';
import { formatCount } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { SHOW_AFTER_MS, type RunningState } from './useImportProgress';

const t = zhCN.importer.progress;

/** Rows read / written and the seconds so far, for a call that has taken over a second. */
export function ImportProgressLine({ running }: { running: RunningState | null }) {
  if (!running || running.elapsedMs < SHOW_AFTER_MS) return null;
  const r = running.report;
  let text = t.upload;
  let percent: number | null = null;
  if (r?.stage === 'check' && r.rowsTotal !== null) {
    text = t.check(formatCount(r.rowsRead), formatCount(r.rowsTotal));
    percent = r.rowsTotal === 0 ? 100 : Math.floor((r.rowsRead / r.rowsTotal) * 100);
  } else if (r?.stage === 'write') {
    text = t.write(formatCount(r.rowsTotal ?? 0));
    percent = 100;
  } else if (r?.stage === 'done') {
    text = r.rowsWritten > 0 ? t.written(formatCount(r.rowsWritten)) : t.done;
    percent = 100;
  }
  return (
    <div className="import-progress" data-testid="import-progress" role="status">
      <div className="import-progress-text">
        <span data-testid="import-progress-stage">{text}</span>
        <span className="import-progress-elapsed" data-testid="import-progress-elapsed">{t.elapsed(Math.floor(running.elapsedMs / 1000))}</span>
      </div>
      <Progress percent={percent ?? 0} status={r?.stage === 'write' ? 'active' : 'normal'} showInfo={percent !== null} size="small" />
    </div>
  );
}
