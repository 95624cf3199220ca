/**
 * One meeting: what was called (kind, date, place, convener, notice), the
 * procedural checks main computed, overridden rules, the agenda with its
 * matters and committee votes, the attendee list, recording presence and
 * votes, posting the decisions, the printouts, then the minutes and the
 * attachments.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Descriptions, Empty, Spin, Tag, Tooltip } from 'antd';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { PageHeader } from '../../../components/PageHeader';
import { daysBetween } from '../../../../../shared/domain/dates';
import { formatDateTime, todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { Attachments } from '../minutes/Attachments';
import { LinkedIssues } from '../../office/issues/LinkedIssues';
import { MinutesSection } from '../minutes/MinutesSection';
import { AttendeesEditor } from './AttendeesEditor';
import { MeetingForm } from './MeetingForm';
import { PostModal, ResultsModal } from './MeetingResults';
import { KindTag, dateWithWeekday, isAssembly, useMeetingRules, weekdayName, type Meeting } from './meetingShared';
import { HistoryLink } from '../../system/audit/HistoryLink';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.meetings;

export function MeetingPage({ communityId, meetingId }: { communityId: string; meetingId: string }) {
  const can = useCan();
  const loaded = useQuery('meeting.get', { id: meetingId });
  const [shown, setShown] = useState<Meeting | null>(null);
  const [dialog, setDialog] = useState<'edit' | 'results' | 'post' | null>(null);
  const meeting = shown ?? loaded.data;
  const back = () => navigate({ name: 'meetings', communityId });

  if (!meeting) {
    return (
      <div className="page" data-testid="meeting-page" data-ready="false">
        <PageHeader title={t.title} extra={<Button onClick={back}>{t.back}</Button>} />
        {loaded.error !== null ? <Alert type="error" showIcon title={errorMessage(loaded.error)} /> : <Spin />}
      </div>
    );
  }

  const saved = (m: Meeting) => {
    setShown(m);
    setDialog(null);
  };
  const held = meeting.status === 'held';

  return (
    <div className="page page-scroll meeting-page" data-testid="meeting-page" data-ready="true" data-status={meeting.status}>
      <PageHeader
        title={<span className="meeting-page-title"><KindTag kind={meeting.kind} /><span data-testid="meeting-page-title">{meeting.title}</span></span>}
        sub={<Tag className="tight-tag" color={held ? 'green' : 'default'} data-testid="meeting-status">{t.status[meeting.status]}</Tag>}
        extra={
          <>
            {can('meetings.write') && (
              <Tooltip title={held ? t.editHeld : undefined}>
                <Button disabled={held} onClick={() => setDialog('edit')} data-testid="meeting-edit">{t.edit}</Button>
              </Tooltip>
            )}
            <Button onClick={() => navigate({ name: 'printMeetingNotice', communityId, meetingId })} data-testid="meeting-print-notice">{t.printNotice}</Button>
            <Button onClick={() => navigate({ name: 'printSignIn', communityId, meetingId })} data-testid="meeting-print-signin">{t.printSignIn}</Button>
            <HistoryLink entity="meeting" id={meetingId} />
            <Button onClick={back}>{t.back}</Button>
          </>
        }
      />

      <section className="panel">
        <Descriptions size="small" column={3} data-testid="meeting-summary">
          <Descriptions.Item label={t.kind}>{meeting.kind}{meeting.form ? `（${meeting.form}）` : ''}</Descriptions.Item>
          <Descriptions.Item label={t.dateTime}>
            <span data-testid="meeting-when">{dateWithWeekday(meeting.date)} {meeting.startTime || t.noTime}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t.place}>{meeting.place || <span className="muted">{t.notSet}</span>}</Descriptions.Item>
          <Descriptions.Item label={t.convener}>{meeting.convener || <span className="muted">{t.notSet}</span>}</Descriptions.Item>
          <Descriptions.Item label={t.noticeDate}>{meeting.noticeDate ?? <span className="muted">{t.notSet}</span>}</Descriptions.Item>
          {meeting.membersTotal !== null && <Descriptions.Item label={t.membersTotal}>{meeting.membersTotal}</Descriptions.Item>}
          <Descriptions.Item label={t.postedDate}>{meeting.postedDate ?? <span className="muted">{t.notPosted}</span>}</Descriptions.Item>
        </Descriptions>
      </section>

      <Checks meeting={meeting} />
      {meeting.overrides.length > 0 && <Overrides meeting={meeting} />}

      <section className="panel" data-testid="meeting-agenda">
        <h3 className="section-heading">{t.agenda}</h3>
        <Agenda meeting={meeting} communityId={communityId} />
      </section>

      <section className="panel" data-testid="meeting-attendance">
        <div className="section-title meeting-section-title">
          <h3 className="section-heading">{t.attendance}</h3>
          {can('meetings.write') && <span className="meeting-section-actions">
            <Tooltip title={meeting.attendees.length === 0 ? t.recordNeedAttendees : undefined}>
              <Button type="primary" ghost disabled={meeting.attendees.length === 0} onClick={() => setDialog('results')} data-testid="meeting-record-results">
                {t.recordResults}
              </Button>
            </Tooltip>
            <Tooltip title={held ? undefined : t.postNeedHeld}>
              <Button disabled={!held} onClick={() => setDialog('post')} data-testid="meeting-post-decisions">{t.postDecisions}</Button>
            </Tooltip>
          </span>}
        </div>
        <AttendeesEditor meeting={meeting} onSaved={setShown} />
      </section>

      <section className="meeting-minutes" data-testid="meeting-minutes">
        <MinutesSection communityId={communityId} meetingId={meeting.id} />
      </section>
      <section className="meeting-attachments" data-testid="meeting-attachments">
        <Attachments ownerType="meeting" ownerId={meeting.id} />
      </section>
      <section className="meeting-attachments" data-testid="meeting-issues">
        <h3 className="section-heading">{zhCN.issues.linkedTitle}</h3>
        <LinkedIssues communityId={communityId} meetingId={meeting.id} />
      </section>

      <MeetingForm communityId={communityId} meeting={meeting} open={dialog === 'edit'} onClose={() => setDialog(null)} onSaved={saved} />
      <ResultsModal meeting={meeting} open={dialog === 'results'} onClose={() => setDialog(null)} onSaved={saved} />
      <PostModal meeting={meeting} open={dialog === 'post'} onClose={() => setDialog(null)} onSaved={saved} />
    </div>
  );
}

type CheckState = 'ok' | 'bad' | 'info' | 'overdue' | 'due-soon';
const MARKS: Record<CheckState, string> = { ok: '✓', bad: '✗', info: '•', overdue: '!', 'due-soon': '!' };
const TAGS: Partial<Record<CheckState, { color: string; text: string }>> = {
  ok: { color: 'green', text: t.ok }, bad: { color: 'red', text: t.notOk }, overdue: { color: 'red', text: t.overdue }, 'due-soon': { color: 'orange', text: t.dueSoon },
};

function CheckRow({ label, state, testId, children }: { label: string; state: CheckState; testId: string; children: ReactNode }) {
  const tag = TAGS[state];
  return (
    <div className={`meeting-check check-${state}`} data-testid={testId} data-state={state}>
      <span className="meeting-check-mark" aria-hidden>{MARKS[state]}</span>
      <span className="meeting-check-label">{label}</span>
      <span className="meeting-check-text">{children}</span>
      {tag && <Tag className="tight-tag" color={tag.color}>{tag.text}</Tag>}
    </div>
  );
}

/**
 * The decisions' posting: done in time or late, or still waiting — red with the days past once the deadline
 * has gone by, orange while it is near. A written solicitation posts its result on the vote's page instead.
 */
function postingState(meeting: Meeting, today: string): { state: CheckState; words: string | null } {
  const deadline = meeting.checks.postingDeadline.date;
  if (meeting.postedDate !== null) return { state: meeting.postedDate <= deadline ? 'ok' : 'bad', words: null };
  if (meeting.status !== 'held' || meeting.form === '书面征求意见') return { state: 'info', words: null };
  if (today > deadline) return { state: 'overdue', words: t.checkPostingOverdue(daysBetween(deadline, today)) };
  const left = daysBetween(today, deadline);
  return { state: 'due-soon', words: left === 0 ? t.checkPostingDueToday : t.checkPostingDueSoon(left) };
}

function Checks({ meeting }: { meeting: Meeting }) {
  const rules = useMeetingRules(meeting.communityId);
  const { notice, postingDeadline, quorum } = meeting.checks;
  const held = meeting.status === 'held';
  const posting = postingState(meeting, todayDate());
  return (
    <section className="panel meeting-checks" data-testid="meeting-checks">
      <h3 className="section-heading">{t.checks}</h3>
      {notice && (
        <CheckRow
          label={t.checkNotice}
          testId="check-notice"
          state={meeting.noticeDate !== null && meeting.noticeDate <= notice.latest ? 'ok' : 'bad'}
        >
          {t.checkNoticeText(notice.days, notice.latest, weekdayName(notice.latest))}
          {notice.onRestDay && <span className="meeting-hint-warn">（{t.checkNoticeRest}）</span>}
          {'；'}
          {meeting.noticeDate === null
            ? t.checkNoticeMissing
            : meeting.noticeDate <= notice.latest ? t.checkNoticeOk(meeting.noticeDate) : t.checkNoticeLate(meeting.noticeDate)}
        </CheckRow>
      )}
      {isAssembly(meeting.kind) && meeting.agenda.some((a) => a.forVote && !a.inNotice) && (
        <CheckRow label={t.voteItem} testId="check-not-in-notice" state="bad">
          {meeting.agenda.filter((a) => a.forVote && !a.inNotice).map((a) => `“${a.title}”`).join('、')}{t.notInNotice}
        </CheckRow>
      )}
      {quorum && (
        <CheckRow label={t.checkQuorum} testId="check-quorum" state={held ? (quorum.quorate ? 'ok' : 'bad') : 'info'}>
          {t.checkQuorumText(quorum.members, quorum.needed)}；{held ? t.checkQuorumPresent(quorum.present) : t.checkQuorumNotYet}
        </CheckRow>
      )}
      <CheckRow label={t.checkPosting} testId="check-posting" state={posting.state}>
        {t.checkPostingText(rules.postingDays, postingDeadline.date)}
        {postingDeadline.moved && <span data-testid="check-posting-moved">{t.checkPostingMoved(postingDeadline.plainEnd, postingDeadline.date)}</span>}
        {'；'}
        {meeting.postedDate === null
          ? <>{t.checkPostingWaiting}{posting.words && <span className="meeting-check-words" data-testid="check-posting-words">{'，'}{posting.words}</span>}</>
          : meeting.postedDate <= postingDeadline.date ? t.checkPostingDone(meeting.postedDate) : t.checkPostingLate(meeting.postedDate)}
      </CheckRow>
    </section>
  );
}

function Overrides({ meeting }: { meeting: Meeting }) {
  return (
    <section className="panel meeting-overrides" data-testid="meeting-overrides">
      <h3 className="section-heading">{t.overrides}</h3>
      <table className="meeting-view-table">
        <thead>
          <tr><th>{t.overrideRule}</th><th>{t.overrideMessage}</th><th>{t.overrideReason}</th><th>{t.overrideAuthor}</th><th>{t.overrideAt}</th></tr>
        </thead>
        <tbody>
          {meeting.overrides.map((o, i) => (
            <tr key={`${o.at}-${i}`} data-testid="meeting-override" data-rule={o.rule}>
              <td className="nowrap">{t.rules[o.rule] ?? o.rule}</td>
              <td>{o.message}</td>
              <td>{o.reason}</td>
              <td className="nowrap">{o.author}</td>
              <td className="nowrap num">{formatDateTime(o.at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Agenda({ meeting, communityId }: { meeting: Meeting; communityId: string }) {
  if (meeting.agenda.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.agendaNone} />;
  return (
    <ol className="meeting-agenda">
      {meeting.agenda.map((a) => (
        <li key={a.id} data-testid="meeting-agenda-item">
          <span className="meeting-agenda-item-title">{a.title}</span>
          {a.forVote && <Tag color="blue" className="tight-tag">{t.voteItem}</Tag>}
          {!a.inNotice && <Tag color={a.forVote && isAssembly(meeting.kind) ? 'red' : 'default'} className="tight-tag">{t.notInNotice}</Tag>}
          {a.matterId && (
            <Button
              type="link"
              size="small"
              data-testid="meeting-agenda-matter"
              onClick={() => navigate({ name: 'matter', communityId, matterId: a.matterId! })}
            >
              {t.matter}：{a.matterTitle ?? t.openMatter}
            </Button>
          )}
          {a.yesVotes !== null && <span className="meeting-agenda-votes" data-testid="meeting-agenda-votes">{t.yesVotes(a.yesVotes)}</span>}
          {a.passed !== null && <Tag color={a.passed ? 'green' : 'red'} className="tight-tag" data-testid="meeting-agenda-passed">{a.passed ? t.passed : t.rejected}</Tag>}
        </li>
      ))}
    </ol>
  );
}
