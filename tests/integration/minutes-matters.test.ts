/** Minutes (versions, approval lock, diff, action items, attachments), matters through the workflow, and search. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import { todayInOffice } from '../../main/db/clock';
import { call, callError, loggedInApp } from '../helpers';

async function setup() {
  const { app, session } = await loggedInApp();
  const c = await call(app, 'community.create', { name: '和平小区', communityOffice: '和平社区' }, session);
  const m = await call(app, 'meeting.create', { communityId: c.id, kind: '联席会议', title: '11月联席会议', date: '2026-11-02', agenda: [{ title: '电梯更新' }] }, session);
  return { app, session, c, m };
}

const content = (decision: string, due = '2026-11-10') => ({
  attendees: '居委会：李主任；业委会：张主任；物业：赵经理', recorder: '王秘书',
  items: [{ title: '电梯更新', discussion: '3幢电梯故障频繁，居民反映强烈。', decision }],
  actions: [{ text: '提供三家报价', party: '物业', person: '赵经理', due }], other: '',
});

describe('minutes', () => {
  it('a draft is edited in place; approval locks it; a correction is a new version that keeps the old and shows the difference', async () => {
    const { app, session, m } = await setup();
    const v1 = await call(app, 'minutes.saveDraft', { meetingId: m.id, content: content('原则同意更新') }, session);
    const again = await call(app, 'minutes.saveDraft', { meetingId: m.id, content: content('同意更新3幢电梯') }, session);
    expect(again.id).toBe(v1.id);
    expect(again.version).toBe(1);
    const approved = await call(app, 'minutes.approve', { id: v1.id }, session);
    expect(approved).toMatchObject({ status: 'approved', approvedBy: '王主任（admin）' });

    const locked = await callError(app, 'minutes.saveDraft', { meetingId: m.id, content: content('改掉') }, session);
    expect(locked.code).toBe('REFUSED');
    expect(locked.message).toContain('已批准，不能再修改');
    expect((await callError(app, 'minutes.approve', { id: v1.id }, session)).code).toBe('REFUSED');

    const v2 = await call(app, 'minutes.correct', { id: v1.id, reason: '决定事项记录有误' }, session);
    expect(v2).toMatchObject({ version: 2, status: 'draft', supersedesId: v1.id, correctionReason: '决定事项记录有误' });
    await call(app, 'minutes.saveDraft', { meetingId: m.id, content: content('同意更新3幢、5幢电梯') }, session);
    const diff = await call(app, 'minutes.diff', { fromId: v1.id, toId: v2.id }, session);
    expect(diff.lines.filter((l) => l.op !== 'same')).toEqual([
      { op: 'removed', text: '  决定：同意更新3幢电梯', spans: [{ changed: false, text: '  决定：同意更新3幢电梯' }] },
      { op: 'added', text: '  决定：同意更新3幢、5幢电梯', spans: [
        { changed: false, text: '  决定：同意更新3幢' }, { changed: true, text: '、5幢' }, { changed: false, text: '电梯' },
      ] },
    ]);
    // The approved version is unchanged.
    expect((await call(app, 'minutes.get', { id: v1.id }, session)).content.items[0]!.decision).toBe('同意更新3幢电梯');
    expect((await call(app, 'minutes.list', { meetingId: m.id }, session)).map((v) => [v.version, v.status])).toEqual([[1, 'approved'], [2, 'draft']]);
    expect((await callError(app, 'minutes.correct', { id: v1.id, reason: '再改' }, session)).message).toContain('已有更新的第2版');
  });

  it('cannot approve minutes of a meeting that has not happened, or empty minutes', async () => {
    const { app, session, c, m } = await setup();
    const future = await call(app, 'meeting.create', { communityId: c.id, kind: '联席会议', title: '下月会议', date: addDays(todayInOffice(), 30) }, session);
    const draft = await call(app, 'minutes.saveDraft', { meetingId: future.id, content: content('x') }, session);
    expect((await callError(app, 'minutes.approve', { id: draft.id }, session)).message).toContain('尚未到');
    const empty = await call(app, 'minutes.saveDraft', { meetingId: m.id, content: { ...content('x'), items: [] } }, session);
    expect((await callError(app, 'minutes.approve', { id: empty.id }, session)).message).toContain('还没有任何议题内容');
  });

  it('tracks the approved action items: overdue, completed, carried over by a correction', async () => {
    const { app, session, c, m } = await setup();
    const v1 = await call(app, 'minutes.saveDraft', { meetingId: m.id, content: content('同意', '2026-11-10') }, session);
    await call(app, 'minutes.approve', { id: v1.id }, session);
    const open = await call(app, 'action.list', { communityId: c.id, filter: 'open' }, session);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ text: '提供三家报价', party: '物业', due: '2026-11-10', meetingTitle: '11月联席会议' });
    expect(open[0]!.state).toBe(todayInOffice() > '2026-11-10' ? 'overdue' : open[0]!.state);
    const done = await call(app, 'action.complete', { id: open[0]!.id, date: '2026-11-09' }, session);
    expect(done.state).toBe('done');
    expect(await call(app, 'action.list', { communityId: c.id, filter: 'open' }, session)).toEqual([]);
    // A correction that keeps the item keeps its completion; a new item is open.
    const v2 = await call(app, 'minutes.correct', { id: v1.id, reason: '补记待办' }, session);
    const c2 = content('同意');
    await call(app, 'minutes.saveDraft', { meetingId: m.id, content: { ...c2, actions: [...c2.actions, { text: '张贴公告', party: '业委会', person: '', due: '' }] } }, session);
    await call(app, 'minutes.approve', { id: v2.id }, session);
    const all = await call(app, 'action.list', { communityId: c.id, filter: 'all' }, session);
    expect(all.map((a) => [a.text, a.state])).toEqual([['提供三家报价', 'done'], ['张贴公告', 'open']]);
  });

  it('stores attachments under their hash in the data folder and returns them checked', async () => {
    const { app, session, m } = await setup();
    const bytes = Buffer.from('%PDF-1.4 扫描件');
    const a = await call(app, 'attachment.add', { ownerType: 'meeting', ownerId: m.id, file: { fileName: '签到表扫描.pdf', base64: bytes.toString('base64') } }, session);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(a).toMatchObject({ fileName: '签到表扫描.pdf', size: bytes.length, sha256: sha });
    const stored = path.join(app.dataDir, 'attachments', sha.slice(0, 2), `${sha}.pdf`);
    expect(fs.readFileSync(stored)).toEqual(bytes);
    const opened = await call(app, 'attachment.open', { id: a.id }, session);
    expect(opened).toEqual({ shown: 'viewer', file: { fileName: '签到表扫描.pdf', base64: bytes.toString('base64'), mime: 'application/pdf' } });
    expect(await call(app, 'attachment.list', { ownerType: 'meeting', ownerId: m.id }, session)).toHaveLength(1);
    // A changed file is reported, not shown.
    fs.writeFileSync(stored, 'tampered');
    expect((await callError(app, 'attachment.open', { id: a.id }, session)).message).toContain('已被改动');
    expect((await callError(app, 'attachment.add', { ownerType: 'matter', ownerId: m.id, file: { fileName: 'x.pdf', base64: 'eA==' } }, session)).code).toBe('NOT_FOUND');
  });
});

describe('matters through the default workflow', () => {
  it('records all eight steps in order with a meeting, posting periods and the filing body', async () => {
    const { app, session, c, m } = await setup();
    const matter = await call(app, 'matter.create', {
      communityId: c.id, title: '3幢电梯更新', category: '使用建筑物及其附属设施的维修资金', description: '3幢电梯使用已满20年，故障频繁。',
      raisedBy: '3幢业主代表', raisedOn: '2026-10-20',
    }, session);
    expect(matter.steps.map((s) => [s.key, s.done])).toHaveLength(8);
    // 提出日期 records the first step (the suggestion) on that date, audited like any step: the next one waits since then.
    expect(matter.steps[0]).toMatchObject({ key: 'suggest', done: true, date: '2026-10-20', note: '3幢业主代表提出', recordedBy: '王主任（admin）' });
    expect(matter.position).toMatchObject({ currentKey: 'propose', waitingSince: '2026-10-20' });
    const audit = await call(app, 'audit.list', { entity: 'matter', entityId: matter.id }, session);
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['advance', 'create']);
    const again = await callError(app, 'matter.advance', { id: matter.id, key: 'suggest', date: '2026-10-21' }, session);
    expect(again.message).toContain('已经记录');

    const outOfOrder = await callError(app, 'matter.advance', { id: matter.id, key: 'joint', date: '2026-10-21' }, session);
    expect(outOfOrder.message).toContain('下一步应为“小区党组织提议”');
    await call(app, 'matter.advance', { id: matter.id, key: 'propose', date: '2026-10-25' }, session);
    const early = await callError(app, 'matter.advance', { id: matter.id, key: 'joint', date: '2026-10-24', meetingId: m.id }, session);
    expect(early.message).toContain('早于上一步“小区党组织提议”的日期 2026-10-25');
    const joint = await call(app, 'matter.advance', { id: matter.id, key: 'joint', date: '2026-11-02', meetingId: m.id }, session);
    expect(joint.steps[2]).toMatchObject({ done: true, meetingId: m.id, meetingTitle: '11月联席会议', recordedBy: '王主任（admin）' });
    await call(app, 'matter.advance', { id: matter.id, key: 'party', date: '2026-11-05' }, session);
    await call(app, 'matter.advance', { id: matter.id, key: 'resolve', date: '2026-11-10' }, session);
    const noPosting = await callError(app, 'matter.advance', { id: matter.id, key: 'publish-resolution', date: '2026-11-11' }, session);
    expect(noPosting.message).toContain('须填写公示期');
    await call(app, 'matter.advance', { id: matter.id, key: 'publish-resolution', date: '2026-11-11', postingStart: '2026-11-11', postingEnd: '2026-11-18', noticeText: '经业主大会表决，同意使用维修资金更新3幢电梯。' }, session);
    await call(app, 'matter.advance', { id: matter.id, key: 'publish-result', date: '2026-11-20', postingStart: '2026-11-20', postingEnd: '2026-11-27', noticeText: '3幢电梯已更新完毕并通过验收。' }, session);
    const noBody = await callError(app, 'matter.advance', { id: matter.id, key: 'file', date: '2026-11-21' }, session);
    expect(noBody.message).toContain('接收备案的单位');
    const filed = await call(app, 'matter.advance', { id: matter.id, key: 'file', date: '2026-11-21', filingBody: '和平社区居委会' }, session);
    expect(filed.done).toBe(true);
    expect(filed.steps.every((s) => s.done)).toBe(true);
    expect(filed.steps.map((s) => s.date)).toEqual(['2026-10-20', '2026-10-25', '2026-11-02', '2026-11-05', '2026-11-10', '2026-11-11', '2026-11-20', '2026-11-21']);
    expect((await call(app, 'matter.list', { communityId: c.id }, session))[0]).toMatchObject({ done: true, stepIndex: 8, stepCount: 8 });
    const future = await callError(app, 'matter.advance', { id: matter.id, key: 'file', date: addDays(todayInOffice(), 1) }, session);
    expect(future.message).toContain('晚于今天');
  });

  it('a new workflow version applies to new matters; running ones keep theirs; optional steps are skipped with a reason', async () => {
    const { app, session, c } = await setup();
    const old = await call(app, 'matter.create', { communityId: c.id, title: '旧事项', raisedOn: '2026-11-01' }, session);
    const [def] = await call(app, 'workflow.list', {}, session);
    expect(def).toMatchObject({ isDefault: true, current: true, version: 1, name: '五议两公开一备案' });
    const steps = [...def!.steps];
    steps.splice(1, 0, { key: 'hearing', name: '听证会', kind: 'meeting', optional: true, expectedDays: 10 });
    const v2 = await call(app, 'workflow.save', { key: def!.key, name: def!.name, steps }, session);
    expect(v2).toMatchObject({ version: 2, current: true, isDefault: true });
    const fresh = await call(app, 'matter.create', { communityId: c.id, title: '新事项', raisedOn: '2026-11-01' }, session);
    expect(fresh.steps).toHaveLength(9);
    expect((await call(app, 'matter.get', { id: old.id }, session)).steps).toHaveLength(8);
    expect(fresh.steps[0]).toMatchObject({ key: 'suggest', done: true, date: '2026-11-01' });
    const noReason = await callError(app, 'matter.advance', { id: fresh.id, key: 'hearing', date: '2026-11-03', skipReason: '' }, session);
    expect(noReason.message).toContain('须写明理由');
    const skipped = await call(app, 'matter.advance', { id: fresh.id, key: 'hearing', date: '2026-11-03', skipReason: '无争议，不需听证' }, session);
    expect(skipped.steps[1]).toMatchObject({ done: true, skipped: true, skipReason: '无争议，不需听证' });
    expect(skipped.position.currentKey).toBe('propose');
    // An office's own workflow can become the default for new matters; running ones keep theirs.
    const own = await call(app, 'workflow.save', { name: '本小区简易流程', steps: [{ key: 'a', name: '受理', kind: 'plain', expectedDays: 5 }, { key: 'b', name: '办结', kind: 'filing', expectedDays: 5 }] }, session);
    expect(own.isDefault).toBe(false);
    const after = await call(app, 'workflow.setDefault', { key: own.key }, session);
    expect(after.filter((w) => w.isDefault).map((w) => w.name)).toEqual(['本小区简易流程']);
    const simple = await call(app, 'matter.create', { communityId: c.id, title: '简易事项', raisedOn: '2026-11-01' }, session);
    expect(simple.steps.map((s) => [s.name, s.date])).toEqual([['受理', '2026-11-01'], ['办结', null]]);
    expect((await call(app, 'matter.get', { id: fresh.id }, session)).steps).toHaveLength(9);
    const bad = await callError(app, 'workflow.save', { name: 'x', steps: [{ key: 'a', name: 'A', kind: 'plain', expectedDays: 1 }, { key: 'a', name: 'B', kind: 'plain', expectedDays: 1 }] }, session);
    expect(bad.message).toContain('与前面的步骤重复');
  });
});

describe('search across minutes and matters', () => {
  it('finds one- and two-character words with a snippet, within the community only', async () => {
    const { app, session, c, m } = await setup();
    await call(app, 'minutes.saveDraft', { meetingId: m.id, content: content('同意更新3幢电梯') }, session);
    await call(app, 'matter.create', { communityId: c.id, title: '垃圾分类亭改造', description: '东门垃圾亭漏水，需要改造。', raisedOn: '2026-11-01' }, session);
    const other = await call(app, 'community.create', { name: '幸福小区' }, session);
    await call(app, 'matter.create', { communityId: other.id, title: '电梯加装', description: '电梯', raisedOn: '2026-11-01' }, session);

    const lift = await call(app, 'search.query', { communityId: c.id, text: '电梯' }, session);
    // The meeting's agenda (电梯更新) is found too, the newer minutes first.
    expect(lift.hits.map((h) => [h.type, h.id, h.meetingId])).toEqual([['minutes', m.id, m.id], ['agenda', m.id, m.id]]);
    expect(lift.hits[0]!.title).toBe('2026-11-02 11月联席会议纪要');
    const { text, match } = lift.hits[0]!.snippet;
    expect(text.slice(match![0], match![1])).toBe('电梯');
    expect((await call(app, 'search.query', { communityId: c.id, text: '漏' }, session)).hits.map((h) => h.type)).toEqual(['matter']);
    expect((await call(app, 'search.query', { communityId: c.id, text: '地下室' }, session)).hits).toEqual([]);
  });
});
