/**
 * Two-person control (复核, issue 16) on a real SQLite file, with two people signed in as themselves: with the
 * community's setting off the four actions act at once as before; with it on they wait as 待复核, the person who
 * asked cannot confirm, a second person with the permission can — and the effect is the direct action's —, a
 * rejection or withdrawal changes nothing, a decided review is decided once, and each of the four actions
 * (vote.close, ledger.closeMonth, ledger.reverse, repair.charge) goes through it.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { App } from '../../main/app-types';
import { rosterCsv } from '../fixtures/roster-generator';
import { WORKED_ROSTER } from '../fixtures/worked-roster';
import { call, callError, loggedInApp, runCli } from '../helpers';

/**
 * Another account, made the way the administrator makes one (user.create, then the temporary password changed at
 * the first sign-in): 'admin' is 管理员 over every community; 'reader' is 只读 over every community, a person
 * who may see the vote but holds no permission to close it.
 */
async function addUser(app: App, adminSession: string, username: string, displayName: string, role: 'admin' | 'reader'): Promise<string> {
  const made = await call(app, 'user.create', { username, displayName, grants: [{ role, communities: 'all' }], companyId: null }, adminSession);
  const first = await call(app, 'auth.login', { username, password: made.temporaryPassword });
  const password = `${username}-password`;
  await call(app, 'auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: password }, first.session);
  return (await call(app, 'auth.login', { username, password })).session;
}

async function community(app: App, session: string, name: string, twoPersonControl: boolean) {
  const csv = Buffer.from(rosterCsv(WORKED_ROSTER), 'utf8').toString('base64');
  const { communityId } = await call(app, 'roster.import', { file: { fileName: 'r.csv', base64: csv }, community: { name } }, session);
  const c = await call(app, 'community.get', { id: communityId }, session);
  await call(app, 'community.update', { ...c, settings: { ...c.settings, twoPersonControl } }, session);
  return communityId;
}

/** A vote whose window is over, every subject having voted yes on its one item (category 5: a repair may stand on it). */
async function votedVote(app: App, session: string, communityId: string, category = 4) {
  const vote = await call(app, 'vote.create', {
    communityId, title: '使用维修资金维修外墙', opens: '2026-10-01', closes: '2026-10-20', items: [{ title: '1幢外墙维修', category }],
  }, session);
  const subjects = (await call(app, 'vote.subjects', { voteId: vote.id }, session)).rows;
  for (const [i, s] of subjects.entries()) {
    await call(app, 'ballot.record', { voteId: vote.id, subjectId: s.id, choices: [{ itemId: vote.items[0]!.id, choice: i === 1 ? 'no' : 'yes' }] }, session);
  }
  return vote.id;
}

async function setup() {
  const { app, session: wang } = await loggedInApp(); // 王主任（admin）
  const li = await addUser(app, wang, 'li', '李会计', 'admin');
  const zhao = await addUser(app, wang, 'zhao', '赵干事', 'reader');
  return { app, wang, li, zhao };
}

/** A closed vote's tally without its ids: what the direct close and a confirmed one must share. */
async function outcome(app: App, session: string, voteId: string) {
  const { voteId: _id, items, ...rest } = await call(app, 'vote.tally', { id: voteId }, session);
  return { ...rest, items: items.map(({ itemId: _item, ...i }) => i) };
}

describe('复核 off (the default)', () => {
  it('each action acts at once, as before, and nothing waits', async () => {
    const { app, wang } = await setup();
    const communityId = await community(app, wang, '阳光小区', false);
    expect((await call(app, 'community.get', { id: communityId }, wang)).settings.twoPersonControl).toBe(false);
    const voteId = await votedVote(app, wang, communityId);
    const closed = await call(app, 'vote.close', { id: voteId }, wang);
    expect(closed.status).toBe('closed');
    expect(closed.review).toBeUndefined();
    expect(closed.closedBy).toBe('王主任（admin）');
    expect(await call(app, 'review.list', { filter: 'community', communityId }, wang)).toEqual([]);
  });
});

describe('closing a vote with 复核 on', () => {
  it('waits; the one who asked cannot confirm; a second person with the permission can, and the tally is the direct close’s', async () => {
    const { app, wang, li, zhao } = await setup();
    const direct = await community(app, wang, '直接小区', false);
    const reviewed = await community(app, wang, '复核小区', true);
    const directVote = await votedVote(app, wang, direct);
    const voteId = await votedVote(app, wang, reviewed);

    const asked = await call(app, 'vote.close', { id: voteId }, wang);
    expect(asked.status).toBe('open');
    expect(asked.review).toMatchObject({ status: 'pending', action: 'vote.close', summary: '结束表决“使用维修资金维修外墙”', requestedBy: '王主任（admin）' });
    expect((await call(app, 'vote.get', { id: voteId }, wang)).status).toBe('open');
    // Not asked twice, by anyone, while it waits.
    expect((await callError(app, 'vote.close', { id: voteId }, li)).message).toContain('正在等待复核');

    // What waits for whom.
    expect(await call(app, 'review.list', { filter: 'toConfirm' }, wang)).toEqual([]);
    const forLi = await call(app, 'review.list', { filter: 'toConfirm' }, li);
    expect(forLi.map((r) => [r.summary, r.communityName, r.permission, r.canConfirm, r.canReject, r.mine])).toEqual([['结束表决“使用维修资金维修外墙”', '复核小区', 'votes.write', true, true, false]]);
    expect((await call(app, 'review.list', { filter: 'requested' }, wang)).map((r) => r.id)).toEqual([asked.review!.id]);
    expect(await call(app, 'review.list', { filter: 'toConfirm' }, zhao)).toEqual([]);

    const own = await callError(app, 'review.confirm', { id: asked.review!.id }, wang);
    expect(own).toMatchObject({ code: 'REFUSED', message: expect.stringContaining('不能复核自己提交的操作') });
    expect(await callError(app, 'review.confirm', { id: asked.review!.id }, zhao)).toMatchObject({ code: 'FORBIDDEN', message: '需要“业委会秘书”权限：组织表决与录入选票' });
    expect((await call(app, 'vote.get', { id: voteId }, wang)).status).toBe('open');

    const confirmed = await call(app, 'review.confirm', { id: asked.review!.id }, li);
    expect(confirmed).toMatchObject({ status: 'confirmed', decidedBy: '李会计（li）', requestedBy: '王主任（admin）', canConfirm: false, canReject: false });
    const closed = await call(app, 'vote.get', { id: voteId }, wang);
    expect(closed.closedBy).toBe('王主任（admin）提交，李会计（li）复核');
    expect((await call(app, 'vote.close', { id: directVote }, wang)).status).toBe('closed');
    const confirmedTally = await outcome(app, wang, voteId);
    expect(confirmedTally).toEqual(await outcome(app, wang, directVote));
    expect(confirmedTally).toMatchObject({ status: 'closed', ballots: { returned: 4, valid: 4 } });

    // Decided once.
    expect((await callError(app, 'review.confirm', { id: asked.review!.id }, li)).message).toContain('不能再次处理');
    expect((await callError(app, 'review.reject', { id: asked.review!.id, reason: '晚了' }, li)).message).toContain('不能再次处理');
    // The log names both: the close itself, and the review's confirmation.
    const log = await call(app, 'audit.list', { entityId: voteId, offset: 0, limit: 50 }, wang);
    expect(log.rows.find((r) => r.action === 'close')!.author).toBe('王主任（admin）提交，李会计（li）复核');
    const reviewLog = await call(app, 'audit.list', { entity: 'review', entityId: asked.review!.id, offset: 0, limit: 50 }, wang);
    expect(reviewLog.rows.map((r) => [r.action, r.author])).toEqual([['confirm-review', '李会计（li）'], ['request-review', '王主任（admin）']]);
    // The community's history keeps it with its outcome.
    // 只读 sees the community's history, and may decide nothing in it.
    expect((await call(app, 'review.list', { filter: 'community', communityId: reviewed }, zhao))).toMatchObject([{ status: 'confirmed', canConfirm: false, canReject: false }]);
    expect((await call(app, 'review.list', { filter: 'community', communityId: reviewed }, li)).map((r) => r.status)).toEqual(['confirmed']);
  });

  it('a request that would be refused now is refused to the person asking, and nothing waits', async () => {
    const { app, wang } = await setup();
    const communityId = await community(app, wang, '复核小区', true);
    const vote = await call(app, 'vote.create', { communityId, title: '未到期的表决', opens: '2026-10-01', closes: '2099-12-31', items: [{ title: '续聘', category: 4 }] }, wang);
    expect((await callError(app, 'vote.close', { id: vote.id }, wang)).message).toContain('不能提前结束表决');
    expect(await call(app, 'review.list', { filter: 'community', communityId }, wang)).toEqual([]);
  });
});

describe('the books with 复核 on', () => {
  async function books() {
    const { app, wang, li, zhao } = await setup();
    const communityId = await community(app, wang, '复核小区', true);
    const households = (await call(app, 'fund.households', { communityId, limit: 100 }, wang)).rows;
    const part = (address: string) => households.find((h) => h.address === address)!.partId;
    const deposit = await call(app, 'fund.deposit', { partId: part('1幢101'), amount: '5000', date: '2026-10-01', payer: '业主' }, wang);
    await call(app, 'fund.deposit', { partId: part('1幢102'), amount: '5000', date: '2026-10-01', payer: '业主' }, wang);
    return { app, wang, li, zhao, communityId, deposit, part };
  }

  it('a reversal waits; rejected, nothing changed and the reason kept; asked again and withdrawn; asked again and confirmed', async () => {
    const { app, wang, li, communityId, deposit } = await books();
    const entries = async () => (await call(app, 'ledger.entries', { communityId }, wang)).total;
    const before = await entries();
    const asked = await call(app, 'ledger.reverse', { id: deposit.id, date: '2026-10-05', reason: '房号录错' }, wang);
    expect(asked).toMatchObject({ id: deposit.id, reversedById: null, review: { action: 'ledger.reverse', summary: expect.stringContaining('冲销第 1 号凭证') } });
    expect(await entries()).toBe(before);

    const rejected = await call(app, 'review.reject', { id: asked.review!.id, reason: '原凭证无误，不应冲销' }, li);
    expect(rejected).toMatchObject({ status: 'rejected', reason: '原凭证无误，不应冲销', decidedBy: '李会计（li）' });
    expect(await entries()).toBe(before);
    expect((await call(app, 'ledger.entry', { id: deposit.id }, wang)).reversedById).toBeNull();
    expect((await callError(app, 'review.confirm', { id: asked.review!.id }, li)).message).toContain('退回，不能再次处理');

    // Nothing waits now: it may be asked again, and the person who asked withdraws it.
    const again = await call(app, 'ledger.reverse', { id: deposit.id, date: '2026-10-05', reason: '房号录错' }, wang);
    expect((await call(app, 'review.reject', { id: again.review!.id, reason: '先核对原始单据' }, wang)).status).toBe('withdrawn');
    expect(await entries()).toBe(before);

    const third = await call(app, 'ledger.reverse', { id: deposit.id, date: '2026-10-05', reason: '房号录错' }, wang);
    await call(app, 'review.confirm', { id: third.review!.id }, li);
    const reversed = await call(app, 'ledger.entry', { id: deposit.id }, wang);
    expect(reversed.reversedById).not.toBeNull();
    const reversal = await call(app, 'ledger.entry', { id: reversed.reversedById! }, wang);
    expect(reversal).toMatchObject({ date: '2026-10-05', kind: 'reversal', reason: '房号录错', reversesId: deposit.id });
    expect(await entries()).toBe(before + 1);
    expect((await call(app, 'review.list', { filter: 'community', communityId }, wang)).map((r) => r.status)).toEqual(['confirmed', 'withdrawn', 'rejected']);
  });

  it('closing a month waits, then closes with both names', async () => {
    const { app, wang, li, communityId } = await books();
    const asked = await call(app, 'ledger.closeMonth', { communityId, month: '2026-10' }, wang);
    expect(asked.closedThrough).toBeNull();
    expect(asked.review).toMatchObject({ action: 'ledger.closeMonth', summary: '结账：2026-10 及以前各月' });
    expect((await callError(app, 'ledger.closeMonth', { communityId, month: '2026-09' }, wang)).message).toContain('正在等待复核');
    expect((await callError(app, 'ledger.closeMonth', { communityId, month: '2099-01' }, li)).message).toContain('正在等待复核');
    expect((await callError(app, 'review.confirm', { id: asked.review!.id }, wang)).message).toContain('不能复核自己提交的操作');
    await call(app, 'review.confirm', { id: asked.review!.id }, li);
    expect((await call(app, 'ledger.books', { communityId }, wang)).closedThrough).toBe('2026-10');
    const log = await call(app, 'audit.list', { entity: 'ledger', entityId: communityId, offset: 0, limit: 10 }, wang);
    expect(log.rows[0]).toMatchObject({ action: 'close-month', author: '王主任（admin）提交，李会计（li）复核' });
  });

  it('a repair’s charge waits; confirmed, its shares are the preview’s', async () => {
    const { app, wang, li, communityId, part } = await books();
    const b1 = (await call(app, 'community.buildings', { id: communityId }, wang)).find((b) => b.name === '1幢')!.id;
    const voteId = await votedVote(app, wang, communityId, 5);
    // The vote's close waits too: the second person confirms it before the project can stand on it.
    const voteClose = await call(app, 'vote.close', { id: voteId }, wang);
    await call(app, 'review.confirm', { id: voteClose.review!.id }, li);
    const project = await call(app, 'repair.create', {
      communityId, title: '1幢外墙维修', scope: { kind: 'places', places: [{ buildingId: b1 }] }, estimate: '1000.00', contractor: '某建筑公司', approval: 'vote', voteId,
    }, wang);
    await call(app, 'repair.notice', { projectId: project.id, date: '2026-10-22' }, wang);
    const preview = await call(app, 'repair.previewCharge', { projectId: project.id, finalCost: '1000.00' }, wang);
    const asked = await call(app, 'repair.charge', { projectId: project.id, date: '2026-11-03', finalCost: '1000.00' }, wang);
    expect(asked).toMatchObject({ status: 'approved', charge: null, review: { action: 'repair.charge', summary: '“1幢外墙维修”决算 1,000.00 元按面积分摊（1幢），记账日期 2026-11-03' } });
    expect((await call(app, 'fund.subLedger', { partId: part('1幢102') }, wang)).household.balance).toBe('5000.00');
    await call(app, 'review.confirm', { id: asked.review!.id }, li);
    const charged = await call(app, 'repair.get', { id: project.id }, wang);
    expect(charged.status).toBe('charged');
    expect(charged.charge!.shares.map((s) => [s.address, s.amount])).toEqual(preview.shares.map((s) => [s.address, s.amount]));
  });
});

describe('the CLI with 复核 on', () => {
  it('`vote close` asks like anyone else (the CLI has no account: its name tells it apart), and a person in the app confirms', async () => {
    const { app, wang } = await setup();
    const communityId = await community(app, wang, '复核小区', true);
    const voteId = await votedVote(app, wang, communityId);
    const asked = runCli(app.dataDir, 'vote', 'close', '--vote', voteId);
    expect(asked).toMatchObject({ code: 0, json: { id: voteId, status: 'open', closedAt: null, review: { status: 'pending' } } });
    const [review] = await call(app, 'review.list', { filter: 'toConfirm' }, wang);
    expect(review).toMatchObject({ id: asked.json.review.id, requestedBy: expect.stringMatching(/^CLI:/), canConfirm: true });
    await call(app, 'review.confirm', { id: review!.id }, wang);
    expect((await call(app, 'vote.get', { id: voteId }, wang)).closedBy).toMatch(/^CLI:.+提交，王主任（admin）复核$/);
  });
});

describe('a decided review is a record of its own', () => {
  it('the database refuses to change or delete it', async () => {
    const { app, wang, li } = await setup();
    const communityId = await community(app, wang, '复核小区', true);
    const voteId = await votedVote(app, wang, communityId);
    const asked = await call(app, 'vote.close', { id: voteId }, wang);
    const db = new Database(app.dbPath);
    try {
      // While it waits, what was asked cannot be rewritten either.
      expect(() => db.prepare("update reviews set input = '{}' where id = ?").run(asked.review!.id)).toThrow('复核记录所提交的内容不能修改');
      await call(app, 'review.confirm', { id: asked.review!.id }, li);
      expect(() => db.prepare("update reviews set status = 'pending' where id = ?").run(asked.review!.id)).toThrow('已处理的复核记录不能修改');
      expect(() => db.prepare('delete from reviews where id = ?').run(asked.review!.id)).toThrow('复核记录不能删除');
    } finally {
      db.close();
    }
  });
});
