/**
 * The fund's printouts from its screens: a period picker (1 January of this
 * year → today by default) before the household statements and the fund
 * summary, the 打印 menu of the 维修资金 page, and 导出账簿 (ledger.export as
 * xlsx). Print views open in the same window, as the other print links do.
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Button, Dropdown, Form, Modal, Select, Space } from 'antd';
import { DateField } from '../../../components/DateField';
import { isValidDate } from '../../../../../shared/domain/dates';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { downloadFile } from '../../../api/files';
import { FormError } from '../../../components/FormError';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import './intake.css';

const t = zhCN.intake;

export type PeriodPrint = 'statements' | 'summary' | 'statement';

interface Period { from: string; to: string; buildingId?: string }

/** This year so far: statements to owners are at least yearly. */
export function thisYearSoFar(): Period {
  const to = todayDate();
  return { from: `${to.slice(0, 4)}-01-01`, to };
}

/** Asks for the period, then opens the print view (`statement`: one part's). */
export function PeriodModal({ communityId, kind, partId, onClose }: { communityId: string; kind: PeriodPrint | null; partId?: string; onClose: () => void }) {
  const [form] = Form.useForm<Period>();
  const [errors, setErrors] = useState<string[]>([]);

  useEffect(() => {
    if (!kind) return;
    setErrors([]);
    form.setFieldsValue({ ...thisYearSoFar(), buildingId: '' });
  }, [kind]);
  // The households' statements print for one building or all of them.
  const buildings = useAsync(() => (kind === 'statements' ? invoke('community.buildings', { id: communityId }) : Promise.resolve([])), [communityId, kind]);

  const open = () => {
    const { from = '', to = '', buildingId } = form.getFieldsValue(true) as Partial<Period>;
    if (!isValidDate(from) || !isValidDate(to)) return setErrors([t.periodInvalid]);
    if (from > to) return setErrors([t.periodOrder]);
    if (kind === 'summary') navigate({ name: 'printFundSummary', communityId, from, to });
    else if (kind === 'statement') navigate({ name: 'printStatements', communityId, from, to, partId });
    else navigate({ name: 'printStatements', communityId, from, to, buildingId: buildingId || undefined });
    onClose();
  };

  return (
    <Modal
      open={kind !== null}
      title={kind ? t.periodTitle[kind] : ''}
      onCancel={onClose}
      destroyOnHidden
      width={460}
      footer={
        <Space>
          <Button onClick={onClose}>{zhCN.common.cancel}</Button>
          <Button type="primary" onClick={open} data-testid="period-open">{t.open}</Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" className="compact-form" data-testid="period-form" onFinish={open}>
        <div className="form-row">
          <Form.Item name="from" label={t.periodFrom} required>
            <DateField data-testid="period-from" />
          </Form.Item>
          <Form.Item name="to" label={t.periodTo} required>
            <DateField data-testid="period-to" />
          </Form.Item>
        </div>
        {kind === 'statements' && (
          <Form.Item name="buildingId" label={t.periodBuilding}>
            <Select
              data-testid="period-building"
              loading={buildings.data === undefined}
              options={[{ value: '', label: t.periodAllBuildings }, ...(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))]}
            />
          </Form.Item>
        )}
      </Form>
      {kind !== 'summary' && <p className="intake-hint">{t.periodHint}</p>}
      <FormError messages={errors} />
    </Modal>
  );
}

/** 导出账簿 and the 打印 menu of the 维修资金 page. */
export function FundPrintMenu({ communityId }: { communityId: string }) {
  const { message } = AntApp.useApp();
  const [period, setPeriod] = useState<PeriodPrint | null>(null);
  const [exporting, setExporting] = useState(false);

  const exportBooks = async () => {
    setExporting(true);
    try {
      downloadFile(await invoke('ledger.export', { communityId }));
      message.success(t.exported);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Button onClick={() => void exportBooks()} loading={exporting} data-testid="fund-export">{t.exportBooks}</Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'statements', label: <span data-testid="fund-print-statements">{t.printStatements}</span> },
            { key: 'summary', label: <span data-testid="fund-print-summary">{t.printSummary}</span> },
            { key: 'top-up', label: <span data-testid="fund-print-top-up">{t.printTopUp}</span> },
          ],
          onClick: ({ key }) => {
            if (key === 'top-up') navigate({ name: 'printTopUp', communityId });
            else setPeriod(key as PeriodPrint);
          },
        }}
      >
        <Button data-testid="fund-print">{t.print} ▾</Button>
      </Dropdown>
      <PeriodModal communityId={communityId} kind={period} onClose={() => setPeriod(null)} />
    </>
  );
}
