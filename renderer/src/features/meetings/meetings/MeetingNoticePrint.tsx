/**
 * 会议通知: the meeting's notice in official-notice layout — title from the
 * meeting's name, the addressee by kind, time, place, form, the agenda items
 * listed in the notice (表决事项 marked), a closing line, the convener (or the
 * community) as issuer and the notice date.
 */
import { Alert, Spin } from 'antd';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { OfficialNotice } from '../../print/OfficialNotice';
import { chineseDay, isAssembly, isCommittee, weekdayName, type Meeting } from './meetingShared';

const t = zhCN.meetings;
const ORDINALS = ['一', '二', '三', '四', '五', '六'];

/** 关于召开…的通知 (a title that already reads as a notice is kept). */
export function noticeTitle(title: string): string {
  return /通知$/.test(title) ? title : t.noticeTitle(title);
}

function addressee(meeting: Meeting): string {
  if (isAssembly(meeting.kind)) return t.toAllOwners;
  if (isCommittee(meeting.kind)) return t.toMembers;
  return t.toOthers;
}

/** 2026年7月16日（星期四）9:30 */
function whenText(meeting: Meeting): string {
  const day = `${chineseDay(meeting.date)}（${weekdayName(meeting.date)}）`;
  return meeting.startTime ? `${day}${meeting.startTime}` : day;
}

function closing(meeting: Meeting): string {
  if (meeting.form === '书面征求意见') return t.noticeClosingWritten;
  if (isAssembly(meeting.kind)) return t.noticeClosingAssembly;
  if (isCommittee(meeting.kind)) return t.noticeClosingMembers;
  return t.noticeClosingOthers;
}

export function MeetingNoticePrint({ meetingId }: { meetingId: string }) {
  const loaded = useQuery('meeting.get', { id: meetingId });
  const meeting = loaded.data;
  const back = () => {
    if (meeting) navigate({ name: 'meeting', communityId: meeting.communityId, meetingId });
    else window.history.back();
  };

  if (!meeting) {
    return (
      <OfficialNotice
        title=""
        paragraphs={[]}
        issuers={[]}
        date={todayDate()}
        ready={false}
        onBack={back}
        notice={loaded.error !== null ? <Alert type="error" showIcon title={errorMessage(loaded.error)} /> : <Spin />}
      />
    );
  }

  const written = meeting.form === '书面征求意见';
  const items = meeting.agenda.filter((a) => a.inNotice);
  const paragraphs = [
    t.noticeIntro(meeting.title),
    t.noticeTime(whenText(meeting)),
    written ? t.noticePlaceWritten(meeting.place || t.noticeUndecided) : t.noticePlace(meeting.place || t.noticeUndecided),
  ];
  let n = 2;
  if (meeting.form) paragraphs.push(t.noticeForm(ORDINALS[n++]!, written ? t.noticeWrittenExplained : meeting.form));
  const agendaHeading = t.noticeAgenda(ORDINALS[n]!);

  return (
    <OfficialNotice
      testId="meeting-notice-print"
      title={noticeTitle(meeting.title)}
      addressee={addressee(meeting)}
      paragraphs={paragraphs}
      issuers={[meeting.convener || meeting.communityName]}
      date={meeting.noticeDate ?? todayDate()}
      ready
      onBack={back}
    >
      <p>{agendaHeading}</p>
      {items.length === 0
        ? <p>{t.noticeNoAgenda}</p>
        : (
          <ol className="official-list" data-testid="meeting-notice-agenda">
            {items.map((a, i) => (
              <li key={a.id}>{`${i + 1}. ${a.title}`}{a.forVote ? t.noticeVoteMark : ''}</li>
            ))}
          </ol>
        )}
      <p>{closing(meeting)}</p>
    </OfficialNotice>
  );
}
