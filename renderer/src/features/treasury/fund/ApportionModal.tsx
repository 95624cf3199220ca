/**
 * 按面积分摊试算: what each part of a building, an entrance or the whole
 * community would pay of an amount, shared by area so that the shares add up
 * to the fen (fund.apportion). Nothing is written.
 */
import { useEffect, useState } from 'react';
import { Button, Form, Input, Modal, Select, Space } from 'antd';
import { apportionInput } from '../../../../../shared/contract/treasury/fund';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { FormError } from '../../../components/FormError';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { zhCN } from '../../../i18n/zh-CN';
import { SharesTable } from './SharesTable';
import type { Apportionment } from './fundShared';

const t = zhCN.fund;

interface Values { buildingId?: string; entranceId?: string; amount?: string }

interface Props {
  communityId: string;
  open: boolean;
  onClose: () => void;
}

export function ApportionModal({ communityId, open, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const buildings = useAsync(() => invoke('community.buildings', { id: communityId }), [communityId, open]);
  const [result, setResult] = useState<Apportionment | null>(null);
  const buildingId = Form.useWatch('buildingId', form);
  const building = buildings.data?.find((b) => b.id === buildingId);

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    setResult(null);
    form.resetFields();
  }, [open]);

  const calculate = () => {
    const v = form.getFieldsValue(true) as Values;
    const input = { communityId, buildingId: v.buildingId, entranceId: v.entranceId, amount: v.amount ?? '' };
    // The schema checks the form; main gets the amount as typed (yuan text), as the contract takes it.
    return submit(apportionInput, input, async () => {
      setResult(await invoke('fund.apportion', input));
    });
  };

  return (
    <Modal
      open={open}
      title={t.apportionTitle}
      onCancel={onClose}
      destroyOnHidden
      width={720}
      footer={<Button onClick={onClose}>{zhCN.common.close}</Button>}
    >
      <p className="fund-modal-help">{t.apportionHelp}</p>
      <Form form={form} layout="vertical" className="compact-form" data-testid="apportion-form" onValuesChange={() => setResult(null)}>
        <div className="form-row three">
          <Form.Item name="buildingId" label={t.building}>
            <Select
              allowClear
              placeholder={t.wholeCommunity}
              data-testid="apportion-building"
              options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
              onChange={() => form.setFieldValue('entranceId', undefined)}
            />
          </Form.Item>
          <Form.Item name="entranceId" label={t.entrance}>
            <Select
              allowClear
              placeholder={t.allEntrances}
              data-testid="apportion-entrance"
              disabled={!building || building.entrances.length === 0}
              options={(building?.entrances ?? []).map((e) => ({ value: e.id, label: e.name }))}
            />
          </Form.Item>
          <Form.Item name="amount" label={t.apportionAmount} required>
            <Input inputMode="decimal" placeholder={t.amountPlaceholder} data-testid="apportion-amount" />
          </Form.Item>
        </div>
        <Space>
          <Button type="primary" loading={busy} onClick={() => void calculate()} data-testid="apportion-calculate">{t.calculate}</Button>
        </Space>
      </Form>
      <div data-testid="apportion-errors"><FormError messages={errors} /></div>
      {result && <SharesTable result={result} testId="apportion-shares" />}
    </Modal>
  );
}
