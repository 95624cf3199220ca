/**
 * After the meeting: who was present and, for committee meetings, the yes
 * votes of each item put to a vote (quorum checked by main); then the date
 * the decisions were posted (deadline checked by main). Both may be refused
 * with an overridable rule.
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Button, Checkbox, InputNumber, Space, Typography } from 'antd';
import { DateField } from '../../../components/DateField';
import { calendarDate } from '../../../../../shared/contract/meetings';
import { invoke } from '../../../api/client';
import { FormError } from '../../../components/FormError';
import { GuardedModal } from '../../../components/GuardedModal';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { isCommittee, type Meeting } from './meetingShared';
import { OverridePanel, useOverride, type Override } from './override';
import { useSending } from '../../../components/useFormSubmit';

const t = zhCN.meetings;

function Footer({ override, busy, onCancel, onSave, testId }: { override: Override; busy: boolean; onCancel: () => void; onSave: () => void; testId: string }) {
  return (
    <Space>
      <Button onClick={onCancel}>{zhCN.common.cancel}</Button>
      {override.violations
        ? <Button type="primary" danger loading={busy} onClick={onSave} data-testid={`${testId}-override-save`}>{t.overrideSave}</Button>
        : <Button type="primary" loading={busy} onClick={onSave} data-testid={`${testId}-save`}>{zhCN.common.save}</Button>}
    </Space>
  );
}

export function ResultsModal({ meeting, open, onClose, onSaved }: { meeting: Meeting; open: boolean; onClose: () => void; onSaved: (m: Meeting) => void }) {
  const { message } = AntApp.useApp();
  const committee = isCommittee(meeting.kind) && meeting.membersTotal !== null;
  const voteItems = committee ? meeting.agenda.filter((a) => a.forVote) : [];
  const [present, setPresent] = useState<Record<string, boolean>>({});
  const [votes, setVotes] = useState<Record<string, number | null>>({});
  const { busy, errors, setErrors, run } = useSending();
  const override = useOverride();

  useEffect(() => {
    if (!open) return;
    setPresent(Object.fromEntries(meeting.attendees.map((a) => [a.id, a.present === true])));
    setVotes(Object.fromEntries(meeting.agenda.map((a) => [a.id, a.yesVotes])));
    setErrors([]);
    override.clear();
    override.setReason('');
  }, [open, meeting]);

  const changed = () => { if (override.violations) override.clear(); };

  const save = () => run(() =>
    override.attempt(async (overrideReason) => {
      const saved = await invoke('meeting.recordResults', {
        id: meeting.id,
        present: meeting.attendees.map((a) => ({ attendeeId: a.id, present: present[a.id] === true })),
        votes: voteItems.flatMap((a) => {
          const yes = votes[a.id];
          return yes === null || yes === undefined ? [] : [{ agendaItemId: a.id, yes }];
        }),
        overrideReason,
      });
      message.success(t.resultsSaved);
      onSaved(saved);
    }));

  return (
    <GuardedModal
      open={open}
      busy={busy}
      title={t.recordTitle}
      onClose={onClose}
      width={640}
      destroyOnHidden
      footer={(cancel) => <Footer override={override} busy={busy} onCancel={cancel} onSave={() => void save()} testId="results" />}
    >
      <div data-testid="results-form">
        <div className="toolbar">
          <Typography.Text type="secondary">{t.recordHelp}</Typography.Text>
          <span className="toolbar-spacer" />
          <Button
            size="small"
            data-testid="results-all-present"
            onClick={() => {
              changed();
              setPresent(Object.fromEntries(meeting.attendees.map((a) => [a.id, true])));
            }}
          >
            {t.allPresent}
          </Button>
        </div>
        <table className="meeting-edit-table meeting-results-table">
          <colgroup>
            <col style={{ width: 56 }} /><col style={{ width: 100 }} /><col /><col /><col style={{ width: 56 }} />
          </colgroup>
          <thead>
            <tr><th>{t.present}</th><th>{t.party}</th><th>{t.name}</th><th>{t.role}</th><th>{t.isMember}</th></tr>
          </thead>
          <tbody>
            {meeting.attendees.map((a, i) => (
              <tr key={a.id} data-testid={`results-row-${i}`}>
                <td className="center">
                  <Checkbox
                    checked={present[a.id] === true}
                    aria-label={`${t.present} ${a.name}`}
                    data-testid={`results-present-${i}`}
                    onChange={(e) => {
                      changed();
                      setPresent({ ...present, [a.id]: e.target.checked });
                    }}
                  />
                </td>
                <td>{a.party}</td>
                <td>{a.name}</td>
                <td>{a.role}</td>
                <td className="center">{a.isMember ? '✓' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {committee && (
          <div className="meeting-results-votes">
            <Typography.Paragraph type="secondary">{t.recordVotesHelp(meeting.membersTotal ?? 0)}</Typography.Paragraph>
            {voteItems.length === 0 && <Typography.Text type="secondary">{t.noVoteItems}</Typography.Text>}
            {voteItems.map((a, i) => (
              <div key={a.id} className="meeting-results-vote">
                <span className="meeting-results-vote-title">{a.position}. {a.title}</span>
                <span>{t.votesLabel}</span>
                <InputNumber
                  min={0}
                  max={meeting.membersTotal ?? 99}
                  precision={0}
                  value={votes[a.id] ?? null}
                  style={{ width: 90 }}
                  aria-label={`${t.votesLabel} ${a.title}`}
                  data-testid={`results-votes-${i}`}
                  onChange={(v) => {
                    changed();
                    setVotes({ ...votes, [a.id]: typeof v === 'number' ? v : null });
                  }}
                />
              </div>
            ))}
          </div>
        )}
        <FormError messages={errors} />
        <OverridePanel state={override} />
      </div>
    </GuardedModal>
  );
}

export function PostModal({ meeting, open, onClose, onSaved }: { meeting: Meeting; open: boolean; onClose: () => void; onSaved: (m: Meeting) => void }) {
  const { message } = AntApp.useApp();
  const [date, setDate] = useState('');
  const { busy, errors, setErrors, run } = useSending();
  const override = useOverride();

  useEffect(() => {
    if (!open) return;
    setDate(meeting.postedDate ?? todayDate());
    setErrors([]);
    override.clear();
    override.setReason('');
  }, [open, meeting]);

  const save = async () => {
    const checked = calendarDate(t.postDate).safeParse(date);
    if (!checked.success) {
      setErrors([checked.error.issues[0]?.message ?? t.postDate]);
      return;
    }
    await run(() => override.attempt(async (overrideReason) => {
      const saved = await invoke('meeting.postDecisions', { id: meeting.id, postedDate: date, overrideReason });
      message.success(t.posted);
      onSaved(saved);
    }));
  };

  return (
    <GuardedModal
      open={open}
      busy={busy}
      title={t.postTitle}
      onClose={onClose}
      width={520}
      destroyOnHidden
      footer={(cancel) => <Footer override={override} busy={busy} onCancel={cancel} onSave={() => void save()} testId="post" />}
    >
      <div data-testid="post-form">
        <Typography.Paragraph type="secondary">{t.postHelp(meeting.checks.postingDeadline.date)}</Typography.Paragraph>
        <label className="meeting-inline-field">
          <span>{t.postDate}</span>
          <DateField
            value={date}
            style={{ width: 180 }}
            data-testid="post-date"
            onChange={(v) => {
              setDate(v);
              if (override.violations) override.clear();
            }}
          />
        </label>
        <FormError messages={errors} />
        <OverridePanel state={override} />
      </div>
    </GuardedModal>
  );
}
