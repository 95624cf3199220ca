/**
 * The meetings of a community: reminders (the owners' committee's meeting
 * interval, decisions waiting to be posted), the upcoming and past meetings
 * as a table, and a month calendar. Rows and calendar entries open the
 * meeting's page.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Calendar, Segmented, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { addDays } from '../../../../../shared/domain/dates';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { PageHeader } from '../../../components/PageHeader';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { MeetingForm } from './MeetingForm';
import { KindTag, weekdayName, type MeetingListItem } from './meetingShared';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.meetings;

export function MeetingsPage({ communityId }: { communityId: string }) {
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const [tab, setTab] = useState<'list' | 'calendar'>('list');
  const open = (meetingId: string) => navigate({ name: 'meeting', communityId, meetingId });

  return (
    <div className="page page-scroll meetings-page" data-testid="meetings-page">
      <PageHeader
        title={t.title}
        extra={can('meetings.write') && <Button type="primary" onClick={() => setCreating(true)} data-testid="meeting-create">{t.create}</Button>}
      />
      <Reminders communityId={communityId} onOpen={open} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as 'list' | 'calendar')}
        items={[
          { key: 'list', label: <span data-testid="meetings-tab-list">{t.tabUpcoming}</span>, children: <MeetingList communityId={communityId} onOpen={open} /> },
          { key: 'calendar', label: <span data-testid="meetings-tab-calendar">{t.tabCalendar}</span>, children: <MonthCalendar communityId={communityId} onOpen={open} /> },
        ]}
      />
      <MeetingForm
        communityId={communityId}
        meeting={null}
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(m) => {
          setCreating(false);
          open(m.id);
        }}
      />
    </div>
  );
}

function Reminders({ communityId, onOpen }: { communityId: string; onOpen: (id: string) => void }) {
  const reminders = useQuery('meeting.reminders', { communityId });
  if (reminders.error !== null) return <Alert type="error" showIcon title={errorMessage(reminders.error)} />;
  const data = reminders.data;
  if (!data) return null;
  const c = data.committee;
  return (
    <div className="meeting-reminders" data-testid="meeting-reminders">
      {c.lastHeld === null
        ? <Alert type="info" showIcon data-testid="reminder-committee" data-state="never" title={t.committeeNever(c.months)} />
        : c.overdue
          ? <Alert type="warning" showIcon data-testid="reminder-committee" data-state="overdue" title={t.committeeOverdue(c.lastHeld, c.due ?? '', c.months)} />
          : <Alert type="info" showIcon data-testid="reminder-committee" data-state="due" title={t.committeeDue(c.lastHeld, c.due ?? '', c.months)} />}
      {data.posting.map((p) => (
        <Alert
          key={p.meetingId}
          type={p.overdue ? 'error' : 'warning'}
          showIcon
          data-testid="reminder-posting"
          title={p.overdue ? t.postingOverdue(p.title, p.date, p.deadline) : t.postingWaiting(p.title, p.date, p.deadline)}
          action={<Button size="small" onClick={() => onOpen(p.meetingId)}>{t.open}</Button>}
        />
      ))}
    </div>
  );
}

function statusText(m: MeetingListItem, today: string): string {
  if (m.status === 'planned' && m.date < today) return t.statusToRecord;
  return t.status[m.status];
}

function MeetingList({ communityId, onOpen }: { communityId: string; onOpen: (id: string) => void }) {
  const [which, setWhich] = useState<'upcoming' | 'past'>('upcoming');
  const today = todayDate();
  const list = useAsync(
    () => (which === 'upcoming'
      ? invoke('meeting.list', { communityId, from: today, limit: 500 })
      : invoke('meeting.list', { communityId, to: addDays(today, -1), limit: 1000 }).then((rows) => [...rows].reverse())),
    [communityId, which, today],
  );
  const columns = useMemo<ColumnDef<MeetingListItem>[]>(() => [
    {
      id: 'date', header: t.colDate, size: 150,
      cell: ({ row }) => <span className="num">{row.original.date} <span className="muted">{weekdayName(row.original.date)}</span></span>,
    },
    { id: 'time', header: t.colTime, size: 70, cell: ({ row }) => <span className="num">{row.original.startTime}</span> },
    { id: 'kind', header: t.colKind, size: 120, cell: ({ row }) => <KindTag kind={row.original.kind} /> },
    { id: 'title', header: t.colTitle, size: 240, meta: { grow: true }, cell: ({ row }) => <span className="strong">{row.original.title}</span> },
    { id: 'place', header: t.colPlace, size: 200, cell: ({ row }) => row.original.place },
    {
      id: 'status', header: t.colStatus, size: 90,
      cell: ({ row }) => {
        const text = statusText(row.original, today);
        return <Tag className="tight-tag" color={row.original.status === 'held' ? 'green' : text === t.statusToRecord ? 'orange' : 'default'}>{text}</Tag>;
      },
    },
    {
      id: 'minutes', header: t.colMinutes, size: 90,
      cell: ({ row }) => {
        const s = row.original.minutesStatus;
        return <Tag className="tight-tag" color={s === 'approved' ? 'green' : s === 'draft' ? 'gold' : 'default'}>{t.minutesStatus[s]}</Tag>;
      },
    },
  ], [today]);

  return (
    <div className="meeting-list">
      <div className="toolbar">
        <Segmented
          data-testid="meetings-which"
          value={which}
          onChange={(v) => setWhich(v as 'upcoming' | 'past')}
          options={[{ value: 'upcoming', label: t.upcoming }, { value: 'past', label: t.past }]}
        />
      </div>
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.data && (
        <DataGrid
          testId="meetings-grid"
          columns={columns}
          source={{ kind: 'local', rows: list.data }}
          getRowId={(m) => m.id}
          onRowClick={(m) => onOpen(m.id)}
          autoHeightRows={14}
          emptyText={which === 'upcoming' ? t.emptyUpcoming : t.emptyPast}
          ariaLabel={t.tabUpcoming}
        />
      )}
    </div>
  );
}

function MonthCalendar({ communityId, onOpen }: { communityId: string; onOpen: (id: string) => void }) {
  const [value, setValue] = useState<Dayjs>(() => dayjs(todayDate()));
  const month = value.format('YYYY-MM');
  const from = `${month}-01`;
  const to = value.endOf('month').format('YYYY-MM-DD');
  const list = useQuery('meeting.list', { communityId, from, to, limit: 1000 });
  const byDate = useMemo(() => {
    const map = new Map<string, MeetingListItem[]>();
    for (const m of list.data ?? []) map.set(m.date, [...(map.get(m.date) ?? []), m]);
    return map;
  }, [list.data]);

  return (
    <div className="meeting-calendar" data-testid="meeting-calendar" data-month={month} data-loaded={list.data && !list.loading ? 'true' : 'false'}>
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <div className="meeting-calendar-count">{list.data ? t.calendarCount(list.data.length) : zhCN.common.loading}</div>
      <Calendar
        value={value}
        onChange={(d) => setValue(d)}
        cellRender={(current, info) => {
          if (info.type !== 'date') return info.originNode;
          const date = current.format('YYYY-MM-DD');
          if (current.format('YYYY-MM') !== month) return null;
          const meetings = byDate.get(date) ?? [];
          return (
            <ul className="meeting-calendar-day" data-testid={`calendar-day-${date}`}>
              {meetings.map((m) => (
                <li key={m.id}>
                  <button
                    type="button"
                    className={`meeting-calendar-item status-${m.status}`}
                    data-testid={`calendar-meeting-${m.id}`}
                    title={`${m.startTime} ${m.title}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      onOpen(m.id);
                    }}
                  >
                    {m.startTime && <span className="num">{m.startTime} </span>}{m.title}
                  </button>
                </li>
              ))}
            </ul>
          );
        }}
      />
    </div>
  );
}
