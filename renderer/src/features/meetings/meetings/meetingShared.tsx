/** Small pieces shared by the meeting screens and printouts. */
import { Tag } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { weekday } from '../../../../../shared/domain/dates';
import {
  ASSEMBLY_KINDS, COMMITTEE_KINDS, DEFAULT_MEETING_RULES, INFORMAL_KINDS, type MeetingKind, type MeetingRules,
} from '../../../../../shared/domain/meetings';
import { zhCN } from '../../../i18n/zh-CN';
import { useCommunities } from '../../register/communities/CommunitiesContext';
import './meetings.css';

const t = zhCN.meetings;

export type Meeting = MethodOutput<'meeting.get'>;
export type MeetingListItem = MethodOutput<'meeting.list'>[number];

export const isAssembly = (kind: MeetingKind) => ASSEMBLY_KINDS.includes(kind);
export const isCommittee = (kind: MeetingKind) => COMMITTEE_KINDS.includes(kind);

/**
 * 应到 and 实到 of a meeting. A committee meeting expects its members (the count it recorded from 组织建设) and
 * counts the members present; invitees (物业, 居委会, 列席) are counted apart. Other meetings expect everyone on
 * the list. 实到 is null until presence is recorded.
 */
export function attendanceCounts(meeting: Meeting): { expected: number; present: number | null; invitees: number; members: boolean } {
  const held = meeting.status === 'held';
  if (isCommittee(meeting.kind) && meeting.membersTotal !== null) {
    return {
      expected: meeting.membersTotal,
      present: held ? meeting.attendees.filter((a) => a.isMember && a.present === true).length : null,
      invitees: meeting.attendees.filter((a) => !a.isMember && (!held || a.present === true)).length,
      members: true,
    };
  }
  return { expected: meeting.attendees.length, present: held ? meeting.attendees.filter((a) => a.present === true).length : null, invitees: 0, members: false };
}

/** 星期四 */
export function weekdayName(date: string): string {
  return t.weekdays[weekday(date)] ?? '';
}

/** 2026-07-16（星期四） */
export function dateWithWeekday(date: string): string {
  return t.dateWithWeekday(date, weekdayName(date));
}

/** 2026年7月16日 */
export function chineseDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return t.chineseDay(y, m, d);
}

function kindColor(kind: MeetingKind): string {
  if (kind === '联席会议') return 'purple';
  if (kind === '党员大会') return 'red';
  if (ASSEMBLY_KINDS.includes(kind)) return 'volcano';
  if (COMMITTEE_KINDS.includes(kind)) return 'blue';
  if (INFORMAL_KINDS.includes(kind)) return 'green';
  return 'default';
}

export function KindTag({ kind }: { kind: MeetingKind }) {
  return <Tag color={kindColor(kind)} className="tight-tag" data-testid="meeting-kind-tag">{kind}</Tag>;
}

/** The meeting rules of a community, from the list the app already holds (defaults until it loads). */
export function useMeetingRules(communityId: string): MeetingRules {
  const { list } = useCommunities();
  return list?.find((c) => c.id === communityId)?.settings.meetingRules ?? DEFAULT_MEETING_RULES;
}
