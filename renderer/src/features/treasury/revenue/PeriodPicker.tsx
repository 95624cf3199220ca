/**
 * The period a revenue summary covers: a year and one of its quarters (公示 is
 * quarterly), or any period typed as two dates.
 */
import { useState } from 'react';
import { Segmented, Select } from 'antd';
import { DateField } from '../../../components/DateField';
import { isValidDate } from '../../../../../shared/domain/dates';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { periodQuarter, quarterOf, quarterPeriod, type Period, type Quarter } from './period';

const t = zhCN.revenue;

type Choice = Quarter | 'custom';

export function PeriodPicker({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const exact = periodQuarter(value);
  const [custom, setCustom] = useState(exact === null);
  const [draft, setDraft] = useState<Period>(value);
  const shown = exact ?? quarterOf(isValidDate(value.from) ? value.from : todayDate());
  const thisYear = Number(todayDate().slice(0, 4));
  const years = Array.from({ length: 7 }, (_, i) => thisYear - 5 + i);
  if (!years.includes(shown.year)) years.unshift(shown.year);

  const choose = (choice: Choice) => {
    if (choice === 'custom') {
      setCustom(true);
      setDraft(value);
      return;
    }
    setCustom(false);
    onChange(quarterPeriod(shown.year, choice));
  };

  const typed = (next: Period) => {
    setDraft(next);
    // Asked for once both are dates; main says so if the end is before the start.
    if (isValidDate(next.from) && isValidDate(next.to)) onChange(next);
  };

  return (
    <div className="toolbar revenue-period" data-testid="revenue-period">
      <Select
        data-testid="revenue-year"
        value={shown.year}
        disabled={custom}
        style={{ width: 108 }}
        options={years.map((y) => ({ value: y, label: t.yearOption(y) }))}
        onChange={(y: number) => onChange(quarterPeriod(y, shown.quarter))}
      />
      <Segmented<Choice>
        data-testid="revenue-quarter"
        value={custom ? 'custom' : shown.quarter}
        onChange={choose}
        options={[
          ...([1, 2, 3, 4] as const).map((q) => ({ value: q, label: t.quarters[q - 1] })),
          { value: 'custom' as const, label: t.customPeriod },
        ]}
      />
      {custom && (
        <>
          <DateField className="revenue-date" value={draft.from} onChange={(v) => typed({ ...draft, from: v })} data-testid="revenue-from" />
          <span className="toolbar-label">{t.periodTo}</span>
          <DateField className="revenue-date" value={draft.to} onChange={(v) => typed({ ...draft, to: v })} data-testid="revenue-to" />
        </>
      )}
    </div>
  );
}
