import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { indexDocument, removeDocument, searchDocuments } from '../../main/services/system/search-index';
import { tempDir } from '../helpers';

async function db() {
  const dir = tempDir();
  const { sqlite } = await openDatabase(path.join(dir, 'sanfang.sqlite'), MIGRATIONS_DIR, path.join(dir, 'backups'));
  sqlite.prepare("insert into communities (id, name, created_at, updated_at) values ('c1', '甲小区', 't', 't'), ('c2', '乙小区', 't', 't')").run();
  return sqlite;
}

describe('the full-text index on a real database', () => {
  it('finds words of one, two and more characters, per community, newest first', async () => {
    const sqlite = await db();
    indexDocument(sqlite, { communityId: 'c1', type: 'minutes', id: 'm1', title: '三月联席会议纪要', body: '讨论3号楼电梯更换，业主大会表决。' });
    indexDocument(sqlite, { communityId: 'c1', type: 'matter', id: 'x1', title: '停车位改造', body: '地面停车位划线，电梯厅照明。' });
    indexDocument(sqlite, { communityId: 'c2', type: 'minutes', id: 'm2', title: '乙小区纪要', body: '电梯维修' });
    const ids = (q: string) => searchDocuments(sqlite, 'c1', q).map((h) => h.id);
    expect(ids('梯')).toEqual(['x1', 'm1']);
    expect(ids('电梯')).toEqual(['x1', 'm1']);
    expect(ids('电梯更换')).toEqual(['m1']);
    expect(ids('纪要')).toEqual(['m1']); // the title is indexed too
    expect(ids('维修')).toEqual([]); // another community's document
    const hit = searchDocuments(sqlite, 'c1', '业主大会')[0]!;
    expect(hit.snippet.text.slice(hit.snippet.match![0], hit.snippet.match![1])).toBe('业主大会');
  });

  it('a document re-indexed or removed is found only as it is now', async () => {
    const sqlite = await db();
    indexDocument(sqlite, { communityId: 'c1', type: 'minutes', id: 'm1', title: '纪要', body: '电梯更换' });
    indexDocument(sqlite, { communityId: 'c1', type: 'minutes', id: 'm1', title: '纪要（更正）', body: '屋面防水' });
    expect(searchDocuments(sqlite, 'c1', '电梯')).toEqual([]);
    expect(searchDocuments(sqlite, 'c1', '防水').map((h) => h.title)).toEqual(['纪要（更正）']);
    removeDocument(sqlite, 'minutes', 'm1');
    expect(searchDocuments(sqlite, 'c1', '防水')).toEqual([]);
    expect(sqlite.prepare('select count(*) from search_docs').pluck().get()).toBe(0);
  });
});
