/**
 * The structured editor of a draft of minutes: who attended (filled from the
 * sign-in sheet on request), the recorder, one card per agenda item with its
 * discussion and decision, the action items with a responsible party and a due
 * date, and anything else. Checked with the contract's minutesContent schema;
 * 保存草稿 sends minutes.saveDraft, 批准 saves and then approves (after a
 * confirmation that the minutes lock).
 *
 * Nothing typed is lost: while the draft has unsaved text it is declared to
 * unsavedChanges.ts (leaving the page asks), and it saves itself every 30 s and
 * when the editor loses focus, through the same minutes.saveDraft (only
 * drafts: approved minutes are changed by a correction, which is itself a
 * draft here). The line beside the buttons says when it last saved, or why it
 * could not (the text stays, still unsaved).
 */
import { useCallback, useEffect, useRef, useState, type FocusEvent } from 'react';
import { App as AntApp, AutoComplete, Button, Card, Form, Input } from 'antd';
import { DateField } from '../../../components/DateField';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { minutesContent } from '../../../../../shared/contract/meetings';
import { ATTENDEE_PARTIES } from '../../../../../shared/domain/meetings';
import type { MinutesContent } from '../../../../../shared/domain/minutes';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { FormError } from '../../../components/FormError';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { zhCN } from '../../../i18n/zh-CN';
import { AUTOSAVE_INTERVAL_MS, startAutosave, type Autosave } from '../../../components/autosave';
import { officeTime } from '../../../format';
import { useUnsavedChanges } from '../../../unsavedChanges';
import { isConflict, useRevision } from '../../../components/ConflictDialog';

const t = zhCN.minutes;

export type Meeting = MethodOutput<'meeting.get'>;
export type MinutesVersion = MethodOutput<'minutes.get'>;

const PARTY_OPTIONS = ATTENDEE_PARTIES.map((p) => ({ value: p }));
const NEW_ITEM = { title: '', discussion: '', decision: '' };
const NEW_ACTION = { text: '', party: '', person: '', due: '' };

/** A first draft: the meeting's agenda as the items, nothing else yet. */
export function contentFromAgenda(meeting: Meeting): MinutesContent {
  const agenda = [...meeting.agenda].sort((a, b) => a.position - b.position);
  return {
    attendees: '',
    recorder: '',
    items: agenda.map((a) => ({ title: a.title, discussion: '', decision: '' })),
    actions: [],
    other: '',
  };
}

/** Those marked present on the sign-in sheet, by party: 居委会：张三（主任）、李四；物业：王五. */
export function presentAttendees(meeting: Meeting): { text: string; count: number } {
  const present = meeting.attendees.filter((a) => a.present === true);
  const parties = [...ATTENDEE_PARTIES, ...new Set(present.map((a) => a.party))].filter((p, i, all) => all.indexOf(p) === i);
  const groups = parties
    .map((party) => {
      const names = present.filter((a) => a.party === party).map((a) => (a.role ? `${a.name}（${a.role}）` : a.name));
      return names.length > 0 ? `${party}：${names.join('、')}` : '';
    })
    .filter(Boolean);
  return { text: groups.join('；'), count: present.length };
}

interface Props {
  meetingId: string;
  /** The content the editor starts from; read once when it mounts (the form then holds the edits). */
  initial: MinutesContent;
  /** The draft's revision when the editor opened (issue 17); 0: there was no draft yet. Read once, like `initial`. */
  initialRevision: number;
  onSaved: (version: MinutesVersion) => void;
  onApproved: (version: MinutesVersion) => void;
}

/** The last save, for the line beside the buttons. */
type SaveState = { kind: 'saved' | 'autosaved'; at: Date } | { kind: 'failed'; reason: string } | null;

export function MinutesEditor({ meetingId, initial, initialRevision, onSaved, onApproved }: Props) {
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm();
  const { busy, errors, submit } = useFormSubmit(form);
  const [dirty, setDirty] = useState(false);
  const [filling, setFilling] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>(null);
  /** Counts edits: a save clears the dirty flag only if nothing was typed while it ran. */
  const revision = useRef(0);
  const dirtyRef = useRef(false);
  const autosave = useRef<Autosave | null>(null);

  const markDirty = useCallback(() => {
    revision.current += 1;
    dirtyRef.current = true;
    setDirty(true);
  }, []);
  const markSaved = (savedRevision: number) => {
    if (revision.current !== savedRevision) return;
    dirtyRef.current = false;
    setDirty(false);
  };

  useUnsavedChanges(dirty, t.unsavedWhat);

  // The draft as stored (issue 17): a save over a draft someone else changed since is refused and shown beside
  // this one. Until the person decides, the quiet saves wait (they would only be refused again every 30 s).
  const conflicted = useRef(false);
  const stored = useRevision<MinutesContent>({
    fields: [
      { name: 'attendees', label: t.attendees }, { name: 'recorder', label: t.recorder },
      { name: 'items', label: t.items, show: (items) => (items as MinutesContent['items']).map((i, n) => `${n + 1}. ${i.title}：${i.discussion}${i.decision ? `；${t.decision}：${i.decision}` : ''}`).join('\n') },
      { name: 'actions', label: t.actions, show: (actions) => (actions as MinutesContent['actions']).map((a) => [a.text, a.party, a.person, a.due].filter(Boolean).join(' ')).join('；') },
      { name: 'other', label: t.other },
    ],
    readFresh: async () => {
      const draft = (await invoke('minutes.list', { meetingId })).at(-1);
      if (!draft) throw new Error(zhCN.conflict.gone);
      return { values: draft.content, revision: draft.revision };
    },
    fill: (content) => {
      conflicted.current = false;
      form.setFieldsValue(content);
      markDirty();
    },
    resave: () => {
      conflicted.current = false;
      void save();
    },
  });
  const saveDraft = async (content: MinutesContent) => {
    try {
      const saved = await stored.guard(() => invoke('minutes.saveDraft', { meetingId, content, expectedRevision: stored.expected() }), content);
      stored.opened(saved.content, saved.revision);
      return saved;
    } catch (e) {
      if (isConflict(e)) conflicted.current = true;
      throw e;
    }
  };

  // Once per draft (the section keys the editor): later reads of the same draft must not overwrite what is being typed.
  useEffect(() => {
    form.setFieldsValue(initial);
    stored.opened(initial, initialRevision);
  }, [form]);

  const save = () => {
    const savedRevision = revision.current;
    return submit(minutesContent, form.getFieldsValue(true), async (content) => {
      const saved = await saveDraft(content);
      markSaved(savedRevision);
      setSaveState({ kind: 'saved', at: new Date() });
      message.success(t.savedDraft);
      onSaved(saved);
    });
  };

  // The quiet save: no field errors placed while typing, the reason on the status line instead.
  const autoSave = async () => {
    if (conflicted.current) return;
    const savedRevision = revision.current;
    const checked = minutesContent.safeParse(form.getFieldsValue(true));
    if (!checked.success) {
      const reason = checked.error.issues[0]?.message ?? '';
      setSaveState({ kind: 'failed', reason });
      throw new Error(reason);
    }
    try {
      const saved = await saveDraft(checked.data);
      markSaved(savedRevision);
      setSaveState({ kind: 'autosaved', at: new Date() });
      onSaved(saved);
    } catch (e) {
      setSaveState({ kind: 'failed', reason: errorMessage(e) });
      throw e;
    }
  };
  const autoSaveRef = useRef(autoSave);
  autoSaveRef.current = autoSave;

  useEffect(() => {
    const timer = startAutosave({ intervalMs: AUTOSAVE_INTERVAL_MS, isDirty: () => dirtyRef.current, save: () => autoSaveRef.current() });
    autosave.current = timer;
    return () => timer.stop();
  }, []);

  // Focus left the editor (not just moved between its fields): save what is there.
  const onBlur = (event: FocusEvent<HTMLFormElement>) => {
    const next = event.relatedTarget;
    if (next instanceof Node && event.currentTarget.contains(next)) return;
    void autosave.current?.now();
  };

  const approve = () => {
    modal.confirm({
      title: t.approveTitle,
      content: t.approveBody,
      okText: t.approve,
      cancelText: zhCN.common.cancel,
      onOk: () => {
        const savedRevision = revision.current;
        return submit(minutesContent, form.getFieldsValue(true), async (content) => {
          const saved = await saveDraft(content);
          const approved = await invoke('minutes.approve', { id: saved.id });
          markSaved(savedRevision);
          message.success(t.approved);
          onApproved(approved);
        });
      },
    });
  };

  // Read afresh: presence may have been recorded on the meeting's page since this editor opened.
  const fillAttendees = async () => {
    setFilling(true);
    try {
      const { text, count } = presentAttendees(await invoke('meeting.get', { id: meetingId }));
      if (count === 0) {
        message.warning(t.noPresent);
        return;
      }
      form.setFieldValue('attendees', text);
      markDirty();
      message.success(t.filled(count));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setFilling(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      className="minutes-editor"
      data-testid="minutes-editor"
      onValuesChange={markDirty}
      onFinish={() => void save()}
      onBlur={onBlur}
    >
      <div className="minutes-attendees-row">
        <Form.Item name="attendees" label={t.attendees}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="minutes-attendees" />
        </Form.Item>
        <Button className="minutes-fill" style={{ marginTop: 30 }} onClick={() => void fillAttendees()} loading={filling} data-testid="minutes-fill-attendees">
          {t.fillFromSignIn}
        </Button>
      </div>
      <Form.Item name="recorder" label={t.recorder} style={{ maxWidth: 280 }}>
        <Input maxLength={40} data-testid="minutes-recorder" />
      </Form.Item>

      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            <div className="minutes-block-title">
              <span>{t.items}</span>
              <Button size="small" onClick={() => add({ ...NEW_ITEM })} data-testid="minutes-add-item">{t.addItem}</Button>
            </div>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                title={t.itemN(index + 1)}
                data-testid={`minutes-item-${index}`}
                extra={<Button size="small" type="link" danger onClick={() => remove(field.name)} data-testid="item-remove">{t.removeItem}</Button>}
              >
                <Form.Item name={[field.name, 'title']} label={t.itemTitle} required>
                  <Input maxLength={200} data-testid="item-title" />
                </Form.Item>
                <Form.Item name={[field.name, 'discussion']} label={t.discussion}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} maxLength={20000} data-testid="item-discussion" />
                </Form.Item>
                <Form.Item name={[field.name, 'decision']} label={t.decision}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} data-testid="item-decision" />
                </Form.Item>
              </Card>
            ))}
          </>
        )}
      </Form.List>

      <Form.List name="actions">
        {(fields, { add, remove }) => (
          <>
            <div className="minutes-block-title">
              <span>{t.actions}</span>
              <Button size="small" onClick={() => add({ ...NEW_ACTION })} data-testid="minutes-add-action">{t.addAction}</Button>
            </div>
            {fields.length === 0
              ? <div className="minutes-view-label">{t.noActions}</div>
              : (
                <div className="minutes-actions-grid">
                  <span className="minutes-actions-head">{t.actionText}</span>
                  <span className="minutes-actions-head">{t.party}</span>
                  <span className="minutes-actions-head">{t.person}</span>
                  <span className="minutes-actions-head">{t.due}</span>
                  <span />
                  {fields.map((field, index) => (
                    <ActionRow key={field.key} name={field.name} index={index} onRemove={() => remove(field.name)} />
                  ))}
                </div>
              )}
          </>
        )}
      </Form.List>

      <Form.Item name="other" label={t.other} style={{ marginTop: 12 }}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20000} data-testid="minutes-other" />
      </Form.Item>

      <FormError messages={errors} />
      <div className="minutes-editor-buttons">
        <Button htmlType="submit" loading={busy} data-testid="minutes-save">{t.saveDraft}</Button>
        <Button type="primary" onClick={approve} disabled={busy} data-testid="minutes-approve">{t.approve}</Button>
        {dirty && <span className="minutes-dirty" data-testid="minutes-dirty">{t.unsaved}</span>}
        <SaveStateLine state={saveState} />
      </div>
      {stored.dialog}
    </Form>
  );
}

function SaveStateLine({ state }: { state: SaveState }) {
  if (!state) return null;
  if (state.kind === 'failed') {
    return <span className="minutes-save-state failed" data-testid="minutes-save-state" data-state="failed">{t.autosaveFailed(state.reason)}</span>;
  }
  const text = state.kind === 'autosaved' ? t.autosavedAt(officeTime(state.at)) : t.savedAt(officeTime(state.at));
  return <span className="minutes-save-state" data-testid="minutes-save-state" data-state={state.kind}>{text}</span>;
}

function ActionRow({ name, index, onRemove }: { name: number; index: number; onRemove: () => void }) {
  // display: contents keeps the row's cells in the parent grid while the row has its own test id.
  return (
    <div style={{ display: 'contents' }} data-testid={`minutes-action-${index}`}>
      <Form.Item name={[name, 'text']}>
        <Input maxLength={300} placeholder={t.actionText} aria-label={t.actionText} data-testid="action-text" />
      </Form.Item>
      <Form.Item name={[name, 'party']}>
        <AutoComplete options={PARTY_OPTIONS} placeholder={t.partyHint} aria-label={t.party} data-testid="action-party" />
      </Form.Item>
      <Form.Item name={[name, 'person']}>
        <Input maxLength={40} placeholder={t.person} aria-label={t.person} data-testid="action-person" />
      </Form.Item>
      <Form.Item name={[name, 'due']}>
        <DateField aria-label={t.due} data-testid="action-due" />
      </Form.Item>
      <Button type="link" danger onClick={onRemove} data-testid="action-remove">{t.removeAction}</Button>
    </div>
  );
}
