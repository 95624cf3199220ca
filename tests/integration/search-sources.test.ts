/**
 * Issue 15: search finds meeting agendas, votes and issues beside minutes and matters, each opening
 * its record; an issue's reporter stays out of the index; records written before they were
 * searchable are indexed at the next start.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRosterWorkbook } from '../../main/files/roster-workbook';
import { generateRoster } from '../fixtures/roster-generator';
import { call, loggedInApp, tempDir, testApp } from '../helpers';

describe('search across agendas, votes and issues', () => {
  it('finds each with its type and the record to open, never by a reporter, and fills the index for older records at start', async () => {
    const dataDir = tempDir();
    const { app, session } = await loggedInApp(dataDir);
    const xlsx = await writeRosterWorkbook(generateRoster({ parts: 12, seed: 3 }));
    const { communityId } = await call(app, 'roster.import', { file: { fileName: 'roster.xlsx', base64: xlsx.toString('base64') }, community: { name: '检索小区' } }, session);
    const meeting = await call(app, 'meeting.create', { communityId, kind: '联席会议', title: '12月联席会议', date: '2026-12-02', agenda: [{ title: '地下车库渗水处理' }] }, session);
    const vote = await call(app, 'vote.create', { communityId, title: '外墙防水维修表决', opens: '2026-11-01', closes: '2026-11-20', items: [{ title: '使用维修资金修缮外墙', category: 6 }] }, session);
    const issue = await call(app, 'issue.create', {
      communityId, title: '路灯不亮', category: '其他', reportedAt: '2026-12-01T09:00', reporter: '孙八', place: '北门', description: '北门两盏路灯夜间不亮',
    }, session);

    const find = async (text: string) => (await call(app, 'search.query', { communityId, text }, session)).hits.map((h) => [h.type, h.id, h.meetingId]);
    expect(await find('渗水')).toEqual([['agenda', meeting.id, meeting.id]]);
    // The vote and the owners' assembly it is held by (its agenda is the vote's items).
    expect(await find('外墙')).toEqual([['agenda', vote.meetingId, vote.meetingId], ['vote', vote.id, null]]);
    expect(await find('路灯')).toEqual([['issue', issue.id, null]]);
    expect(await find('孙八')).toEqual([]);
    // An edited issue is found by its new words only.
    await call(app, 'issue.update', { id: issue.id, title: '路灯不亮', category: '其他', reporter: '孙八', place: '北门', description: '北门路灯线路老化' }, session);
    expect(await find('老化')).toEqual([['issue', issue.id, null]]);
    expect(await find('夜间')).toEqual([]);

    // Older databases: entries missing (as before issue 15) are written at the next start.
    app.close();
    const sqlite = new Database(path.join(dataDir, 'sanfang.sqlite'));
    const rowids = sqlite.prepare("select rowid from search_docs where doc_type in ('agenda', 'vote', 'issue')").pluck().all();
    expect(rowids).toHaveLength(4);
    for (const rowid of rowids) {
      sqlite.prepare('delete from search_fts where rowid = ?').run(rowid);
      sqlite.prepare('delete from search_docs where rowid = ?').run(rowid);
    }
    sqlite.close();
    const reopened = await testApp(dataDir);
    const { session: again } = await call(reopened, 'auth.login', { username: 'admin', password: 'correct horse' });
    const hits = async (text: string) => (await call(reopened, 'search.query', { communityId, text }, again)).hits.map((h) => h.type);
    expect([await hits('渗水'), (await hits('外墙')).sort(), await hits('老化')]).toEqual([['agenda'], ['agenda', 'vote'], ['issue']]);
  });
});
