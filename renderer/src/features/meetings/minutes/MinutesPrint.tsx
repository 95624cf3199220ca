/**
 * The printed minutes (会议纪要), A4 portrait in the PrintPage frame: the title,
 * the meeting's kind, time and place, then 出席, 记录人, each item with its
 * discussion and decision, the action items as a table, anything else; the
 * version and its approval at the foot (a draft is marked 草稿 all over), and
 * lines for the host's and the recorder's signatures.
 */
import type { ReactNode } from 'react';
import { Alert } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { formatDateTime } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { PrintPage } from '../../print/PrintPage';
import './minutes.css';
import { PrintTableHead } from '../../print/PrintTableHead';
import { committeeDecision, type MeetingRules } from '../../../../../shared/domain/meetings';
import { attendanceCounts, useMeetingRules, type Meeting } from '../meetings/meetingShared';

const t = zhCN.minutes;

/** 2026-05-03 → 2026年5月3日 */
function plainChineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

function Paragraphs({ text }: { text: string }) {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return <p className="minutes-print-empty">{t.noItems}</p>;
  return <>{lines.map((l, i) => <p key={i}>{l}</p>)}</>;
}

type AgendaItem = Meeting['agenda'][number];

/** A decision's count as the meeting recorded it (committee meetings record the yes votes), with the number it needed. */
function VoteLine({ item, meeting, rules }: { item: AgendaItem; meeting: Meeting; rules: MeetingRules }) {
  const members = meeting.membersTotal;
  if (item.yesVotes === null || members === null) return <p className="minutes-print-vote">{t.printVote}：{t.printVoteNotRecorded}</p>;
  const { needed, passed } = committeeDecision(members, item.yesVotes, rules.committeeDecisionRule);
  return <p className="minutes-print-vote" data-testid="minutes-print-vote">{t.printVote}：{t.printVoteText(item.yesVotes, members, needed, passed)}</p>;
}

/** The agenda item a minutes item speaks of, by its title (the draft starts from the agenda). */
const itemOf = (meeting: Meeting, title: string) => meeting.agenda.find((a) => a.forVote && a.title.trim() === title.trim());

export function MinutesPrint({ minutesId }: { minutesId: string }) {
  const data = useAsync(async () => {
    const minutes = await invoke('minutes.get', { id: minutesId });
    const meeting = await invoke('meeting.get', { id: minutes.meetingId });
    return { minutes, meeting };
  }, [minutesId]);

  const back = () => {
    if (data.data) navigate({ name: 'meeting', communityId: data.data.meeting.communityId, meetingId: data.data.meeting.id });
    else window.history.back();
  };

  let notice: ReactNode = null;
  if (data.error !== null) notice = <Alert type="error" showIcon title={errorMessage(data.error)} />;
  else if (!data.data) notice = zhCN.print.loading;

  const minutes = data.data?.minutes;
  const meeting = data.data?.meeting;
  const c = minutes?.content;
  const approved = minutes?.status === 'approved';
  const rules = useMeetingRules(meeting?.communityId ?? '');
  const counts = meeting ? attendanceCounts(meeting) : null;
  // Committee votes the minutes' items do not name are still stated, under 表决情况.
  const unmatched = meeting && c ? meeting.agenda.filter((a) => a.forVote && !c.items.some((i) => i.title.trim() === a.title.trim())) : [];
  const committeeVotes = meeting?.membersTotal != null;

  return (
    <PrintPage
      testId="minutes-print"
      orientation="portrait"
      title={meeting ? t.printTitle(meeting.title) : ''}
      subtitle={meeting && minutes && !approved ? <span className="minutes-print-draft-banner">{t.draftMark}</span> : undefined}
      meta={meeting
        ? (
          <>
            <span className="print-meta-item">{t.kind}：{meeting.form ? `${meeting.kind}（${meeting.form}）` : meeting.kind}</span>
            <span className="print-meta-item">{t.dateTime}：{plainChineseDate(meeting.date)}{meeting.startTime ? ` ${meeting.startTime}` : ''}</span>
            {meeting.place && <span className="print-meta-item">{t.place}：{meeting.place}</span>}
          </>
        )
        : undefined}
      ready={data.data !== undefined}
      notice={notice}
      onBack={back}
      footer={minutes
        ? (
          <div className="minutes-print-footer" data-testid="minutes-print-footer">
            <span>{meeting?.communityName}</span>
            <span>
              {approved && minutes.approvedAt
                ? t.footerApproved(minutes.version, plainChineseDate(formatDateTime(minutes.approvedAt)))
                : t.footerDraft(minutes.version)}
            </span>
          </div>
        )
        : undefined}
      signatures={[t.host, t.signRecorder]}
    >
      {minutes && !approved && <div className="minutes-print-watermark" aria-hidden>{t.draftMark}</div>}
      {c && (
        <div className="minutes-print">
          {meeting?.convener && (
            <div className="minutes-print-field"><span>{t.convener}：</span><span>{meeting.convener}</span></div>
          )}
          <div className="minutes-print-field"><span>{t.present}：</span><span>{c.attendees.trim() || t.noItems}</span></div>
          {counts && (
            <div className="minutes-print-field" data-testid="minutes-print-count">
              <span>{t.attendanceCount}：</span><span>{t.attendanceCountText(counts.expected, counts.present, counts.invitees)}</span>
            </div>
          )}
          <div className="minutes-print-field"><span>{t.recorder}：</span><span>{c.recorder.trim() || t.noItems}</span></div>

          {c.items.map((item, i) => (
            <section key={i} className="minutes-print-item">
              <h2>{t.printItem(i + 1, item.title)}</h2>
              <h3>{t.printDiscussion}</h3>
              <Paragraphs text={item.discussion} />
              <h3>{t.printDecision}</h3>
              <Paragraphs text={item.decision} />
              {meeting && committeeVotes && itemOf(meeting, item.title) && <VoteLine item={itemOf(meeting, item.title)!} meeting={meeting} rules={rules} />}
            </section>
          ))}

          {meeting && committeeVotes && unmatched.length > 0 && (
            <>
              <h2>{t.printVotesHeading}</h2>
              {unmatched.map((a) => (
                <div key={a.id}>
                  <p className="minutes-print-vote-title">{a.title}</p>
                  <VoteLine item={a} meeting={meeting} rules={rules} />
                </div>
              ))}
            </>
          )}

          <h2>{t.actions}</h2>
          {c.actions.length === 0
            ? <p className="minutes-print-empty">{t.noItems}</p>
            : (
              <table className="print-table" data-testid="minutes-print-actions">
                <PrintTableHead columns={[
                  { label: t.printNo, width: 9 }, { label: t.actionText, width: 46 }, { label: t.party, width: 15 },
                  { label: t.person, width: 13 }, { label: t.due, width: 17 },
                ]} />
                <tbody>
                  {c.actions.map((a, i) => (
                    <tr key={i}>
                      <td className="center">{i + 1}</td>
                      <td>{a.text}</td>
                      <td className="center">{a.party}</td>
                      <td className="center">{a.person}</td>
                      <td className="center">{a.due ? plainChineseDate(a.due) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}

          {c.other.trim() && (
            <>
              <h2>{t.other}</h2>
              <Paragraphs text={c.other} />
            </>
          )}
        </div>
      )}
    </PrintPage>
  );
}
