/** Meetings through the router on a real SQLite file: notice rules with overrides, attendance, quorum, posting, reminders. */
import { describe, expect, it } from 'vitest';
import { call, callError, loggedInApp } from '../helpers';

async function community(app: Awaited<ReturnType<typeof loggedInApp>>['app'], session: string, meetingRules = {}) {
  return call(app, 'community.create', { name: '和平小区', settings: { countParkingInVotes: false, meetingRules } }, session);
}

const assembly = (communityId: string, noticeDate: string | null) => ({
  communityId, kind: '业主大会' as const, form: '现场会议' as const, title: '2026年第一次业主大会', date: '2026-07-16', noticeDate,
  place: '小区会所', convener: '和平小区业主委员会',
  agenda: [{ title: '选聘物业服务企业', forVote: true, inNotice: true }, { title: '情况通报', forVote: false, inNotice: true }],
});

describe('calling a meeting', () => {
  it('refuses a late notice with the rule and the dates, and saves it with a written reason (recorded and audited)', async () => {
    const { app, session } = await loggedInApp();
    const c = await community(app, session);
    const refused = await callError(app, 'meeting.create', assembly(c.id, '2026-07-02'), session);
    expect(refused.code).toBe('REFUSED');
    expect(refused.message).toContain('业主大会须至少提前15日通知');
    expect(refused.message).toContain('最迟应于 2026-07-01 通知');
    expect(refused.details).toEqual([expect.objectContaining({ kind: 'rule', rule: 'notice-period' })]);
    expect(await call(app, 'meeting.list', { communityId: c.id }, session)).toEqual([]);

    const m = await call(app, 'meeting.create', { ...assembly(c.id, '2026-07-02'), overrideReason: '台风推迟，经街道同意' }, session);
    expect(m.overrides).toMatchObject([{ rule: 'notice-period', reason: '台风推迟，经街道同意', author: '王主任（admin）' }]);
    expect(m.checks.notice).toEqual({ days: 15, latest: '2026-07-01', onRestDay: false });
    const audit = await call(app, 'audit.list', { entity: 'meeting', entityId: m.id }, session);
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['create', 'override']);
  });

  it('takes a notice exactly 15 days ahead without a reason; the community may set 7 days for extraordinary assemblies', async () => {
    const { app, session } = await loggedInApp();
    const c = await community(app, session, { extraordinaryNoticeDays: 7 });
    const m = await call(app, 'meeting.create', assembly(c.id, '2026-07-01'), session);
    expect(m.overrides).toEqual([]);
    await call(app, 'meeting.create', { ...assembly(c.id, '2026-07-09'), kind: '临时业主大会' }, session);
    const e = await callError(app, 'meeting.create', { ...assembly(c.id, '2026-07-10'), kind: '临时业主大会' }, session);
    expect(e.message).toContain('临时业主大会须至少提前7日通知');
  });

  it('refuses a vote on an item that was not in the notice, and a notice after the meeting', async () => {
    const { app, session } = await loggedInApp();
    const c = await community(app, session);
    const input = assembly(c.id, '2026-06-01');
    const e = await callError(app, 'meeting.create', { ...input, agenda: [...input.agenda, { title: '临时动议：更换电梯', forVote: true, inNotice: false }] }, session);
    expect(e.message).toContain('议题“临时动议：更换电梯”未列入会议通知，不得表决');
    const after = await callError(app, 'meeting.create', { ...input, noticeDate: '2026-07-20' }, session);
    expect(after.code).toBe('VALIDATION');
    expect(after.message).toContain('通知日期 2026-07-20 晚于会议日期 2026-07-16');
  });

  it('informal meetings need no notice; 坝坝会 is an unknown kind to the contract (the CLI maps it)', async () => {
    const { app, session } = await loggedInApp();
    const c = await community(app, session);
    const m = await call(app, 'meeting.create', { communityId: c.id, kind: '院坝会', title: '3幢院坝会', date: '2026-05-06' }, session);
    expect(m.checks.notice).toBeNull();
    expect((await callError(app, 'meeting.create', { communityId: c.id, kind: '坝坝会' as never, title: 'x', date: '2026-05-06' }, session)).code).toBe('VALIDATION');
  });
});

describe('a committee meeting', () => {
  async function committee() {
    const { app, session } = await loggedInApp();
    const c = await community(app, session);
    const m = await call(app, 'meeting.create', {
      communityId: c.id, kind: '业委会会议', title: '业委会第5次会议', date: '2026-11-17', membersTotal: 5,
      agenda: [{ title: '审议维修方案', forVote: true, inNotice: true }],
    }, session);
    const withPeople = await call(app, 'meeting.setAttendees', {
      id: m.id, attendees: [
        ...['张一', '张二', '张三', '张四', '张五'].map((name, i) => ({ party: '业委会' as const, name, role: i === 0 ? '主任' : '委员', isMember: true })),
        { party: '物业' as const, name: '物业经理', role: '经理', isMember: false },
      ],
    }, session);
    return { app, session, c, m: withPeople };
  }

  it('needs more than half of its members present: 2 of 5 is refused, an override records the reason', async () => {
    const { app, session, m } = await committee();
    const present = m.attendees.map((a, i) => ({ attendeeId: a.id, present: i < 2 || !a.isMember }));
    const e = await callError(app, 'meeting.recordResults', { id: m.id, present, votes: [] }, session);
    expect(e.message).toContain('至少3人出席，实到2人');
    expect((await call(app, 'meeting.get', { id: m.id }, session)).status).toBe('planned');
    const held = await call(app, 'meeting.recordResults', { id: m.id, present, votes: [], overrideReason: '补充书面意见' }, session);
    expect(held.status).toBe('held');
    expect(held.checks.quorum).toEqual({ members: 5, present: 2, needed: 3, quorate: false });
  });

  it('decides with more than half of ALL members: 3 yes of 5 passes, 2 yes fails even with only 3 present', async () => {
    const { app, session, m } = await committee();
    const present = m.attendees.map((a, i) => ({ attendeeId: a.id, present: i < 3 || !a.isMember }));
    const item = m.agenda[0]!;
    const yes2 = await call(app, 'meeting.recordResults', { id: m.id, present, votes: [{ agendaItemId: item.id, yes: 2 }] }, session);
    expect(yes2.agenda[0]).toMatchObject({ yesVotes: 2, passed: false });
    const yes3 = await call(app, 'meeting.recordResults', { id: m.id, present, votes: [{ agendaItemId: item.id, yes: 3 }] }, session);
    expect(yes3.agenda[0]).toMatchObject({ yesVotes: 3, passed: true });
    const tooMany = await callError(app, 'meeting.recordResults', { id: m.id, present, votes: [{ agendaItemId: item.id, yes: 4 }] }, session);
    expect(tooMany.message).toContain('超过出席成员 3 人');
  });

  it('posts decisions within 3 days (a Tuesday meeting: Friday is in time, Monday needs a reason)', async () => {
    const { app, session, m } = await committee();
    const present = m.attendees.map((a) => ({ attendeeId: a.id, present: true }));
    const notHeld = await callError(app, 'meeting.postDecisions', { id: m.id, postedDate: '2026-11-18' }, session);
    expect(notHeld.message).toContain('尚未记录为已召开');
    await call(app, 'meeting.recordResults', { id: m.id, present, votes: [] }, session);
    expect((await call(app, 'meeting.get', { id: m.id }, session)).checks.postingDeadline).toEqual({ date: '2026-11-20', plainEnd: '2026-11-20', moved: false });
    const late = await callError(app, 'meeting.postDecisions', { id: m.id, postedDate: '2026-11-23' }, session);
    expect(late.message).toContain('最迟 2026-11-20');
    const posted = await call(app, 'meeting.postDecisions', { id: m.id, postedDate: '2026-11-20' }, session);
    expect(posted.postedDate).toBe('2026-11-20');
    expect(posted.overrides).toEqual([]);
  });

  it('a held meeting cannot be re-noticed; its agenda edits are refused', async () => {
    const { app, session, m } = await committee();
    await call(app, 'meeting.recordResults', { id: m.id, present: m.attendees.map((a) => ({ attendeeId: a.id, present: true })), votes: [] }, session);
    const e = await callError(app, 'meeting.update', { id: m.id, kind: m.kind, title: '改名', date: m.date, membersTotal: 5, agenda: [] }, session);
    expect(e.code).toBe('REFUSED');
  });
});

describe('reminders', () => {
  it('lists held meetings waiting to be posted and the owners committee 2-month rule', async () => {
    const { app, session } = await loggedInApp();
    const c = await community(app, session);
    const m = await call(app, 'meeting.create', { communityId: c.id, kind: '业委会会议', title: '业委会例会', date: '2026-01-05', membersTotal: 3 }, session);
    await call(app, 'meeting.recordResults', { id: m.id, present: [], votes: [], overrideReason: '测试' }, session);
    const r = await call(app, 'meeting.reminders', { communityId: c.id }, session);
    expect(r.committee).toEqual({ lastHeld: '2026-01-05', due: '2026-03-05', overdue: true, months: 2 });
    expect(r.posting).toEqual([{ meetingId: m.id, title: '业委会例会', date: '2026-01-05', deadline: '2026-01-08', overdue: true }]);
  });

  it('lists meetings of a month in date order', async () => {
    const { app, session } = await loggedInApp();
    const c = await community(app, session);
    for (const date of ['2026-12-03', '2026-11-30', '2026-12-01']) {
      await call(app, 'meeting.create', { communityId: c.id, kind: '联席会议', title: `联席会议${date}`, date }, session);
    }
    const dec = await call(app, 'meeting.list', { communityId: c.id, from: '2026-12-01', to: '2026-12-31' }, session);
    expect(dec.map((m) => m.date)).toEqual(['2026-12-01', '2026-12-03']);
    expect(dec[0]!.minutesStatus).toBe('none');
  });
});

describe('saving a printout as PDF', () => {
  it('is the desktop app’s (printToPDF); browser mode answers that it is not available', async () => {
    const { app, session } = await loggedInApp();
    expect(await call(app, 'print.savePdf', { fileName: '会议通知' }, session)).toEqual({ available: false, file: null });
    expect((await callError(app, 'print.savePdf', { fileName: 'a/b' }, session)).code).toBe('VALIDATION');
  });
});
