/**
 * The minutes of one meeting, shown on the meeting's page
 * (features/meetings/MeetingPage): the versions, the one shown — a draft in
 * the structured editor, an approved one read-only with 更正 — the difference
 * between versions, 打印, and the attachments of the version shown.
 */
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Checkbox, Empty, Form, Input, Spin, Tag } from 'antd';
import { correctMinutesInput } from '../../../../../shared/contract/meetings';
import type { MinutesContent } from '../../../../../shared/domain/minutes';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { FormError } from '../../../components/FormError';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { GuardedModal } from '../../../components/GuardedModal';
import { formatDateTime } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { confirmLeave } from '../../../unsavedChanges';
import { Attachments } from './Attachments';
import { MinutesEditor, contentFromAgenda, type MinutesVersion } from './MinutesEditor';
import { MinutesDiff, MinutesView } from './MinutesView';
import './minutes.css';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.minutes;
const EMPTY: MinutesContent = { attendees: '', recorder: '', items: [], actions: [], other: '' };

export function MinutesSection({ communityId, meetingId }: { communityId: string; meetingId: string }) {
  const can = useCan();
  const { message } = AntApp.useApp();
  const list = useQuery('minutes.list', { meetingId });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [compare, setCompare] = useState<string[]>([]);
  /** The first draft being written (not saved yet): its content from the agenda. */
  const [starting, setStarting] = useState<MinutesContent | null>(null);
  const [opening, setOpening] = useState(false);
  const [correcting, setCorrecting] = useState<MinutesVersion | null>(null);

  const versions = useMemo(() => [...(list.data ?? [])].sort((a, b) => a.version - b.version), [list.data]);
  const newest = versions[versions.length - 1] ?? null;
  const shown = versions.find((v) => v.id === selectedId) ?? newest;

  // The agenda read afresh: it may have been edited on the meeting's page since this section loaded.
  const start = async () => {
    setOpening(true);
    try {
      setStarting(contentFromAgenda(await invoke('meeting.get', { id: meetingId })));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setOpening(false);
    }
  };

  // `starting` stays: until the list read again holds version 1, the first draft's editor must stay mounted.
  const afterChange = (version: MinutesVersion) => {
    setSelectedId(version.id);
    list.reload();
  };

  const toggleCompare = (id: string, on: boolean) => {
    setCompare((prev) => (on ? [...prev.filter((x) => x !== id), id].slice(-2) : prev.filter((x) => x !== id)));
  };

  // Two versions ticked, else the draft shown against the version it corrects.
  let diffPair: [MinutesVersion, MinutesVersion] | null = null;
  const ticked = versions.filter((v) => compare.includes(v.id));
  if (ticked.length === 2) diffPair = [ticked[0]!, ticked[1]!];
  else if (shown && shown.status === 'draft' && shown.supersedesId) {
    const before = versions.find((v) => v.id === shown.supersedesId);
    if (before) diffPair = [before, shown];
  }

  const firstDraft = versions.length === 0 ? starting : null;
  // The first draft keeps its editor when it becomes version 1 (a draft's id is fixed from then on).
  const editorKey = shown && shown.version > 1 ? shown.id : 'first-draft';

  // Showing another version unmounts the editor: its unsaved text is asked about first.
  const show = (id: string) => {
    void confirmLeave().then((ok) => ok && setSelectedId(id));
  };

  const error = list.error ?? null;
  return (
    <section className="minutes-section panel" data-testid="minutes-section">
      <div className="minutes-head">
        <span className="minutes-head-title">{t.title}</span>
        {shown && (
          <Button onClick={() => navigate({ name: 'printMinutes', communityId, minutesId: shown.id })} data-testid="minutes-print">
            {t.print}
          </Button>
        )}
      </div>

      {error !== null && <Alert type="error" showIcon title={errorMessage(error)} action={<Button size="small" onClick={list.reload}>{zhCN.common.retry}</Button>} />}
      {!list.data && error === null && <Spin />}

      {list.data && versions.length === 0 && !starting && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.none}>
          {can('meetings.write') && <Button type="primary" onClick={() => void start()} loading={opening} data-testid="minutes-start">{t.draft}</Button>}
        </Empty>
      )}

      {versions.length > 0 && (
        <div className="minutes-versions" data-testid="minutes-versions">
          {versions.map((v) => (
            <div
              key={v.id}
              className={`minutes-version-row${v.id === shown?.id ? ' selected' : ''}`}
              data-testid={`minutes-version-${v.version}`}
              data-status={v.status}
            >
              <Checkbox
                checked={compare.includes(v.id)}
                onChange={(e) => toggleCompare(v.id, e.target.checked)}
                aria-label={`${t.compare}${t.versionLabel(v.version)}`}
                data-testid="minutes-compare"
                disabled={versions.length < 2}
              />
              <span>{t.versionLabel(v.version)}</span>
              {v.status === 'approved' ? <Tag color="green">{t.statusApproved}</Tag> : <Tag color="gold">{t.statusDraft}</Tag>}
              <span className="minutes-version-meta">
                {v.status === 'approved' && v.approvedAt
                  ? t.approvedBy(v.approvedBy ?? '', formatDateTime(v.approvedAt))
                  : t.createdBy(v.createdBy, formatDateTime(v.createdAt))}
              </span>
              <Button size="small" type={v.id === shown?.id ? 'default' : 'link'} disabled={v.id === shown?.id} onClick={() => show(v.id)} data-testid="minutes-show">
                {t.show}
              </Button>
            </div>
          ))}
          {versions.length > 1 && <span className="minutes-compare-hint">{t.compareHint}</span>}
        </div>
      )}

      {diffPair && <MinutesDiff from={diffPair[0]} to={diffPair[1]} stamp={`${diffPair[0].text}\u0001${diffPair[1].text}`} />}

      {/* One place for the editor, whether the first draft is not saved yet or a saved draft is shown: its first
          (auto)save turns the one into the other without remounting, so the cursor and what is typed stay. */}
      {(shown ?? firstDraft) && (
        <div className="minutes-shown" data-testid="minutes-shown" data-version={shown ? String(shown.version) : ''} data-status={shown?.status ?? 'draft'}>
          {shown && (
            <div className="minutes-status-line">
              <strong>{t.versionLabel(shown.version)}</strong>
              {shown.status === 'approved'
                ? <Tag color="green" data-testid="minutes-approved">{t.statusApproved}</Tag>
                : <Tag color="gold">{t.statusDraft}</Tag>}
              {shown.status === 'approved' && shown.approvedAt && (
                <span data-testid="minutes-approved-by">{t.approvedBy(shown.approvedBy ?? '', formatDateTime(shown.approvedAt))}</span>
              )}
              {shown.status === 'approved' && shown.id === newest?.id && can('meetings.write') && (
                <Button onClick={() => setCorrecting(shown)} data-testid="minutes-correct">{t.correct}</Button>
              )}
            </div>
          )}
          {shown?.supersedesId && (
            <div className="minutes-correction" style={{ marginTop: 8 }}>
              {t.correctionOf(versions.find((v) => v.id === shown.supersedesId)?.version ?? shown.version - 1, shown.correctionReason)}
            </div>
          )}
          <div style={{ marginTop: 10 }}>
            {shown && shown.status !== 'draft'
              ? <MinutesView content={shown.content} />
              : (
                <MinutesEditor
                  key={editorKey}
                  meetingId={meetingId}
                  initial={shown?.content ?? firstDraft ?? EMPTY}
                  initialRevision={shown?.status === 'draft' ? shown.revision : 0}
                  onSaved={afterChange}
                  onApproved={afterChange}
                />
              )}
          </div>
        </div>
      )}

      {shown && <Attachments key={`attachments-${shown.id}`} ownerType="minutes" ownerId={shown.id} />}

      {correcting && (
        <CorrectModal
          key={`correct-${correcting.id}`}
          version={correcting}
          onClose={() => setCorrecting(null)}
          onCorrected={(v) => {
            setCorrecting(null);
            setCompare([]);
            message.success(t.corrected(v.version));
            afterChange(v);
          }}
        />
      )}
    </section>
  );
}

/** Mounted per correction (fresh form each time). */
function CorrectModal({ version, onClose, onCorrected }: { version: MinutesVersion; onClose: () => void; onCorrected: (v: MinutesVersion) => void }) {
  const [form] = Form.useForm();
  const { busy, errors, submit } = useFormSubmit(form);
  const send = () =>
    submit(correctMinutesInput, { id: version.id, reason: form.getFieldValue('reason') ?? '' }, async (input) => {
      onCorrected(await invoke('minutes.correct', input));
    });
  return (
    <GuardedModal
      open
      busy={busy}
      title={t.correctTitle}
      okText={t.correct}
      cancelText={zhCN.common.cancel}
      confirmLoading={busy}
      onOk={() => void send()}
      onClose={onClose}
    >
      <p>{t.correctIntro}</p>
      <Form form={form} layout="vertical" data-testid="minutes-correct-form" onFinish={() => void send()}>
        <Form.Item name="reason" label={t.reason} required>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={500} data-testid="minutes-correct-reason" />
        </Form.Item>
      </Form>
      <FormError messages={errors} />
    </GuardedModal>
  );
}
