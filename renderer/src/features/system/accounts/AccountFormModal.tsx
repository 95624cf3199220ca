/**
 * Adding an account (username, name, roles and their communities, a 物业联络员's company) or changing one
 * (everything but the username, which the audit log's rows name). A new account comes back with its temporary
 * password, which the page shows once.
 */
import { useEffect } from 'react';
import { App as AntApp, Checkbox, Form, Input, Select, Typography } from 'antd';
import { userCreate, userUpdate } from '../../../../../shared/contract/system';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { ROLE_NAMES, ROLES } from '../../../../../shared/domain/permissions';
import { invoke } from '../../../api/client';
import { useQuery } from '../../../api/queries';
import { FormModal } from '../../../components/FormModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { zhCN } from '../../../i18n/zh-CN';
import { useCommunities } from '../../register/communities/CommunitiesContext';
import { ALL, grantsOf, rolesValue, type RolesValue } from './grantsForm';
import { useRevision } from '../../../components/ConflictDialog';

const t = zhCN.accounts;

type Account = MethodOutput<'user.list'>[number];

/** What the form saves, as the account holds it (also what the conflict dialog compares). */
const savedOf = (a: Pick<Account, 'displayName' | 'grants' | 'companyId'>) => ({ displayName: a.displayName, grants: a.grants, companyId: a.companyId });
type Saved = ReturnType<typeof savedOf>;

interface Props {
  open: boolean;
  /** null: a new account. */
  account: Account | null;
  onClose: () => void;
  onCreated: (made: MethodOutput<'user.create'>, displayName: string) => void;
}

interface Values {
  username: string;
  displayName: string;
  roles: RolesValue;
  companyId: string | null;
}

export function AccountFormModal({ open, account, onClose, onCreated }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const { list: communities } = useCommunities();
  const roles = Form.useWatch('roles', form);
  const liaison = roles?.liaison?.on === true;
  const companies = useQuery('company.list', open && liaison ? { text: '' } : null);
  const communityName = (id: string) => communities?.find((c) => c.id === id)?.name ?? id;
  const revision = useRevision<Saved>({
    fields: [
      { name: 'displayName', label: t.displayName },
      {
        name: 'grants', label: t.roles,
        show: (grants) => (grants as Saved['grants']).map((g) => `${ROLE_NAMES[g.role]}（${g.communities === 'all' ? t.allCommunities : g.communities.map(communityName).join('、')}）`).join('；'),
      },
      { name: 'companyId', label: t.company, show: (id) => (typeof id === 'string' ? companies.data?.find((c) => c.id === id)?.name ?? id : '') },
    ],
    readFresh: async () => {
      const fresh = (await invoke('user.list', {})).find((u) => u.id === account!.id);
      if (!fresh) throw new Error(zhCN.conflict.gone);
      return { values: savedOf(fresh), revision: fresh.revision };
    },
    fill: (values) => form.setFieldsValue({ displayName: values.displayName, roles: rolesValue(values.grants), companyId: values.companyId }),
    resave: () => form.submit(),
  });

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    if (account) revision.opened(savedOf(account), account.revision);
    form.setFieldsValue({
      username: account?.username ?? '', displayName: account?.displayName ?? '', roles: rolesValue(account?.grants ?? []), companyId: account?.companyId ?? null,
    });
  }, [open, account, form]);

  const communityOptions = [{ value: ALL, label: t.allCommunities }, ...(communities ?? []).map((c) => ({ value: c.id, label: c.name }))];

  const onFinish = () => {
    const v = form.getFieldsValue(true) as Values;
    const grants = grantsOf(v.roles);
    if (grants.length === 0) return setErrors([t.noRole]);
    const missing = grants.find((g) => g.communities !== 'all' && g.communities.length === 0);
    if (missing) return setErrors([t.needCommunities(ROLE_NAMES[missing.role])]);
    const companyId = grants.some((g) => g.role === 'liaison') ? (v.companyId ?? null) : null;
    if (account) {
      return submit(userUpdate, { id: account.id, displayName: v.displayName, grants, companyId, expectedRevision: revision.expected() }, async (input) => {
        await revision.guard(() => invoke('user.update', input), { displayName: v.displayName, grants, companyId });
        message.success(t.saved);
        onClose();
      });
    }
    return submit(userCreate, { username: v.username, displayName: v.displayName, grants, companyId }, async (input) => {
      onCreated(await invoke('user.create', input), input.displayName);
    });
  };

  return (
    <FormModal
      open={open}
      title={account ? t.editTitle(account.displayName) : t.addTitle}
      onCancel={onClose}
      width={640}
      save={{ busy, onSave: () => form.submit(), testId: 'account-save', label: zhCN.common.save }}
      errors={errors}
      errorsTestId="account-errors"
    >
      <Form form={form} layout="vertical" onFinish={onFinish} data-testid="account-form">
        <Form.Item name="username" label={t.username} extra={account ? undefined : t.usernameHint}>
          <Input autoComplete="off" disabled={account !== null} />
        </Form.Item>
        <Form.Item name="displayName" label={t.displayName}>
          <Input autoComplete="off" />
        </Form.Item>
        <Typography.Text strong>{t.roles}</Typography.Text>
        <Typography.Paragraph type="secondary" className="account-roles-hint">{t.rolesHint}</Typography.Paragraph>
        <div className="account-roles" data-testid="account-roles">
          {ROLES.map((role) => (
            <div key={role} className="account-role-row" data-testid={`account-role-${role}`}>
              <Form.Item name={['roles', role, 'on']} valuePropName="checked" noStyle>
                <Checkbox className="account-role-box">{ROLE_NAMES[role]}</Checkbox>
              </Form.Item>
              {role === 'admin'
                ? <Typography.Text type="secondary">{t.allCommunities}</Typography.Text>
                : (
                  <Form.Item name={['roles', role, 'communities']} noStyle>
                    <Select
                      mode="multiple" className="account-role-communities" placeholder={t.chooseCommunities} options={communityOptions}
                      disabled={roles?.[role]?.on !== true} showSearch={{ optionFilterProp: 'label' }} aria-label={`${ROLE_NAMES[role]}${t.chooseCommunities}`}
                    />
                  </Form.Item>
                )}
            </div>
          ))}
        </div>
        {liaison && (
          <Form.Item name="companyId" label={t.company} className="account-company">
            <Select
              placeholder={t.chooseCompany} options={(companies.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              showSearch={{ optionFilterProp: 'label' }} loading={companies.loading}
            />
          </Form.Item>
        )}
      </Form>
      {revision.dialog}
    </FormModal>
  );
}
