/**
 * Returned ballots from xlsx: `楼栋 | 单元 | 房号 | 议题1 | 议题2 | … [| 有效 | 备注]`,
 * one row per returned ballot naming any address of its subject, 同意/反对/弃权
 * per item in the order the items were created. All or nothing, every problem
 * listed by row and column.
 */
import { AppError } from '../../shared/contract/errors';
import type { RowError } from '../../shared/domain/roster-rows';
import type { Choice } from '../../shared/domain/tally';
import { readSheetRows } from '../files/sheet-rows';
import { write, type Actor, type ServiceContext } from './context';
import { ballotWriter } from './ballots';
import { voteRow } from './votes';

const CHOICE_WORDS: Record<string, Choice> = { 同意: 'yes', 赞成: 'yes', 反对: 'no', 不同意: 'no', 弃权: 'abstain', '': 'blank' };
const VALID_WORDS: Record<string, boolean> = { '': true, 是: true, 有效: true, 否: false, 无效: false };

interface ParsedBallot {
  row: number;
  subjectId: string;
  valid: boolean;
  note: string;
  choices: { itemId: string; choice: Choice; area: number }[];
}

/** Read and check the whole file against the vote's frozen electorate; nothing is written. */
async function parse(ctx: ServiceContext, voteId: string, base64: string): Promise<{ ballots: ParsedBallot[]; errors: RowError[] }> {
  const vote = voteRow(ctx, voteId);
  const items = ctx.sqlite.prepare('select id, title from vote_items where vote_id = ? order by position').all(voteId) as { id: string; title: string }[];
  const { header, rows } = await readSheetRows(base64);
  const errors: RowError[] = [];
  const trimmed = header.slice(0, header.reduce((last, h, i) => (h !== '' ? i + 1 : last), 0));
  const optional = trimmed.slice(3 + items.length);
  const expected = `第1行应为表头：楼栋 | 单元 | 房号 | ${items.map((_, i) => `议题${i + 1}`).join(' | ')} [| 有效 | 备注]（议题按创建顺序，共${items.length}项）`;
  if (trimmed[0] !== '楼栋' || trimmed[1] !== '单元' || trimmed[2] !== '房号' || trimmed.length < 3 + items.length
    || optional.some((h) => h !== '有效' && h !== '备注')) {
    return { ballots: [], errors: [{ row: 1, message: expected }] };
  }
  const validCol = trimmed.indexOf('有效', 3 + items.length);
  const noteCol = trimmed.indexOf('备注', 3 + items.length);
  if (rows.length === 0) return { ballots: [], errors: [{ row: null, message: '文件中没有数据行' }] };

  // Every address of the vote's frozen electorate → its subject.
  const subjectOf = new Map<string, string>();
  // The addresses as frozen with the electorate (and printed on the ballots), not as the register reads today.
  for (const r of ctx.sqlite.prepare(`select building_name as building, entrance_name as entrance, room, subject_id as subjectId
      from vote_subject_parts where vote_id = ?`).all(voteId) as { building: string; entrance: string; room: string; subjectId: string }[]) {
    subjectOf.set(`${r.building}\u0000${r.entrance}\u0000${r.room}`, r.subjectId);
  }
  const scopeArea = new Map<string, number>();
  for (const r of ctx.sqlite.prepare('select vis.item_id || \'/\' || vis.subject_id as k, vis.area from vote_item_subjects vis join vote_items i on i.id = vis.item_id where i.vote_id = ?')
    .raw().all(voteId) as [string, number][]) scopeArea.set(r[0], r[1]);
  const recorded = new Set(ctx.sqlite.prepare('select subject_id from ballots where vote_id = ? and superseded_by is null').pluck().all(voteId) as string[]);
  const seen = new Map<string, number>();
  const ballots: ParsedBallot[] = [];

  for (const { row, cells } of rows) {
    const [building = '', entrance = '', room = ''] = cells;
    const address = `${building}${entrance}${room}`;
    if (building === '' || room === '') {
      errors.push({ row, column: building === '' ? '楼栋' : '房号', message: `第${row}行缺少${building === '' ? '楼栋' : '房号'}` });
      continue;
    }
    const subjectId = subjectOf.get(`${building}\u0000${entrance}\u0000${room}`);
    if (!subjectId) {
      errors.push({ row, column: '房号', message: `第${row}行：${address} 不在本次表决的表决权人名单中（地址有误，或该专有部分不计入表决）` });
      continue;
    }
    const first = seen.get(subjectId);
    if (first !== undefined) errors.push({ row, column: '房号', message: `第${row}行与第${first}行是同一表决权人（${address}），同一表决权人只能有一张票` });
    else seen.set(subjectId, row);
    if (recorded.has(subjectId)) errors.push({ row, column: '房号', message: `第${row}行：${address} 的表决权人在本次表决中已有表决票` });
    const validText = validCol >= 0 ? cells[validCol] ?? '' : '';
    const valid = VALID_WORDS[validText];
    if (valid === undefined) errors.push({ row, column: '有效', message: `第${row}行“有效”应为“是”、“否”或留空，此处为“${validText}”` });
    const note = noteCol >= 0 ? cells[noteCol] ?? '' : '';
    if (valid === false && note === '') errors.push({ row, column: '备注', message: `第${row}行为无效票，请在“备注”中写明原因` });
    const choices: ParsedBallot['choices'] = [];
    items.forEach((item, i) => {
      const text = cells[3 + i] ?? '';
      const column = `议题${i + 1}`;
      const choice = CHOICE_WORDS[text];
      if (choice === undefined) {
        errors.push({ row, column, message: `第${row}行${column}应为“同意”、“反对”、“弃权”或留空，此处为“${text}”` });
        return;
      }
      const area = scopeArea.get(`${item.id}/${subjectId}`);
      if (area === undefined) {
        if (text !== '') errors.push({ row, column, message: `第${row}行：${address} 的表决权人在议题“${item.title}”的范围内没有专有部分，此格应留空` });
        return;
      }
      choices.push({ itemId: item.id, choice, area });
    });
    ballots.push({ row, subjectId, valid: valid ?? true, note, choices });
  }
  if (vote.status === 'closed') errors.unshift({ row: null, message: '表决已结束，不能再导入表决票' });
  return { ballots, errors };
}

export async function previewBallotImport(ctx: ServiceContext, input: { voteId: string; file: { fileName: string; base64: string } }) {
  const { ballots, errors } = await parse(ctx, input.voteId, input.file.base64);
  return { ok: errors.length === 0, errors, rows: ballots.length };
}

export async function importBallots(ctx: ServiceContext, actor: Actor, input: { voteId: string; file: { fileName: string; base64: string } }) {
  const { ballots, errors } = await parse(ctx, input.voteId, input.file.base64);
  if (errors.length > 0) throw new AppError('VALIDATION', `表决票文件中有 ${errors.length} 处问题，未导入任何表决票`, errors);
  write(ctx, actor, (tx) => {
    // Reading a large file takes seconds: the vote may have closed, or ballots been entered, meanwhile.
    if (voteRow(ctx, input.voteId).status === 'closed') throw new AppError('REFUSED', '表决已结束，不能再导入表决票');
    const taken = new Set(ctx.sqlite.prepare('select subject_id from ballots where vote_id = ? and superseded_by is null').pluck().all(input.voteId) as string[]);
    const clash = ballots.find((b) => taken.has(b.subjectId));
    if (clash) throw new AppError('VALIDATION', `第${clash.row}行的表决权人在读取文件期间已录入表决票，未导入任何表决票，请重新导入`, [{ row: clash.row, column: '房号', message: '该表决权人在读取文件期间已录入表决票' }]);
    const insert = ballotWriter(ctx, actor);
    for (const b of ballots) {
      insert(input.voteId, b.subjectId, {
        choices: [], valid: b.valid, invalidReason: b.valid ? '' : b.note, channel: '导入', proxyHolder: '', proxyDocument: '', note: b.valid ? b.note : '',
      }, b.choices);
    }
    tx.audit({ action: 'import', entity: 'ballot', entityId: input.voteId, after: { fileName: input.file.fileName, recorded: ballots.length } });
  });
  return { recorded: ballots.length };
}
