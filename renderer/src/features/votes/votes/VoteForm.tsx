/**
 * 发起表决: title, voting window, the owners' assembly (or none: main creates
 * a written solicitation), the items — each with its Art. 278 category (and
 * the threshold it needs), its scope (all owners, or some buildings or
 * entrances) and optionally the matter it decides — and the counting
 * settings, defaulting to the community's. main freezes the electorate on
 * create; its refusals show above the buttons.
 */
import { useEffect, useMemo } from 'react';
import { App as AntApp, Button, Checkbox, Form, Input, Radio, Select, Tag, Typography, type FormInstance } from 'antd';
import { DateField } from '../../../components/DateField';
import { voteCreate } from '../../../../../shared/contract/votes';
import { addDays } from '../../../../../shared/domain/dates';
import { ASSEMBLY_KINDS } from '../../../../../shared/domain/meetings';
import { ART_278_ITEMS, thresholdOf, type ExtraItem } from '../../../../../shared/domain/tally';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { useQuery } from '../../../api/queries';
import { FormError } from '../../../components/FormError';
import { GuardedModal } from '../../../components/GuardedModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { voteFieldLabel, type VoteDetail } from './voteShared';
import { refusalMessages } from '../../../api/errors';
import { SaveCancel } from '../../../components/SaveCancel';

const t = zhCN.votes;

interface ItemValues { title?: string; category?: number | null; scopeMode?: 'all' | 'some'; scope?: string[]; matterId?: string | null }
interface FormValues {
  title?: string; opens?: string; closes?: string; meetingId?: string | null; items?: ItemValues[];
  blankRule?: 'abstain' | 'not-counted'; invalidParticipates?: boolean; doubleEntry?: boolean;
}

interface Props {
  communityId: string;
  open: boolean;
  onClose: () => void;
  onCreated: (vote: VoteDetail) => void;
}

const emptyItem = (): ItemValues => ({ title: '', category: null, scopeMode: 'all', scope: [], matterId: null });

/** A scope choice as a select value: "b|<building>" or "e|<building>|<entrance>". */
function scopeValue(buildingId: string, entranceId?: string): string {
  return entranceId ? `e|${buildingId}|${entranceId}` : `b|${buildingId}`;
}

function parseScope(value: string): { buildingId: string; entranceId?: string } {
  const [kind, buildingId = '', entranceId] = value.split('|');
  return kind === 'e' && entranceId ? { buildingId, entranceId } : { buildingId };
}

function toInput(communityId: string, v: FormValues) {
  return {
    communityId,
    meetingId: v.meetingId ?? null,
    title: v.title ?? '',
    opens: v.opens ?? '',
    closes: v.closes ?? '',
    items: (v.items ?? []).map((i) => ({
      title: i.title ?? '',
      category: i.category ?? undefined,
      scope: i.scopeMode === 'some' ? (i.scope ?? []).map(parseScope) : [],
      matterId: i.matterId ?? null,
    })),
    settings: { blankRule: v.blankRule ?? 'abstain', invalidParticipates: v.invalidParticipates === true },
    doubleEntry: v.doubleEntry === true,
  };
}

export function VoteForm({ communityId, open, onClose, onCreated }: Props) {
  const [form] = Form.useForm<FormValues>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const community = useQuery('community.get', { id: communityId });
  const buildings = useQuery('community.buildings', { id: communityId });
  const meetings = useAsync(() => invoke('meeting.list', { communityId, limit: 1000 }).catch(() => []), [communityId, open]);
  const matters = useAsync(() => invoke('matter.list', { communityId }).catch(() => []), [communityId, open]);

  const rules = community.data?.settings.voteRules;
  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    const today = todayDate();
    form.setFieldsValue({
      title: '', opens: today, closes: addDays(today, 14), meetingId: null, items: [emptyItem()],
      blankRule: rules?.blankRule ?? 'abstain', invalidParticipates: rules?.invalidParticipates ?? false, doubleEntry: false,
    });
    // Only when the dialog opens anew (or the community's rules arrive).
  }, [open, rules]);

  const meetingOptions = useMemo(
    () => (meetings.data ?? [])
      .filter((m) => ASSEMBLY_KINDS.includes(m.kind))
      .sort((a, b) => b.date.localeCompare(a.date))
      .map((m) => ({ value: m.id, label: `${m.date} ${m.title}（${m.kind}）` })),
    [meetings.data],
  );
  const matterOptions = useMemo(() => (matters.data ?? []).map((m) => ({ value: m.id, label: m.title })), [matters.data]);
  const scopeOptions = useMemo(
    () => (buildings.data ?? []).flatMap((b) => [
      { value: scopeValue(b.id), label: b.entrances.length > 0 ? t.scopeWholeBuilding(b.name) : b.name },
      ...b.entrances.map((e) => ({ value: scopeValue(b.id, e.id), label: t.scopeEntrance(b.name, e.name) })),
    ]),
    [buildings.data],
  );

  const save = () => {
    const values = form.getFieldsValue(true) as FormValues;
    const raw = values.items ?? [];
    const schema = voteCreate.superRefine((data, ctx) => {
      data.items.forEach((item, i) => {
        if (raw[i]?.scopeMode === 'some' && item.scope.length === 0) {
          ctx.addIssue({ code: 'custom', path: ['items', i, 'scope'], message: t.scopeRequired });
        }
      });
    });
    return submit(schema, toInput(communityId, values), async (data) => {
      try {
        const created = await invoke('vote.create', data);
        message.success(t.created);
        onCreated(created);
      } catch (e) {
        throw new Error(refusalMessages(e, voteFieldLabel).join('\n'));
      }
    });
  };

  return (
    <GuardedModal
      open={open}
      busy={busy}
      title={t.createTitle}
      onClose={onClose}
      width={900}
      destroyOnHidden
      footer={(cancel) => <SaveCancel onCancel={cancel} busy={busy} onSave={save} testId="vote-save" label={t.create} />}
    >
      <Form form={form} layout="vertical" className="compact-form vote-form" data-testid="vote-form">
        <Form.Item name="title" label={t.voteTitle} required>
          <Input maxLength={100} placeholder={t.voteTitlePlaceholder} data-testid="vote-title" />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="opens" label={t.opens} required>
            <DateField data-testid="vote-opens" />
          </Form.Item>
          <Form.Item name="closes" label={t.closes} required>
            <DateField data-testid="vote-closes" />
          </Form.Item>
        </div>
        <Form.Item name="meetingId" label={t.meeting} extra={t.meetingHelp}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t.meetingPlaceholder}
            options={meetingOptions}
            data-testid="vote-meeting"
          />
        </Form.Item>
        <ItemsEditor form={form} scopeOptions={scopeOptions} matterOptions={matterOptions} extras={rules?.extraItems ?? NO_EXTRAS} />
        <div className="vote-form-settings" data-testid="vote-settings">
          <div className="section-title"><span>{t.settings}</span></div>
          <Typography.Paragraph type="secondary" className="vote-form-help">{t.settingsHelp}</Typography.Paragraph>
          <Form.Item name="blankRule" label={t.blankRule}>
            <Radio.Group
              data-testid="vote-blank-rule"
              options={[{ value: 'abstain', label: t.blankAbstain }, { value: 'not-counted', label: t.blankNotCounted }]}
            />
          </Form.Item>
          <Form.Item name="invalidParticipates" valuePropName="checked">
            <Checkbox data-testid="vote-invalid-participates">{t.invalidParticipates}</Checkbox>
          </Form.Item>
        </div>
        <div className="vote-form-settings" data-testid="vote-entry-mode">
          <div className="section-title"><span>{t.entryMode}</span></div>
          <Form.Item name="doubleEntry" valuePropName="checked" extra={<span data-testid="vote-double-entry-help">{t.doubleEntryHelp}</span>}>
            <Checkbox data-testid="vote-double-entry">{t.doubleEntry}</Checkbox>
          </Form.Item>
        </div>
      </Form>
      <div className="vote-form-errors" data-testid="vote-form-errors">
        <FormError messages={errors.flatMap((m) => m.split('\n'))} />
      </div>
    </GuardedModal>
  );
}

interface Option { value: string; label: string }

const NO_EXTRAS: readonly ExtraItem[] = [];

function ItemsEditor({ form, scopeOptions, matterOptions, extras }: { form: FormInstance<FormValues>; scopeOptions: Option[]; matterOptions: Option[]; extras: readonly ExtraItem[] }) {
  const categories = useMemo(() => categoryOptions(extras), [extras]);
  return (
    <div className="vote-items-editor" data-testid="vote-items-editor">
      <div className="section-title"><span>{t.items}</span></div>
      <Typography.Paragraph type="secondary" className="vote-form-help">{t.itemsHelp}</Typography.Paragraph>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <ItemRow
                key={field.key}
                form={form}
                name={field.name}
                index={index}
                canRemove={fields.length > 1}
                onRemove={() => remove(field.name)}
                scopeOptions={scopeOptions}
                matterOptions={matterOptions}
                categories={categories}
              />
            ))}
            <Button type="dashed" block data-testid="vote-item-add" onClick={() => add(emptyItem())}>+ {t.addItem}</Button>
          </>
        )}
      </Form.List>
    </div>
  );
}

/** Art. 278's nine items, then the local items the community has enabled (10 and up). */
function categoryOptions(extras: readonly ExtraItem[]) {
  const all = [
    ...Object.entries(ART_278_ITEMS).map(([n, name]) => ({ category: Number(n), name, threshold: thresholdOf(Number(n)) })),
    ...extras.map((e) => ({ category: e.number, name: e.name, threshold: e.threshold })),
  ];
  return all.map(({ category, name, threshold }) => ({
    value: category,
    title: t.categoryOption(category, name),
    threshold,
    label: (
      <span className="vote-category-option">
        <span>{t.categoryOption(category, name)}</span>
        <Tag className="tight-tag" color={threshold === 'three-quarters' ? 'volcano' : 'blue'}>{t.threshold[threshold]}</Tag>
      </span>
    ),
  }));
}

interface ItemRowProps {
  form: FormInstance<FormValues>;
  name: number;
  index: number;
  canRemove: boolean;
  onRemove: () => void;
  scopeOptions: Option[];
  matterOptions: Option[];
  categories: ReturnType<typeof categoryOptions>;
}

function ItemRow({ form, name, index, canRemove, onRemove, scopeOptions, matterOptions, categories }: ItemRowProps) {
  const category = Form.useWatch(['items', name, 'category'], form) as number | null | undefined;
  const scopeMode = Form.useWatch(['items', name, 'scopeMode'], form) as 'all' | 'some' | undefined;
  const threshold = categories.find((c) => c.value === category)?.threshold ?? null;
  return (
    <div className="vote-item-row" data-testid={`vote-item-${index}`}>
      <div className="vote-item-head">
        <span className="vote-item-no">{index + 1}.</span>
        <Form.Item name={[name, 'title']} className="vote-item-title">
          <Input maxLength={200} placeholder={t.itemTitlePlaceholder(index + 1)} aria-label={`${t.itemTitle}${index + 1}`} data-testid={`vote-item-title-${index}`} />
        </Form.Item>
        <Button type="text" danger disabled={!canRemove} onClick={onRemove} aria-label={t.removeItem} title={t.removeItem} data-testid={`vote-item-remove-${index}`}>✕</Button>
      </div>
      <div className="vote-item-fields">
        <Form.Item
          name={[name, 'category']}
          label={t.category}
          extra={threshold ? <span data-testid={`vote-item-threshold-${index}`}>{t.thresholdRule[threshold]}</span> : undefined}
        >
          <Select
            placeholder={t.categoryPlaceholder}
            options={categories}
            optionLabelProp="title"
            popupMatchSelectWidth={false}
            data-testid={`vote-item-category-${index}`}
          />
        </Form.Item>
        <Form.Item name={[name, 'matterId']} label={t.matter}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t.matterPlaceholder}
            options={matterOptions}
            data-testid={`vote-item-matter-${index}`}
          />
        </Form.Item>
      </div>
      <div className="vote-item-scope">
        <Form.Item name={[name, 'scopeMode']} label={t.scope}>
          <Radio.Group
            data-testid={`vote-item-scope-mode-${index}`}
            options={[{ value: 'all', label: t.scopeAll }, { value: 'some', label: t.scopeSome }]}
          />
        </Form.Item>
        {scopeMode === 'some' && (
          <Form.Item name={[name, 'scope']} label=" " className="vote-item-scope-select">
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t.scopePlaceholder}
              options={scopeOptions}
              onChange={() => form.setFields([{ name: ['items', name, 'scope'], errors: [] }])}
              data-testid={`vote-item-scope-${index}`}
            />
          </Form.Item>
        )}
      </div>
    </div>
  );
}
