/**
 * 登记问题 / 修改问题信息: the title, when it was reported (date and time,
 * default now; fixed once registered), the source, the reporter, the
 * category, the place — a building and a part picked from the roster, or free
 * text (picking a part writes its address) —, the description, the
 * resolution's due date and a link to a matter or a meeting. The contract's
 * schema checks the form; main's refusals show on the field they name and
 * above the buttons, in its words.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { App as AntApp, Form, Input, Select } from 'antd';
import { GuardedModal } from '../../../components/GuardedModal';
import { DateField } from '../../../components/DateField';
import { DEFAULT_ISSUE_SOURCE, ISSUE_CATEGORIES, ISSUE_SOURCES, issueFields, issueUpdate } from '../../../../../shared/contract/office';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { FormError } from '../../../components/FormError';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { clearErrors, nowDateTime, t, type IssueDetail } from './issueShared';
import { SaveCancel } from '../../../components/SaveCancel';
import { useRevision } from '../../../components/ConflictDialog';

interface Values {
  title?: string;
  reportedAt?: string;
  source?: string;
  reporter?: string;
  category?: string;
  buildingId?: string | null;
  partId?: string | null;
  place?: string;
  description?: string;
  resolutionDue?: string;
  matterId?: string | null;
  meetingId?: string | null;
}

/** What the edit form saves, as the record holds it (also what the conflict dialog compares). */
type Fields = ReturnType<typeof fieldsOf>;

function fieldsOf(issue: IssueDetail) {
  return {
    title: issue.title, source: issue.source, reporter: issue.reporter, category: issue.category, buildingId: issue.buildingId, partId: issue.partId,
    place: issue.place, description: issue.description, resolutionDue: issue.resolutionDue, matterId: issue.matterId, meetingId: issue.meetingId,
  };
}

interface Props {
  communityId: string;
  /** null: a new issue. */
  issue: IssueDetail | null;
  open: boolean;
  onClose: () => void;
  onSaved: (issue: IssueDetail) => void;
}

export function IssueForm({ communityId, issue, open, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const buildings = useAsync(() => (open ? invoke('community.buildings', { id: communityId }) : Promise.resolve([])), [communityId, open]);
  const matters = useAsync(() => (open ? invoke('matter.list', { communityId }) : Promise.resolve([])), [communityId, open]);
  const meetings = useAsync(() => (open ? invoke('meeting.list', { communityId, limit: 1000 }) : Promise.resolve([])), [communityId, open]);
  const community = useAsync(() => (open ? invoke('community.get', { id: communityId }) : Promise.resolve(null)), [communityId, open]);
  const buildingId = Form.useWatch('buildingId', form) as string | null | undefined;
  const buildingName = useMemo(() => new Map((buildings.data ?? []).map((b) => [b.id, b.name])), [buildings.data]);
  const named = (list: { id: string; title: string }[] | null | undefined) => (id: unknown) => (typeof id === 'string' ? list?.find((x) => x.id === id)?.title ?? id : '');
  const revision = useRevision<Fields>({
    fields: [
      { name: 'title', label: t.fieldTitle }, { name: 'source', label: t.fieldSource }, { name: 'reporter', label: t.fieldReporter },
      { name: 'category', label: t.fieldCategory },
      { name: 'buildingId', label: t.fieldBuilding, show: (id) => (typeof id === 'string' ? buildingName.get(id) ?? id : '') },
      { name: 'place', label: t.fieldPlace }, { name: 'description', label: t.fieldDescription }, { name: 'resolutionDue', label: t.fieldResolutionDue },
      { name: 'matterId', label: t.fieldMatter, show: named(matters.data) },
      { name: 'meetingId', label: t.fieldMeeting, show: named(meetings.data?.map((m) => ({ id: m.id, title: `${m.date} ${m.title}` })) ?? null) },
    ],
    readFresh: async () => {
      const fresh = await invoke('issue.get', { id: issue!.id });
      return { values: fieldsOf(fresh), revision: fresh.revision };
    },
    fill: (values) => form.setFieldsValue({ ...values, resolutionDue: values.resolutionDue ?? '' }),
    resave: () => void save(),
  });

  // Filled when the dialog opens (or opens on another issue) — not again when the page reads the issue afresh
  // behind it (another PC's save, api/live.ts): that would put the other person's values over what is being typed.
  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    if (issue) revision.opened(fieldsOf(issue), issue.revision);
    form.setFieldsValue(issue
      ? { ...fieldsOf(issue), reportedAt: issue.reportedAt, resolutionDue: issue.resolutionDue ?? '' }
      : {
        title: '', reportedAt: nowDateTime(), source: DEFAULT_ISSUE_SOURCE, reporter: '', category: undefined, buildingId: null, partId: null, place: '',
        description: '', resolutionDue: '', matterId: null, meetingId: null,
      });
  }, [open, issue?.id]);

  const save = () => {
    const v = form.getFieldsValue(true) as Values;
    const fields = {
      title: v.title ?? '', source: v.source ?? '', reporter: v.reporter ?? '', category: v.category ?? '',
      buildingId: v.buildingId ?? null, partId: v.partId ?? null, place: v.place ?? '', description: v.description ?? '',
      resolutionDue: v.resolutionDue ? v.resolutionDue : null, matterId: v.matterId ?? null, meetingId: v.meetingId ?? null,
    };
    if (issue) {
      const input = { id: issue.id, ...fields, expectedRevision: revision.expected() };
      return submit(issueUpdate, input, async (data) => {
        const saved = await revision.guard(() => invoke('issue.update', data), fields);
        message.success(t.updated);
        onSaved(saved);
      });
    }
    const input = { communityId, reportedAt: v.reportedAt ?? '', ...fields };
    return submit(issueFields, input, async (data) => {
      const saved = await invoke('issue.create', data);
      message.success(t.created(saved.number));
      onSaved(saved);
    });
  };

  return (
    <GuardedModal
      open={open}
      busy={busy}
      title={issue ? t.editTitle : t.formTitle}
      onClose={onClose}
      width={760}
      destroyOnHidden
      footer={(cancel) => <SaveCancel onCancel={cancel} busy={busy} onSave={save} testId="issue-save" label={issue ? t.saveEdit : t.save} />}
    >
      {!issue && <p className="issue-help">{t.formHelp(community.data?.settings.officeRules.issuePlanHours ?? 24)}</p>}
      <Form form={form} onValuesChange={(changed: object) => clearErrors(form, changed)} layout="vertical" className="compact-form issue-form" data-testid="issue-form">
        <Form.Item name="title" label={t.fieldTitle} required>
          <Input maxLength={100} placeholder={t.titlePlaceholder} data-testid="issue-title" />
        </Form.Item>
        <div className="form-row three">
          <Form.Item name="reportedAt" label={t.fieldReportedAt} required>
            <DateField withTime disabled={issue !== null} style={{ width: '100%' }} data-testid="issue-reported-at" />
          </Form.Item>
          <Form.Item name="source" label={t.fieldSource}>
            <Select options={ISSUE_SOURCES.map((s) => ({ value: s, label: s }))} placeholder={t.sourceDefault} data-testid="issue-source" />
          </Form.Item>
          <Form.Item name="reporter" label={t.fieldReporter}>
            <Input maxLength={40} placeholder={t.reporterPlaceholder} data-testid="issue-reporter" />
          </Form.Item>
        </div>
        <div className="form-row three">
          <Form.Item name="category" label={t.fieldCategory} required>
            <Select options={ISSUE_CATEGORIES.map((c) => ({ value: c, label: c }))} data-testid="issue-category" />
          </Form.Item>
          <Form.Item name="buildingId" label={t.fieldBuilding}>
            <Select
              allowClear
              placeholder={t.buildingPlaceholder}
              options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
              onChange={(id?: string) => {
                form.setFieldValue('buildingId', id ?? null);
                form.setFields([{ name: 'buildingId', errors: [] }]);
                const place = (form.getFieldValue('place') as string | undefined) ?? '';
                if (id && place.trim() === '') form.setFieldValue('place', buildingName.get(id) ?? '');
              }}
              data-testid="issue-building"
            />
          </Form.Item>
          <Form.Item name="partId" label={t.fieldPart}>
            <IssuePartPicker
              communityId={communityId}
              buildingName={buildingId ? buildingName.get(buildingId) ?? '' : ''}
              initialLabel={issue?.partId ? issue.place : ''}
              onPicked={(address) => {
                form.setFields([{ name: 'partId', errors: [] }]);
                if (!address) return;
                form.setFieldValue('place', address);
                // The part's building, if it was not chosen: the building whose name starts the address.
                const found = [...buildingName].filter(([, name]) => address.startsWith(name)).sort((a, b) => b[1].length - a[1].length)[0];
                if (found) form.setFieldValue('buildingId', found[0]);
              }}
            />
          </Form.Item>
        </div>
        <Form.Item name="place" label={t.fieldPlace}>
          <Input maxLength={100} placeholder={t.placePlaceholder} data-testid="issue-place" />
        </Form.Item>
        <Form.Item name="description" label={t.fieldDescription}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="issue-description" />
        </Form.Item>
        <div className="form-row three">
          <Form.Item name="resolutionDue" label={t.fieldResolutionDue} extra={t.resolutionDueHelp}>
            <DateField data-testid="issue-resolution-due" />
          </Form.Item>
          <Form.Item name="matterId" label={t.fieldMatter}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t.matterPlaceholder}
              loading={matters.loading}
              options={(matters.data ?? []).map((m) => ({ value: m.id, label: m.title }))}
              onChange={(id?: string) => form.setFieldValue('matterId', id ?? null)}
              data-testid="issue-matter"
            />
          </Form.Item>
          <Form.Item name="meetingId" label={t.fieldMeeting}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t.meetingPlaceholder}
              loading={meetings.loading}
              options={(meetings.data ?? []).map((m) => ({ value: m.id, label: `${m.date} ${m.title}` }))}
              onChange={(id?: string) => form.setFieldValue('meetingId', id ?? null)}
              data-testid="issue-meeting"
            />
          </Form.Item>
        </div>
      </Form>
      <div data-testid="issue-form-errors"><FormError messages={errors} /></div>
      {revision.dialog}
    </GuardedModal>
  );
}

interface PickerProps {
  communityId: string;
  /** Search within this building first (its name prefixes the addresses). */
  buildingName: string;
  /** What to show for the value before it is found again (the issue's place). */
  initialLabel: string;
  value?: string | null;
  onChange?: (partId: string | null) => void;
  onPicked: (address: string | null) => void;
}

/** A part by its address (fund.households searched in SQL, 20 at a time), as a form control. */
function IssuePartPicker({ communityId, buildingName, initialLabel, value, onChange, onPicked }: PickerProps) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<{ partId: string; address: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const [picked, setPicked] = useState<{ partId: string; address: string } | null>(null);
  const asked = useRef(0);
  const query = text.trim() === '' ? buildingName : text.trim();

  useEffect(() => {
    const ask = ++asked.current;
    setLoading(true);
    invoke('fund.households', { communityId, text: query, offset: 0, limit: 20 }).then(
      (page) => {
        if (ask !== asked.current) return;
        setFound(page.rows.map((r) => ({ partId: r.partId, address: r.address })));
        setLoading(false);
      },
      () => {
        if (ask === asked.current) setLoading(false);
      },
    );
  }, [communityId, query]);

  const rows = [...found];
  if (picked && !rows.some((r) => r.partId === picked.partId)) rows.unshift(picked);
  if (value && !rows.some((r) => r.partId === value)) rows.unshift({ partId: value, address: initialLabel || value });
  return (
    <Select
      data-testid="issue-part"
      value={value ?? undefined}
      placeholder={t.partPlaceholder}
      allowClear
      loading={loading}
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={loading ? null : t.partNotFound}
      options={rows.map((r) => ({ value: r.partId, label: r.address }))}
      onChange={(partId?: string) => {
        const r = rows.find((x) => x.partId === partId) ?? null;
        setPicked(r);
        onChange?.(r?.partId ?? null);
        onPicked(r?.address ?? null);
      }}
    />
  );
}
