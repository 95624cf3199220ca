/**
 * The attendee list of a meeting as an editable table: party, name, role,
 * member. Made for typing many people quickly: Enter in 姓名 goes to 职务,
 * Enter in 职务 goes to the next row's 姓名 (a new row after the last one,
 * with the same party); 批量添加 takes one name per line.
 */
import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Button, Checkbox, Form, Input, Select, Space, Tag, Typography, type InputRef } from 'antd';
import { ATTENDEE_PARTIES, MEETING_BODY, startsAsMember, type AttendeeParty, type MeetingKind } from '../../../../../shared/domain/meetings';
import { invoke } from '../../../api/client';
import { FormError } from '../../../components/FormError';
import { GuardedModal } from '../../../components/GuardedModal';
import { useSending } from '../../../components/useFormSubmit';
import { useCan } from '../../system/auth/permissions';
import { zhCN } from '../../../i18n/zh-CN';
import type { Meeting } from './meetingShared';

const t = zhCN.meetings;

interface Row { key: string; party: AttendeeParty; name: string; role: string; isMember: boolean; present: boolean | null }

let nextKey = 0;
const newKey = () => `r${++nextKey}`;

/** The saved list, or one empty row to start typing in. */
function rowsOf(meeting: Meeting): Row[] {
  if (meeting.attendees.length === 0) return [blankRow(undefined, meeting.kind)];
  return meeting.attendees.map((a) => ({ key: newKey(), party: a.party, name: a.name, role: a.role, isMember: a.isMember, present: a.present }));
}

/** A new row takes the party of the row above; it is a member only under the members' party of a committee meeting. */
function blankRow(after: Row | undefined, kind: MeetingKind): Row {
  const party = after?.party ?? MEETING_BODY[kind]?.party ?? '居委会';
  return { key: newKey(), party, name: '', role: '', isMember: startsAsMember(kind, party), present: null };
}

/** "张伟 主任" → 张伟 / 主任 (space, full-width space or tab). */
function parseLine(line: string): { name: string; role: string } | null {
  const text = line.trim();
  if (text === '') return null;
  const m = /^(\S+)[\s\u3000]+(.+)$/.exec(text);
  return m ? { name: m[1]!, role: m[2]!.trim() } : { name: text, role: '' };
}

export function AttendeesEditor({ meeting, onSaved }: { meeting: Meeting; onSaved: (meeting: Meeting) => void }) {
  const can = useCan();
  const { message } = AntApp.useApp();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(meeting));
  const [dirty, setDirty] = useState(false);
  const { busy, errors, setErrors, run } = useSending();
  const [bulkOpen, setBulkOpen] = useState(false);
  const refs = useRef(new Map<string, InputRef | null>());
  const [focus, setFocus] = useState<string | null>(null);

  // A saved meeting (here or elsewhere on the page) replaces the rows unless the user is editing them.
  useEffect(() => {
    if (!dirty) setRows(rowsOf(meeting));
  }, [meeting]);

  useEffect(() => {
    if (focus === null) return;
    refs.current.get(focus)?.focus();
    setFocus(null);
  }, [focus, rows]);

  const change = (next: Row[]) => {
    setRows(next);
    setDirty(true);
  };
  const update = (key: string, patch: Partial<Row>) => change(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addRow = (afterIndex = rows.length - 1) => {
    const row = blankRow(rows[afterIndex], meeting.kind);
    change([...rows.slice(0, afterIndex + 1), row, ...rows.slice(afterIndex + 1)]);
    setFocus(`${row.key}:name`);
  };
  const onEnter = (index: number, field: 'name' | 'role') => {
    const row = rows[index]!;
    if (field === 'name') {
      setFocus(`${row.key}:role`);
      return;
    }
    const next = rows[index + 1];
    if (next) setFocus(`${next.key}:name`);
    else addRow(index);
  };

  const save = async () => {
    const kept = rows.filter((r) => r.name.trim() !== '' || r.role.trim() !== '');
    const missing = kept.findIndex((r) => r.name.trim() === '');
    if (missing >= 0) {
      setErrors([t.emptyNameRow(rows.indexOf(kept[missing]!) + 1)]);
      return;
    }
    await run(async () => {
      const saved = await invoke('meeting.setAttendees', {
        id: meeting.id,
        attendees: kept.map((r) => ({ party: r.party, name: r.name.trim(), role: r.role.trim(), isMember: r.isMember })),
      });
      setDirty(false);
      setRows(rowsOf(saved));
      message.success(t.attendeesSaved);
      onSaved(saved);
    });
  };

  const held = meeting.status === 'held';
  return (
    <div className="meeting-attendees" data-testid="attendees-editor">
      <Typography.Paragraph type="secondary" className="meeting-section-help">{t.attendanceHelp}</Typography.Paragraph>
      <table className="meeting-edit-table">
        <colgroup>
          <col style={{ width: 44 }} />
          <col style={{ width: 130 }} />
          <col />
          <col />
          <col style={{ width: 64 }} />
          {held && <col style={{ width: 64 }} />}
          <col style={{ width: 60 }} />
        </colgroup>
        <thead>
          <tr>
            <th>#</th>
            <th>{t.party}</th>
            <th>{t.name}</th>
            <th>{t.role}</th>
            <th title={t.isMemberHelp}>{t.isMember}</th>
            {held && <th>{t.present}</th>}
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.key} data-testid={`attendee-row-${index}`}>
              <td className="center muted">{index + 1}</td>
              <td>
                <Select
                  size="small"
                  value={row.party}
                  // 物业, 居委会 and other invitees attend without counting toward the quorum.
                  onChange={(party: AttendeeParty) => update(row.key, { party, isMember: startsAsMember(meeting.kind, party) })}
                  options={ATTENDEE_PARTIES.map((p) => ({ value: p, label: p }))}
                  style={{ width: '100%' }}
                  aria-label={`${t.party}${index + 1}`}
                  data-testid={`attendee-party-${index}`}
                />
              </td>
              <td>
                <Input
                  size="small"
                  ref={(el) => { refs.current.set(`${row.key}:name`, el); }}
                  value={row.name}
                  maxLength={40}
                  aria-label={`${t.name}${index + 1}`}
                  data-testid={`attendee-name-${index}`}
                  onChange={(e) => update(row.key, { name: e.target.value })}
                  onPressEnter={(e) => { e.preventDefault(); onEnter(index, 'name'); }}
                />
              </td>
              <td>
                <Input
                  size="small"
                  ref={(el) => { refs.current.set(`${row.key}:role`, el); }}
                  value={row.role}
                  maxLength={40}
                  aria-label={`${t.role}${index + 1}`}
                  data-testid={`attendee-role-${index}`}
                  onChange={(e) => update(row.key, { role: e.target.value })}
                  onPressEnter={(e) => { e.preventDefault(); onEnter(index, 'role'); }}
                />
              </td>
              <td className="center">
                <Checkbox
                  checked={row.isMember}
                  aria-label={`${t.isMember}${index + 1}`}
                  data-testid={`attendee-member-${index}`}
                  onChange={(e) => update(row.key, { isMember: e.target.checked })}
                />
              </td>
              {held && (
                <td className="center">
                  {row.present === null
                    ? <span className="muted">{t.presentUnknown}</span>
                    : <Tag className="tight-tag" color={row.present ? 'green' : 'default'}>{row.present ? t.presentYes : t.presentNo}</Tag>}
                </td>
              )}
              <td className="center">
                <Button size="small" type="text" danger onClick={() => change(rows.filter((r) => r.key !== row.key))} aria-label={`${t.removeRow}${index + 1}`}>
                  {t.removeRow}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormError messages={errors} />
      {can('meetings.write') && <div className="toolbar meeting-attendees-actions">
        <Button onClick={() => addRow()} data-testid="attendee-add">+ {t.addRow}</Button>
        <Button onClick={() => setBulkOpen(true)} data-testid="attendee-bulk">{t.bulkAdd}</Button>
        <span className="toolbar-spacer" />
        <span className="toolbar-count">{t.attendeesCount(rows.filter((r) => r.name.trim() !== '').length)}</span>
        {dirty && <span className="meeting-dirty">{t.attendeesDirty}</span>}
        <Button type="primary" loading={busy} disabled={!dirty} onClick={() => void save()} data-testid="attendees-save">{t.saveAttendees}</Button>
      </div>}
      <BulkAdd
        open={bulkOpen}
        kind={meeting.kind}
        onClose={() => setBulkOpen(false)}
        onAdd={(party, people, isMember) => {
          const filled = rows.filter((r) => r.name.trim() !== '' || r.role.trim() !== '');
          change([...filled, ...people.map((p) => ({ key: newKey(), party, name: p.name, role: p.role, isMember, present: null }))]);
          setBulkOpen(false);
          message.info(t.bulkAdded(people.length));
        }}
      />
    </div>
  );
}

function BulkAdd({ open, kind, onClose, onAdd }: {
  open: boolean; kind: MeetingKind; onClose: () => void;
  onAdd: (party: AttendeeParty, people: { name: string; role: string }[], isMember: boolean) => void;
}) {
  const [party, setParty] = useState<AttendeeParty>(MEETING_BODY[kind]?.party ?? '居委会');
  const [text, setText] = useState('');
  const [isMember, setIsMember] = useState(startsAsMember(kind, party));
  const people = text.split('\n').map(parseLine).filter((p): p is { name: string; role: string } => p !== null);
  return (
    <GuardedModal
      open={open}
      busy={false}
      title={t.bulkTitle}
      onClose={() => {
        // Closed is thrown away (as the question says): it does not come back when the dialog opens again.
        setText('');
        onClose();
      }}
      okText={t.bulkAdd}
      okButtonProps={{ disabled: people.length === 0 }}
      onOk={() => {
        onAdd(party, people, isMember);
        setText('');
      }}
      destroyOnHidden
    >
      <Form layout="vertical" data-testid="attendee-bulk-form">
        <Form.Item label={t.bulkParty}>
          <Space>
            <Select value={party} onChange={(p: AttendeeParty) => { setParty(p); setIsMember(startsAsMember(kind, p)); }} options={ATTENDEE_PARTIES.map((p) => ({ value: p, label: p }))} style={{ width: 160 }} />
            <Checkbox checked={isMember} onChange={(e) => setIsMember(e.target.checked)}>{t.isMember}</Checkbox>
          </Space>
        </Form.Item>
        <Form.Item label={t.bulkText}>
          <Input.TextArea rows={8} value={text} onChange={(e) => setText(e.target.value)} placeholder={t.bulkPlaceholder} data-testid="attendee-bulk-text" />
        </Form.Item>
      </Form>
    </GuardedModal>
  );
}
