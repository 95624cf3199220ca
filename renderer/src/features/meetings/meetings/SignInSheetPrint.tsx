/**
 * 签到表: the attendee list grouped by party (in the order of
 * ATTENDEE_PARTIES), with a blank column for the handwritten signature and
 * ten blank rows for people who come without being on the list.
 */
import { Alert, Spin } from 'antd';
import { ATTENDEE_PARTIES } from '../../../../../shared/domain/meetings';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { PrintPage } from '../../print/PrintPage';
import { attendanceCounts, chineseDay, weekdayName, type Meeting } from './meetingShared';
import { PrintTableHead } from '../../print/PrintTableHead';

const t = zhCN.meetings;
const BLANK_ROWS = 10;

const COLUMNS = [
  { label: t.signInNo, width: 8 },
  { label: t.signInParty, width: 18 },
  { label: t.signInName, width: 18 },
  { label: t.signInRole, width: 20 },
  { label: t.signInSign, width: 36 },
] as const;

type Attendee = Meeting['attendees'][number];

/** The attendees in groups by party, parties in their fixed order, people in list order within each. */
function groups(attendees: readonly Attendee[]): { party: string; people: Attendee[] }[] {
  return ATTENDEE_PARTIES
    .map((party) => ({ party: party as string, people: attendees.filter((a) => a.party === party) }))
    .filter((g) => g.people.length > 0);
}

/**
 * 应到/实到. A committee meeting counts its members (组织建设's, as the meeting recorded them): invitees such as
 * 物业 or 居委会 attend as 列席 and are not 应到; 实到 is filled in once presence is recorded. Other meetings
 * expect everyone invited.
 */
function countNote(meeting: Meeting): string {
  const c = attendanceCounts(meeting);
  return c.members ? t.signInMembersNote(c.expected, c.present, c.invitees) : t.signInNote(c.expected);
}

export function SignInSheetPrint({ meetingId }: { meetingId: string }) {
  const loaded = useQuery('meeting.get', { id: meetingId });
  const meeting = loaded.data;
  const back = () => {
    if (meeting) navigate({ name: 'meeting', communityId: meeting.communityId, meetingId });
    else window.history.back();
  };
  const notice = meeting ? undefined : loaded.error !== null ? <Alert type="error" showIcon title={errorMessage(loaded.error)} /> : <Spin />;
  const when = meeting ? `${chineseDay(meeting.date)}（${weekdayName(meeting.date)}）${meeting.startTime ? ` ${meeting.startTime}` : ''}` : '';

  let no = 0;
  return (
    <PrintPage
      testId="signin-print"
      orientation="portrait"
      title={meeting ? t.signInTitle(meeting.title) : ''}
      meta={meeting ? <span data-testid="signin-meta">{t.signInMeta(when, meeting.place || t.notSet)}</span> : undefined}
      ready={meeting !== undefined}
      notice={notice}
      onBack={back}
      footer={meeting ? <p className="print-note" data-testid="signin-count">{countNote(meeting)}</p> : undefined}
      signatures={[t.recorder]}
    >
      {meeting && (
        <table className="print-table signin-table" data-testid="signin-table">
          <PrintTableHead columns={COLUMNS} />
          <tbody>
            {groups(meeting.attendees).flatMap((g) =>
              g.people.map((a, i) => {
                no += 1;
                return (
                  <tr key={a.id} data-testid="signin-row">
                    <td className="center">{no}</td>
                    {i === 0 && <td className="center" rowSpan={g.people.length}>{g.party}</td>}
                    <td className="center">{a.name}</td>
                    <td className="center">{a.role}</td>
                    <td />
                  </tr>
                );
              }),
            )}
            {Array.from({ length: BLANK_ROWS }, (_, i) => (
              <tr key={`blank-${i}`} data-testid="signin-blank-row">
                <td className="center">{meeting.attendees.length + i + 1}</td>
                <td /><td /><td /><td />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PrintPage>
  );
}
