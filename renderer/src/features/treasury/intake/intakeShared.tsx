/** Pieces shared by the fund's intake screens: the file chooser, a figure, amounts. */
import type { ReactNode } from 'react';
import { Button, Space } from 'antd';
import { useTableFileChooser } from '../../../components/useTableFileChooser';
import { formatBytes } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { groupedYuan } from '../fund/fundShared';
import './intake.css';

const t = zhCN.intake;


/** A button that opens the file dialog, with the chosen file's name beside it. */
export function FileChoice({ file, onChoose, testId, disabled }: { file: File | null; onChoose: (file: File) => void; testId: string; disabled?: boolean }) {
  const chooser = useTableFileChooser(onChoose, `${testId}-input`);
  return (
    <Space wrap>
      <Button onClick={chooser.open} disabled={disabled} data-testid={`${testId}-choose`}>{t.chooseFile}</Button>
      <span className="file-name" data-testid={`${testId}-name`}>{file ? `${file.name}（${formatBytes(file.size)}）` : t.noFile}</span>
      {chooser.input}
    </Space>
  );
}

/** One figure of a summary: a label over a large number (money in yuan with its unit). */
export function Figure({ label, value, unit, testId, tone, hint }: {
  label: string; value: string; unit?: string; testId: string; tone?: 'warn' | 'ok' | 'strong'; hint?: ReactNode;
}) {
  return (
    <div className={`intake-figure${tone ? ` ${tone}` : ''}`}>
      <div className="intake-figure-label">{label}</div>
      <div className="intake-figure-value">
        <span data-testid={testId}>{value}</span>
        {unit && <span className="intake-figure-unit">{unit}</span>}
      </div>
      {hint && <div className="intake-figure-hint">{hint}</div>}
    </div>
  );
}

/** A money figure: "-80.00" → "-80.00", "123456.70" → "123,456.70". */
export const money = (value: string) => groupedYuan(value);

/** The signed text of main ("-80.00") as fen. */
export function yuanToFen(value: string): number {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(value);
  if (!m) return Number.NaN;
  const fen = Number(m[2]) * 100 + Number(m[3]);
  return m[1] === '-' ? -fen : fen;
}
