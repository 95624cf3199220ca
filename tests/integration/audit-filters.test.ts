/**
 * The audit log's filters (issue 16): by person, community (found from each row's record: the log keeps no
 * community of its own), kind of action, record, office-day range, the views of full personal data; the export
 * holds the same rows in words. Every kind of record a community owns is placed in it.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call, loggedInApp } from '../helpers';

async function setUp() {
  const { app, session } = await loggedInApp();
  const a = await call(app, 'community.create', { name: '和平小区', address: '南湖路1号' }, session);
  const b = await call(app, 'community.create', { name: '幸福小区', address: '北湖路2号' }, session);
  const part = await call(app, 'part.create', { communityId: a.id, building: '1幢', entrance: '1单元', room: '101', area: '89.5' }, session);
  const person = await call(app, 'person.create', { communityId: a.id, name: '张三', document: '', phone: '13812345678' }, session);
  await call(app, 'part.setOwners', { partId: part.partId, personIds: [person.id], date: '2026-01-05' }, session);
  await call(app, 'person.get', { id: person.id }, session);
  const vote = await call(app, 'vote.create', { communityId: a.id, title: '续聘物业', opens: '2026-11-01', closes: '2026-11-20', items: [{ title: '续聘物业服务企业', category: 4 }] }, session);
  const subject = (await call(app, 'vote.subjects', { voteId: vote.id, limit: 1 }, session)).rows[0]!;
  await call(app, 'ballot.record', { voteId: vote.id, subjectId: subject.id, choices: [{ itemId: vote.items[0]!.id, choice: 'yes' }] }, session);
  const matter = await call(app, 'matter.create', { communityId: b.id, title: '加装电梯' }, session);
  return { app, session, a, b, person, vote, matter };
}

describe('audit.list filters', () => {
  it('finds each row’s community from its record, and filters by it', async () => {
    const { app, session, a, b, person, vote, matter } = await setUp();
    const all = await call(app, 'audit.list', { limit: 500 }, session);
    const ofA = await call(app, 'audit.list', { communityId: a.id, limit: 500 }, session);
    const ofB = await call(app, 'audit.list', { communityId: b.id, limit: 500 }, session);
    expect(ofA.rows.every((r) => r.communityId === a.id)).toBe(true);
    expect(ofB.rows.every((r) => r.communityId === b.id)).toBe(true);
    expect(ofA.rows.map((r) => r.entity)).toEqual(expect.arrayContaining(['community', 'part', 'person', 'vote', 'ballot']));
    expect(ofB.rows.map((r) => r.entityId)).toEqual(expect.arrayContaining([b.id, matter.id]));
    // The office's own rows (the administrator's account) belong to no community.
    const office = all.rows.filter((r) => r.communityId === null);
    expect(office.map((r) => r.entity)).toContain('user');
    expect(ofA.total + ofB.total + office.length).toBe(all.total);
    // The record's page's link: a vote's history, its ballots included.
    const history = await call(app, 'audit.list', { entity: 'vote', entityId: vote.id, limit: 50 }, session);
    expect(history.rows.map((r) => r.action)).toEqual(['create']);
    const personHistory = await call(app, 'audit.list', { entity: 'person', entityId: person.id, limit: 50 }, session);
    expect(personHistory.rows.map((r) => r.action).sort()).toEqual(['create', 'view-full-phone']);
  });

  it('filters by person, kind of action, date range and the views of full personal data', async () => {
    const { app, session } = await setUp();
    const views = await call(app, 'audit.list', { personalDataViews: true, limit: 50 }, session);
    expect(views.rows.map((r) => r.action)).toEqual(['view-full-phone']);
    expect(views.rows[0]!.after).toMatchObject({ name: '张三' }); // who saw whose: the person by name (and their community)
    const creates = await call(app, 'audit.list', { actions: ['create'], limit: 500 }, session);
    expect(creates.rows.length).toBeGreaterThan(3);
    expect(creates.rows.every((r) => r.action === 'create')).toBe(true);
    // The default workflows are written by 系统 at first start; everything else by the administrator.
    const authors = (await call(app, 'audit.authors', {}, session)).authors;
    expect(authors.sort()).toEqual(['王主任（admin）', '系统'].sort());
    const byEach = await Promise.all(authors.map(async (author) => (await call(app, 'audit.list', { author, limit: 500 }, session)).rows));
    expect(byEach.every((rows, i) => rows.length > 0 && rows.every((r) => r.author === authors[i]))).toBe(true);
    expect(byEach.flat().length).toBe((await call(app, 'audit.list', { limit: 1 }, session)).total);
    expect((await call(app, 'audit.list', { author: '别人', limit: 1 }, session)).total).toBe(0);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect((await call(app, 'audit.list', { from: today, to: today, limit: 1 }, session)).total).toBeGreaterThan(0);
    expect((await call(app, 'audit.list', { to: '2020-01-01', limit: 1 }, session)).total).toBe(0);
  });

  it('exports the filtered rows in words', async () => {
    const { app, session, a } = await setUp();
    const file = await call(app, 'audit.export', { communityId: a.id }, session);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('操作日志')!;
    const rows = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(sheet.getRow(1).values).toEqual([undefined, '时间', '操作人', '小区', '操作', '对象', '编号', '修改前', '修改后']);
    expect(rows.length).toBe((await call(app, 'audit.list', { communityId: a.id, limit: 1 }, session)).total);
    expect(rows.every((r) => r[2] === '和平小区')).toBe(true);
    expect(rows.map((r) => r[3])).toEqual(expect.arrayContaining(['新建', '查看完整电话', '录入表决票']));
  });
});
