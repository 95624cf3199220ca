/**
 * 新建维修项目: the title; the scope whose owners share the cost — the whole
 * community, some buildings or entrances, or a list of parts; the basis (by
 * area, Civil Code Art. 283, or equally where the covenant says so); the
 * estimate and the contractor; and how it was approved: an owners' vote whose
 * Art. 278 item 5 passed (the picker shows each vote's status and result), or
 * the emergency path (the situation, the committee's review, the street's
 * confirmation). The contract's schema checks the form; main's refusals show
 * on their fields and above the buttons, in its words.
 */
import { useEffect, useMemo, useState } from 'react';
import { App as AntApp, Form, Input, Radio, Select, Tag } from 'antd';
import { DateField } from '../../../components/DateField';
import { projectFields } from '../../../../../shared/contract/treasury/repairs';
import { invoke } from '../../../api/client';
import { useQuery } from '../../../api/queries';
import { FormError } from '../../../components/FormError';
import { GuardedModal } from '../../../components/GuardedModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { zhCN } from '../../../i18n/zh-CN';
import { PartPicker } from '../fund/PartPicker';
import type { HouseholdRow } from '../fund/fundShared';
import type { ProjectDetail } from './repairShared';
import { SaveCancel } from '../../../components/SaveCancel';
import { VotePicker, type VoteRule } from '../../votes/votes/VotePicker';

const t = zhCN.repairs;

/** Only a closed vote whose item 5 (use of the fund) passed can approve a repair. */
const REPAIR_VOTES: VoteRule = {
  testId: 'repair-vote-option',
  judge: (vote) => {
    const passed = vote.outcomes.some((i) => i.category === 5 && i.passed === true);
    const closed = vote.status === 'closed';
    return {
      usable: closed && passed,
      tag: closed ? (passed ? t.votePassed : t.voteNoItem5) : null,
      hint: `${t.window(vote.opens, vote.closes)}${closed ? '' : `　${t.voteOpenHint}`}`,
    };
  },
};

type ScopeKind = 'community' | 'places' | 'parts';
interface Values {
  title?: string;
  scope?: { kind?: ScopeKind; places?: string[]; partIds?: string[] };
  basis?: 'area' | 'equal';
  estimate?: string;
  contractor?: string;
  approval?: 'vote' | 'emergency';
  voteId?: string | null;
  emergencyNote?: string;
  emergencyReviewDate?: string;
  emergencyStreetDate?: string;
}

/** A place as a select value: "b|<building>" or "e|<building>|<entrance>". */
const placeValue = (buildingId: string, entranceId?: string) => (entranceId ? `e|${buildingId}|${entranceId}` : `b|${buildingId}`);

function parsePlace(value: string): { buildingId: string; entranceId?: string } {
  const [kind, buildingId = '', entranceId] = value.split('|');
  return kind === 'e' && entranceId ? { buildingId, entranceId } : { buildingId };
}

function toInput(communityId: string, v: Values) {
  const kind = v.scope?.kind ?? 'community';
  const scope = kind === 'places' ? { kind, places: (v.scope?.places ?? []).map(parsePlace) }
    : kind === 'parts' ? { kind, partIds: v.scope?.partIds ?? [] }
      : { kind };
  const emergency = v.approval === 'emergency';
  const date = (d: string | undefined) => (emergency && d ? d : null);
  return {
    communityId,
    title: v.title ?? '',
    scope,
    basis: v.basis ?? 'area',
    estimate: v.estimate ?? '',
    contractor: v.contractor ?? '',
    approval: v.approval ?? 'vote',
    voteId: emergency ? null : (v.voteId ?? null),
    emergencyReviewDate: date(v.emergencyReviewDate),
    emergencyStreetDate: date(v.emergencyStreetDate),
    emergencyNote: emergency ? (v.emergencyNote ?? '') : '',
  };
}

interface Props {
  communityId: string;
  open: boolean;
  onClose: () => void;
  onCreated: (project: ProjectDetail) => void;
}

export function ProjectForm({ communityId, open, onClose, onCreated }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const buildings = useQuery('community.buildings', { id: communityId });
  const kind = Form.useWatch(['scope', 'kind'], form) as ScopeKind | undefined;
  const approval = Form.useWatch('approval', form) as Values['approval'];

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    form.setFieldsValue({
      title: '', scope: { kind: 'places', places: [], partIds: [] }, basis: 'area', estimate: '', contractor: '',
      approval: 'vote', voteId: null, emergencyNote: '', emergencyReviewDate: '', emergencyStreetDate: '',
    });
  }, [open]);

  const placeOptions = useMemo(
    () => (buildings.data ?? []).flatMap((b) => [
      { value: placeValue(b.id), label: b.entrances.length > 0 ? t.scopeWholeBuilding(b.name) : b.name },
      ...b.entrances.map((e) => ({ value: placeValue(b.id, e.id), label: t.scopeEntrance(b.name, e.name) })),
    ]),
    [buildings.data],
  );

  const save = () => {
    const input = toInput(communityId, form.getFieldsValue(true) as Values);
    return submit(projectFields, input, async () => {
      const created = await invoke('repair.create', input);
      message.success(t.created);
      onCreated(created);
    });
  };

  return (
    <GuardedModal
      open={open}
      busy={busy}
      title={t.formTitle}
      onClose={onClose}
      width={780}
      destroyOnHidden
      footer={(cancel) => <SaveCancel onCancel={cancel} busy={busy} onSave={save} testId="repair-save" label={t.save} />}
    >
      <p className="repair-help">{t.formHelp}</p>
      <Form form={form} layout="vertical" className="compact-form repair-form" data-testid="repair-form">
        <Form.Item name="title" label={t.fieldTitle} required>
          <Input maxLength={100} placeholder={t.titlePlaceholder} data-testid="repair-title" />
        </Form.Item>
        <Form.Item name={['scope', 'kind']} label={t.fieldScope} required>
          <Radio.Group
            data-testid="repair-scope-kind"
            options={[
              { value: 'community', label: t.scopeCommunity },
              { value: 'places', label: t.scopePlaces },
              { value: 'parts', label: t.scopeParts },
            ]}
          />
        </Form.Item>
        {kind === 'places' && (
          <Form.Item name={['scope', 'places']}>
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t.placesPlaceholder}
              options={placeOptions}
              onChange={() => form.setFields([{ name: ['scope', 'places'], errors: [] }])}
              data-testid="repair-places"
            />
          </Form.Item>
        )}
        {kind === 'parts' && (
          <Form.Item name={['scope', 'partIds']}>
            <PartsField communityId={communityId} />
          </Form.Item>
        )}
        <Form.Item name="basis" label={t.fieldBasis} extra={t.basisHelp}>
          <Radio.Group
            data-testid="repair-basis"
            options={[{ value: 'area', label: t.basisArea }, { value: 'equal', label: t.basisEqual }]}
          />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="estimate" label={t.fieldEstimate} required>
            <Input inputMode="decimal" placeholder={t.estimatePlaceholder} data-testid="repair-estimate" />
          </Form.Item>
          <Form.Item name="contractor" label={t.fieldContractor}>
            <Input maxLength={100} placeholder={t.contractorPlaceholder} data-testid="repair-contractor" />
          </Form.Item>
        </div>
        <div className="repair-form-section">
          <Form.Item name="approval" label={t.fieldApproval} required>
            <Radio.Group
              data-testid="repair-approval"
              options={[{ value: 'vote', label: t.approvalVote }, { value: 'emergency', label: t.approvalEmergency }]}
            />
          </Form.Item>
          {approval !== 'emergency' && (
            <Form.Item name="voteId" label={t.fieldVote} extra={t.voteHelp}>
              <VotePicker
                communityId={communityId}
                open={open}
                rule={REPAIR_VOTES}
                placeholder={t.votePlaceholder}
                notFound={t.votesNone}
                onPicked={() => form.setFields([{ name: 'voteId', errors: [] }])}
                testId="repair-vote"
              />
            </Form.Item>
          )}
          {approval === 'emergency' && (
            <>
              <p className="repair-help">{t.emergencyHelp}</p>
              <Form.Item name="emergencyNote" label={t.fieldEmergencyNote} required>
                <Input.TextArea rows={2} maxLength={500} placeholder={t.emergencyNotePlaceholder} data-testid="repair-emergency-note" />
              </Form.Item>
              <div className="form-row">
                <Form.Item name="emergencyReviewDate" label={t.fieldReviewDate} required>
                  <DateField data-testid="repair-review-date" />
                </Form.Item>
                <Form.Item name="emergencyStreetDate" label={t.fieldStreetDate} required>
                  <DateField data-testid="repair-street-date" />
                </Form.Item>
              </div>
            </>
          )}
        </div>
      </Form>
      <div data-testid="repair-form-errors"><FormError messages={errors} /></div>
    </GuardedModal>
  );
}

/** The parts of a scope given one by one: found by address with the fund's part picker, listed as tags. */
function PartsField({ communityId, value, onChange }: { communityId: string; value?: string[]; onChange?: (ids: string[]) => void }) {
  const [addresses, setAddresses] = useState<ReadonlyMap<string, string>>(new Map());
  // A new picker after each pick: it is empty again, ready for the next address.
  const [picker, setPicker] = useState(0);
  const ids = value ?? [];
  const add = (h: HouseholdRow | null) => {
    if (!h) return;
    setPicker((n) => n + 1);
    if (ids.includes(h.partId)) return;
    setAddresses((m) => new Map(m).set(h.partId, h.address));
    onChange?.([...ids, h.partId]);
  };
  return (
    <div data-testid="repair-parts">
      <PartPicker key={picker} communityId={communityId} value={null} onPicked={add} testId="repair-part-picker" />
      {ids.length > 0 ? (
        <div className="repair-parts">
          {ids.map((id) => (
            <Tag key={id} closable onClose={() => onChange?.(ids.filter((x) => x !== id))} className="tight-tag" data-testid="repair-part-tag">
              {addresses.get(id) ?? id}
            </Tag>
          ))}
        </div>
      ) : null}
      <div className="repair-parts-count">{ids.length > 0 ? t.partsChosen(ids.length) : t.partsNone}</div>
    </div>
  );
}
