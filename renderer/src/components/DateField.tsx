/**
 * The one date control of the app: Ant Design's DatePicker in Chinese, whose
 * value is the contract's date text (YYYY-MM-DD) so that it drops into a
 * Form.Item or a state hook like a text input. Office staff type dates as often
 * as they pick them: 20261204, 2026-12-04, 2026/12/4 and 2026.12.4 are all read;
 * the field shows 2026-12-04 whatever the browser's language (a native date
 * input showed mm/dd/yyyy in an English browser).
 *
 * With `withTime` it is the same control for a moment (反映时间, 派单时间): the
 * value is the contract's office-local 'YYYY-MM-DDTHH:mm', shown and typed as
 * 2026-12-04 09:30 (or 2026-12-04T09:30, 202612040930).
 *
 * data-testid and aria-label land on the text input itself, so a test fills it.
 */
import { useState, type CSSProperties, type FormEvent } from 'react';
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import 'dayjs/locale/zh-cn';

dayjs.extend(customParseFormat);
dayjs.locale('zh-cn');

/**
 * Forms that are a whole date the moment they are typed: the picker reads them,
 * and they are taken at once with the calendar closed (it would otherwise cover
 * a dialog's buttons until Enter or a click elsewhere). The first is how a date
 * is shown.
 */
const COMPLETE = ['YYYY-MM-DD', 'YYYYMMDD', 'YYYY/MM/DD', 'YYYY.MM.DD'];
/**
 * Short forms: 2026/12/1 may still become 2026/12/15, so they are read only on
 * Enter or leaving the field (given to the picker, it took 2026/11/3 while
 * 2026/11/30 was being typed).
 */
const SHORT = ['YYYY/M/D', 'YYYY.M.D', 'YYYY-M-D', 'YYYY年M月D日'];

/** The same for a moment: whole the moment they are typed, the first as shown; and the short forms. */
const COMPLETE_TIME = ['YYYY-MM-DD HH:mm', 'YYYY-MM-DDTHH:mm', 'YYYYMMDDHHmm', 'YYYY/MM/DD HH:mm'];
const SHORT_TIME = ['YYYY/M/D H:mm', 'YYYY-M-D H:mm', 'YYYY-MM-DD H:mm'];
const VALUE = { date: 'YYYY-MM-DD', time: 'YYYY-MM-DDTHH:mm' } as const;

function dateIn(text: string, formats: string[], value: string): string | undefined {
  const day = dayjs(text.trim(), formats, true);
  return day.isValid() ? day.format(value) : undefined;
}

export interface DateFieldProps {
  value?: string | null;
  onChange?: (value: string) => void;
  /** Days that cannot be picked (before a start, after today …), as date text. */
  disabledDate?: (date: string) => boolean;
  disabled?: boolean;
  /** A moment (date and minute) instead of a day. */
  withTime?: boolean;
  placeholder?: string;
  size?: 'small' | 'middle' | 'large';
  style?: CSSProperties;
  className?: string;
  allowClear?: boolean;
  id?: string;
  status?: 'error' | 'warning';
  'aria-label'?: string;
  'data-testid'?: string;
}

export function DateField({ value, onChange, disabledDate, placeholder, style, allowClear = true, withTime = false, ...rest }: DateFieldProps) {
  const [open, setOpen] = useState(false);
  const valueFormat = withTime ? VALUE.time : VALUE.date;
  const complete = withTime ? COMPLETE_TIME : COMPLETE;
  const parsed = value ? dayjs(value, valueFormat, true) : null;
  const typed = (event: FormEvent<HTMLSpanElement>) => {
    if (!(event.target instanceof HTMLInputElement)) return;
    // Emptying the field empties the value at once, as a text field would.
    if (event.target.value.trim() === '') {
      if (value) onChange?.('');
      return;
    }
    const date = dateIn(event.target.value, complete, valueFormat);
    if (date === undefined) return;
    if (date !== value) onChange?.(date);
    // After the picker's own reaction to the keystroke, which opens the calendar.
    window.setTimeout(() => setOpen(false), 0);
  };
  /** Enter or leaving the field: a short form is complete now. */
  const finished = (target: EventTarget) => {
    if (!(target instanceof HTMLInputElement)) return;
    const date = dateIn(target.value, withTime ? SHORT_TIME : SHORT, valueFormat);
    if (date !== undefined && date !== value) onChange?.(date);
  };
  return (
    <span
      className="date-field"
      onInput={typed}
      onBlur={(e) => finished(e.target)}
      onKeyDown={(e) => { if (e.key === 'Enter') finished(e.target); }}
    >
      <DatePicker
        {...rest}
        open={open}
        onOpenChange={setOpen}
        value={parsed?.isValid() ? parsed : null}
        onChange={(day) => onChange?.(day ? day.format(valueFormat) : '')}
        format={complete}
        showTime={withTime ? { format: 'HH:mm' } : false}
        placeholder={placeholder ?? (withTime ? '如 2026-12-04 09:30' : '如 2026-12-04')}
        allowClear={allowClear}
        disabledDate={disabledDate ? (day) => disabledDate(day.format('YYYY-MM-DD')) : undefined}
        style={{ width: withTime ? 190 : 160, ...style }}
      />
    </span>
  );
}
