/**
 * 小区设置: a community's name and offices and every rule it keeps
 * (CommunityRulesFields), with 套用地方规则 on one line at the top — the one
 * place the rules are edited. A new community (created or imported) starts
 * with the defaults.
 */
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Select, Space, Spin, Typography } from 'antd';
import { communityUpdate } from '../../../../../shared/contract/register';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { zhCN } from '../../../i18n/zh-CN';
import { useUnsavedChanges } from '../../../unsavedChanges';
import { CommunityFields, CommunityRulesFields } from './CommunityFields';
import { useCommunities } from './CommunitiesContext';
import { LOCAL_PLACES, localRuleFields, type LocalPlace } from './localRules';
import { useRevision } from '../../../components/ConflictDialog';
import type { MethodOutput } from '../../../../../shared/contract/methods';

const t = zhCN.communitySettings;

/** What the page saves, as the community holds it (also what the conflict dialog compares). */
const valuesOf = (c: MethodOutput<'community.get'>) => ({
  name: c.name, address: c.address, streetOffice: c.streetOffice, communityOffice: c.communityOffice, developer: c.developer, type: c.type, settings: c.settings,
});
const f = zhCN.community;

export function CommunitySettingsPage({ communityId }: { communityId: string }) {
  const { message } = AntApp.useApp();
  const communities = useCommunities();
  const state = useQuery('community.get', { id: communityId });
  const community = state.data;
  const [form] = Form.useForm();
  const { busy, errors, submit: submitForm } = useFormSubmit(form);
  const [place, setPlace] = useState<LocalPlace | null>(null);
  const [applied, setApplied] = useState<LocalPlace | null>(null);
  // Changed since filled or saved: leaving the page asks first (unsavedChanges.ts).
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty, zhCN.unsaved.pageForm);
  const revision = useRevision<ReturnType<typeof valuesOf>>({
    fields: [
      { name: 'name', label: f.name }, { name: 'address', label: f.address }, { name: 'streetOffice', label: f.streetOffice },
      { name: 'communityOffice', label: f.communityOffice }, { name: 'developer', label: f.developer }, { name: 'type', label: f.type },
      // The rules are many fields on this page; the dialog shows them as stored, to tell whether they differ.
      { name: 'settings', label: t.rules },
    ],
    readFresh: async () => {
      const fresh = await invoke('community.get', { id: communityId });
      return { values: valuesOf(fresh), revision: fresh.revision };
    },
    fill: (values) => {
      form.setFieldsValue(values);
      setDirty(true);
    },
    resave: () => void submit(),
  });

  // Filled once per community: a quiet re-read after another save must not overwrite what is being typed.
  useEffect(() => {
    if (!community) return;
    form.resetFields();
    form.setFieldsValue(valuesOf(community));
    revision.opened(valuesOf(community), community.revision);
    setDirty(false);
  }, [community?.id, form]);

  const apply = () => {
    if (!place) return;
    form.setFields(localRuleFields(place).map((f) => ({ ...f, errors: [] })));
    setApplied(place);
    setDirty(true);
  };

  const submit = () => submitForm(communityUpdate, { ...form.getFieldsValue(true), id: communityId, expectedRevision: revision.expected() }, async (input) => {
    const typed = form.getFieldsValue(true) as ReturnType<typeof valuesOf>;
    const saved = await revision.guard(() => invoke('community.update', input), typed);
    // The form is not filled again after a save (see above): it goes on from the revision it just wrote.
    revision.opened(valuesOf(saved), saved.revision);
    message.success(t.saved);
    setApplied(null);
    setDirty(false);
    communities.reload();
    state.reload();
  });

  return (
    <div className="page page-scroll community-settings-page" data-testid="community-settings-page">
      <PageHeader
        title={t.title(community?.name ?? '')}
        extra={<Button type="primary" onClick={() => form.submit()} loading={busy} disabled={!community} data-testid="community-save">{t.save}</Button>}
      />
      <Typography.Paragraph type="secondary" className="page-intro">{t.intro}</Typography.Paragraph>
      {state.error !== null && state.error !== undefined && <Alert type="error" showIcon title={errorMessage(state.error)} />}
      {!community && state.error == null && <Spin />}
      {community && (
        <section className="panel community-settings">
          <div className="local-rules-line" data-testid="local-rules">
            <Space wrap>
              <span className="strong">{t.applyLocal}</span>
              <Select
                style={{ width: 220 }}
                value={place ?? undefined}
                placeholder={t.applyPlaceholder}
                onChange={(p: LocalPlace) => setPlace(p)}
                options={LOCAL_PLACES.map((p) => ({ value: p, label: t.places[p] }))}
                data-testid="local-rules-place"
              />
              <Button onClick={apply} disabled={!place} data-testid="local-rules-apply">{t.apply}</Button>
            </Space>
            <div className="local-rules-note">{applied ? <span data-testid="local-rules-applied">{t.applied(t.places[applied])}</span> : t.placeCovers}</div>
          </div>
          <Form form={form} layout="vertical" onFinish={submit} onValuesChange={() => setDirty(true)} data-testid="community-form" className="community-settings-form">
            <h3 className="section-title"><span>{t.basics}</span></h3>
            <CommunityFields />
            <h3 className="section-title"><span>{t.rules}</span></h3>
            <CommunityRulesFields />
          </Form>
          <div data-testid="community-errors"><FormError messages={errors} /></div>
          <Space className="wizard-actions">
            <Button type="primary" onClick={() => form.submit()} loading={busy} data-testid="community-save-bottom">{t.save}</Button>
          </Space>
        </section>
      )}
      {revision.dialog}
    </div>
  );
}
