/**
 * The office's holiday calendar: one year as twelve month calendars, where the
 * arrangement comes from, a day's setting, and the xlsx template and import.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Radio, Space, Typography } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { holidaySetDay } from '../../../../../shared/contract/system';
import type { RowError } from '../../../../../shared/domain/roster-rows';
import { invoke } from '../../../api/client';
import { ApiError, errorMessage } from '../../../api/errors';
import { downloadFile, readFilePayload, tableFileTooBig } from '../../../api/files';
import { useTableFileChooser } from '../../../components/useTableFileChooser';
import { useAsync } from '../../../api/useAsync';
import { FormError } from '../../../components/FormError';
import { FormModal } from '../../../components/FormModal';
import { PageHeader } from '../../../components/PageHeader';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { formatCount } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { ImportErrors } from '../../register/import/ImportErrors';

const t = zhCN.holidays;

type HolidayYear = MethodOutput<'holiday.year'>;
type DayKind = 'holiday' | 'workday' | 'rest' | 'normal';
type SetKind = 'holiday' | 'workday' | 'normal';

interface DayInfo { date: string; kind: DayKind; name: string }

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** 0 = Monday … 6 = Sunday (the calendars start their weeks on Monday). */
function mondayIndex(year: number, month: number, day: number): number {
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayInfo(date: string, byDate: Map<string, HolidayYear['days'][number]>): DayInfo {
  const set = byDate.get(date);
  if (set) return { date, kind: set.kind, name: set.name };
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { date, kind: mondayIndex(y, m, d) >= 5 ? 'rest' : 'normal', name: '' };
}

export function HolidaysPage() {
  const { message } = AntApp.useApp();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const loaded = useAsync(() => invoke('holiday.year', { year }), [year]);
  const [shown, setShown] = useState<HolidayYear | null>(null);
  const data = shown?.year === year ? shown : loaded.data?.year === year ? loaded.data : undefined;
  const [editing, setEditing] = useState<DayInfo | null>(null);
  const [busy, setBusy] = useState<'template' | 'import' | null>(null);
  const [rowErrors, setRowErrors] = useState<RowError[]>([]);
  const [importError, setImportError] = useState<string[]>([]);
  const chooser = useTableFileChooser((file) => void runImport(file), 'holiday-file-input');

  const changeYear = (next: number) => {
    setShown(null);
    setYear(next);
  };

  const downloadTemplate = async () => {
    setBusy('template');
    try {
      downloadFile(await invoke('holiday.template', {}));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const runImport = async (file: File) => {
    setRowErrors([]);
    setImportError([]);
    const tooBig = tableFileTooBig(file);
    if (tooBig) {
      setImportError([tooBig]);
      return;
    }
    setBusy('import');
    try {
      const result = await invoke('holiday.import', { file: await readFilePayload(file) });
      message.success(t.imported(result.years.join('、'), formatCount(result.days)));
      setShown(null);
      loaded.reload();
    } catch (e) {
      if (e instanceof ApiError && e.rowErrors.length > 0) setRowErrors(e.rowErrors);
      else setImportError([errorMessage(e)]);
    } finally {
      setBusy(null);
    }
  };

  const byDate = new Map((data?.days ?? []).map((d) => [d.date, d]));

  return (
    <div className="page page-scroll holidays-page" data-testid="holidays-page">
      <PageHeader
        title={t.title}
        extra={
          <>
            <Button onClick={downloadTemplate} loading={busy === 'template'} data-testid="holiday-template">{t.downloadTemplate}</Button>
            <Button type="primary" onClick={chooser.open} loading={busy === 'import'} data-testid="holiday-import">{t.importXlsx}</Button>
            {chooser.input}
          </>
        }
      />
      <Typography.Paragraph type="secondary" className="page-intro">{t.intro}</Typography.Paragraph>

      <div className="holiday-toolbar">
        <Space>
          <Button onClick={() => changeYear(year - 1)} disabled={year <= 1990} data-testid="holiday-prev">{t.prevYear}</Button>
          <span className="holiday-year" data-testid="holiday-year">{t.yearLabel(year)}</span>
          <Button onClick={() => changeYear(year + 1)} disabled={year >= 2100} data-testid="holiday-next">{t.nextYear}</Button>
        </Space>
        <div className="holiday-legend">
          <span><i className="holiday-swatch kind-holiday" />{t.legendHoliday}</span>
          <span><i className="holiday-swatch kind-workday" />{t.legendWorkday}</span>
          <span><i className="holiday-swatch kind-rest" />{t.legendRest}</span>
        </div>
      </div>

      <FormError messages={importError} />
      {rowErrors.length > 0 && (
        <ImportErrors errors={rowErrors} title={zhCN.importer.errorsTitleNoPreview(formatCount(rowErrors.length))} />
      )}
      {loaded.error !== null && <Alert type="error" showIcon title={errorMessage(loaded.error)} />}
      {data && <Origin data={data} />}
      {data && (
        <div className="holiday-months" data-testid="holiday-months">
          {Array.from({ length: 12 }, (_, i) => (
            <MonthCalendar key={i} year={year} month={i + 1} byDate={byDate} onPick={setEditing} />
          ))}
        </div>
      )}

      {editing && (
        <DayEditor
          key={editing.date}
          day={editing}
          onClose={() => setEditing(null)}
          onSaved={(next) => {
            setShown(next);
            setEditing(null);
            message.success(t.saved);
          }}
        />
      )}
    </div>
  );
}

function Origin({ data }: { data: HolidayYear }) {
  if (data.origin === 'none') {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="holiday-origin"
        data-origin="none"
        title={t.unknownTitle(data.year)}
        description={t.unknownNote}
      />
    );
  }
  const label = data.origin === 'shipped' ? t.originShipped : t.originOffice;
  return (
    <div className="holiday-origin" data-testid="holiday-origin" data-origin={data.origin}>
      <span className="holiday-origin-label">{t.originLabel}</span>
      <strong>{label}</strong>
      {data.source && <span className="holiday-origin-source">{data.source}</span>}
    </div>
  );
}

function MonthCalendar({ year, month, byDate, onPick }: {
  year: number; month: number; byDate: Map<string, HolidayYear['days'][number]>; onPick: (day: DayInfo) => void;
}) {
  const lead = mondayIndex(year, month, 1);
  const count = daysInMonth(year, month);
  const cells: (DayInfo | null)[] = [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length: count }, (_, i) => dayInfo(`${year}-${pad(month)}-${pad(i + 1)}`, byDate)),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  return (
    <section className="holiday-month panel">
      <div className="holiday-month-title">{t.month(month)}</div>
      <div className="holiday-grid">
        {t.weekdays.map((w, i) => <div key={w} className={`holiday-weekday${i >= 5 ? ' weekend' : ''}`}>{w}</div>)}
        {cells.map((day, i) =>
          day === null ? (
            <div key={`blank-${i}`} className="holiday-day blank" />
          ) : (
            <button
              type="button"
              key={day.date}
              className={`holiday-day kind-${day.kind}`}
              data-testid={`holiday-day-${day.date}`}
              data-kind={day.kind}
              title={day.name ? `${day.date} ${day.name}` : day.date}
              onClick={() => onPick(day)}
            >
              <span className="holiday-day-no">{Number(day.date.slice(8))}</span>
              {day.kind === 'holiday' && <span className="holiday-mark">{t.holidayMark}</span>}
              {day.kind === 'workday' && <span className="holiday-mark">{t.workdayMark}</span>}
            </button>
          ),
        )}
      </div>
    </section>
  );
}

function DayEditor({ day, onClose, onSaved }: { day: DayInfo; onClose: () => void; onSaved: (year: HolidayYear) => void }) {
  const [form] = Form.useForm<{ kind: SetKind; name: string }>();
  const { busy, errors, submit } = useFormSubmit(form);
  const initialKind: SetKind = day.kind === 'holiday' || day.kind === 'workday' ? day.kind : 'normal';
  const kind = Form.useWatch('kind', form) ?? initialKind;
  const [y, m, d] = day.date.split('-').map(Number) as [number, number, number];

  const save = () =>
    submit(holidaySetDay, { date: day.date, ...(form.getFieldsValue(true) as object) }, async (data) => {
      onSaved(await invoke('holiday.setDay', { ...data, name: data.kind === 'holiday' ? data.name : '' }));
    });

  return (
    <FormModal
      open
      title={t.editTitle(day.date, t.weekdays[mondayIndex(y, m, d)] ?? '')}
      onCancel={onClose}
      width={420}
      save={{ busy, onSave: save, testId: 'holiday-day-save', label: zhCN.common.save }}
      errors={errors}
      errorsTestId="holiday-day-errors"
    >
      <div data-testid="holiday-day-editor">
        <Form form={form} layout="vertical" className="holiday-day-form" initialValues={{ kind: initialKind, name: day.name }}>
          <Form.Item name="kind" label={t.kind}>
            <Radio.Group
              data-testid="holiday-day-kind"
              options={(['holiday', 'workday', 'normal'] as const).map((k) => ({ value: k, label: t.kinds[k] }))}
            />
          </Form.Item>
          {kind === 'holiday' && (
            <Form.Item name="name" label={t.name}>
              <Input placeholder={t.namePlaceholder} maxLength={20} data-testid="holiday-day-name" />
            </Form.Item>
          )}
          {kind === 'normal' && <Typography.Text type="secondary">{t.normalHint}</Typography.Text>}
        </Form>
      </div>
    </FormModal>
  );
}
