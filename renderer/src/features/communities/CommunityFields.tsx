/** The fields of a community, shared by the community form and the import form. */
import { Form, Input, Switch } from 'antd';
import { zhCN } from '../../i18n/zh-CN';

const t = zhCN.community;

export function CommunityFields() {
  return (
    <>
      <Form.Item name="name" label={t.name} required>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="address" label={t.address}>
        <Input />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="streetOffice" label={t.streetOffice}>
          <Input maxLength={60} placeholder={t.streetPlaceholder} />
        </Form.Item>
        <Form.Item name="communityOffice" label={t.communityOffice}>
          <Input maxLength={60} placeholder={t.communityPlaceholder} />
        </Form.Item>
      </div>
      <Form.Item name="developer" label={t.developer}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name={['settings', 'countParkingInVotes']} label={t.countParking} valuePropName="checked" extra={t.countParkingHelp}>
        <Switch checkedChildren={t.counted} unCheckedChildren={t.notCounted} />
      </Form.Item>
    </>
  );
}

export const emptyCommunity = {
  name: '', address: '', streetOffice: '', communityOffice: '', developer: '',
  settings: { countParkingInVotes: false },
};
