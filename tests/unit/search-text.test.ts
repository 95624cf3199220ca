import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BREAK_TOKEN, indexTokens, matchExpression, snippetOf } from '../../shared/domain/search-text';

/** An in-memory FTS5 table, as the app creates it, to check matching end to end. */
function searcher(docs: string[]) {
  const db = new Database(':memory:');
  db.exec("create virtual table f using fts5(tokens, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')");
  const insert = db.prepare('insert into f (rowid, tokens) values (?, ?)');
  docs.forEach((d, i) => insert.run(i + 1, indexTokens(d)));
  const find = db.prepare('select rowid from f where f match ? order by rowid').pluck();
  return (q: string) => {
    const m = matchExpression(q);
    return m === null ? [] : (find.all(m) as number[]).map((id) => id - 1);
  };
}

describe('Chinese search tokens', () => {
  it('indexes pairs per run, words whole, and every character alone', () => {
    expect(indexTokens('业主大会，3号楼')).toBe(`业主 主大 大会 ${BREAK_TOKEN} 3 号楼 ${BREAK_TOKEN} 业 主 大 会 号 楼`);
    expect(indexTokens('ＡＢＣ物业 2026年')).toBe(`abc 物业 ${BREAK_TOKEN} 2026 年 ${BREAK_TOKEN} 物 业 年`);
    expect(indexTokens('')).toBe('');
  });

  it('finds words of one, two and more characters, and nothing that is not there', () => {
    const find = searcher(['召开业主大会，讨论电梯更换', '物业费调整', '业委会换届选举。电梯维修', '大会。会决定', '3号楼电梯', '13号楼']);
    expect(find('梯')).toEqual([0, 2, 4]);
    expect(find('电梯')).toEqual([0, 2, 4]);
    expect(find('3号楼')).toEqual([4]); // not 13号楼
    expect(find('号楼')).toEqual([4, 5]);
    expect(find('业主大会')).toEqual([0]);
    expect(find('主业')).toEqual([]);
    expect(find('大会决')).toEqual([]); // 大会。会决: no phrase across punctuation
    expect(find('电梯 换届')).toEqual([2]); // several words: all of them
    expect(find('，。')).toEqual([]);
  });

  it('a query always finds a document that contains it', () => {
    const han = fc.constantFrom(...'业主大会委员物电梯费用维修议事监督'.split(''));
    fc.assert(fc.property(fc.array(han, { minLength: 1, maxLength: 40 }), fc.nat(), fc.integer({ min: 1, max: 6 }), (chars, at, len) => {
      const doc = chars.join('');
      const start = at % chars.length;
      const query = chars.slice(start, start + len).join('');
      expect(searcher([doc])(query)).toEqual([0]);
    }));
  });

  it('a snippet shows the passage around the first match', () => {
    const body = `${'甲'.repeat(50)}讨论电梯更换${'乙'.repeat(50)}`;
    const s = snippetOf(body, '电梯', 5);
    expect(s.text).toBe('…甲甲甲讨论电梯更换乙乙乙…');
    expect(s.text.slice(s.match![0], s.match![1])).toBe('电梯');
    expect(snippetOf('没有', '电梯').match).toBeNull();
  });
});
