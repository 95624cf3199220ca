/**
 * Issue 3's search figure: 10,000 minutes of about 2,000 Chinese characters in
 * the index, searched for a two-character word through the service behind
 * `search.query` (hits, titles, snippets), beside the bare FTS5 query on the
 * same table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../main/db/connection';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { indexDocument } from '../../main/services/system/search-index';
import { searchGovernance } from '../../main/services/system/search-governance';
import { matchExpression } from '../../shared/domain/search-text';
import { requireDataKeys } from '../../main/security/data-key';

type Report = (name: string, app: number, baseline: number, target: string) => void;

const WORDS = ['业主', '大会', '电梯', '维修', '资金', '物业', '服务', '合同', '委员会', '表决', '公示', '停车', '绿化', '消防',
  '安全', '居民', '社区', '街道', '党支部', '议事', '监督', '预算', '收益', '改造', '屋面', '防水', '照明', '垃圾', '分类', '养老',
  '托幼', '纠纷', '调解', '备案', '决议', '实施', '通知', '会议', '纪要', '讨论', '同意', '反对', '弃权', '整改', '巡查'];

function minutesText(random: () => number, chars: number): string {
  let text = '';
  while (text.length < chars) {
    const n = 4 + Math.floor(random() * 8);
    for (let i = 0; i < n; i++) text += WORDS[Math.floor(random() * WORDS.length)];
    text += random() < 0.7 ? '，' : '。';
  }
  return text;
}

export async function benchSearch(report: Report, docs = 10_000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-search-'));
  const { db, sqlite } = await openDatabase(path.join(dir, 'sanfang.sqlite'), MIGRATIONS_DIR, path.join(dir, 'backups'));
  const ctx = { db, sqlite, dataDir: dir, backupDir: path.join(dir, 'backups'), migrationsDir: MIGRATIONS_DIR, keys: requireDataKeys(sqlite, path.join(dir, 'sanfang.sqlite')) };
  sqlite.prepare("insert into communities (id, name, created_at, updated_at) values ('c1', '基准小区', 't', 't')").run();
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const t0 = performance.now();
  sqlite.transaction(() => {
    for (let i = 0; i < docs; i++) {
      indexDocument(sqlite, { communityId: 'c1', type: 'minutes', id: `m${i}`, title: `第${i + 1}次会议纪要`, body: minutesText(random, 2000) });
    }
  })();
  console.log(`search: indexed ${docs} documents of ~2,000 characters in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const bare = sqlite.prepare('select rowid from search_fts where search_fts match ? order by rowid desc limit 20').pluck();
  for (const word of ['电梯', '纠纷']) {
    const match = matchExpression(word)!;
    const app: number[] = [];
    const raw: number[] = [];
    let hits = 0;
    for (let i = 0; i < 9; i++) {
      let t = performance.now();
      hits = searchGovernance(ctx, 'c1', word, 20).length;
      app.push(performance.now() - t);
      t = performance.now();
      bare.all(match);
      raw.push(performance.now() - t);
    }
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    report(`search ${docs} minutes for “${word}” (${hits} shown)`, median(app), median(raw), '≤ 50 ms');
  }
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
