/**
 * Returned ballots from xlsx or CSV: `楼栋 | 单元 | 房号 | 议题1 | 议题2 | … [| 有效 | 备注]`,
 * one row per returned ballot naming any address of its subject, 同意/反对/弃权
 * per item. Columns are found by their header, in any order: an item's column
 * is headed `议题N` (N its number in the vote) or the item's title; a missing,
 * unknown or repeated item column refuses the file, naming it. All or
 * nothing, every problem listed by row and column.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { AppError, rowProblems } from '../../../shared/contract/errors';
import { FILE_LIMITS } from '../../../shared/domain/file-limits';
import type { RowError } from '../../../shared/domain/roster-rows';
import type { Choice } from '../../../shared/domain/tally';
import { toHalfWidth } from '../../../shared/domain/text';
import { checkedTuple } from '../../db/rows';
import { ballots as ballotsTable, voteItems } from '../../db/schema/votes';
import { cellString } from '../../files/cells';
import { mergeErrors, readTableFile, type TableSpec } from '../../files/table-file';
import { write, type Actor, type ServiceContext } from '../context';
import { insertBallots } from './ballots';
import { voteRow } from './vote-record';

const CHOICE_WORDS: Record<string, Choice> = { 同意: 'yes', 赞成: 'yes', 反对: 'no', 不同意: 'no', 弃权: 'abstain', '': 'blank' };
const VALID_WORDS: Record<string, boolean> = { '': true, 是: true, 有效: true, 否: false, 无效: false };

interface ParsedBallot {
  row: number;
  subjectId: string;
  valid: boolean;
  note: string;
  choices: { itemId: string; choice: Choice; area: number }[];
}

/** The subjects of a vote that have a current ballot. */
function subjectsWithBallots(ctx: ServiceContext, voteId: string): Set<string> {
  return new Set(ctx.db.select({ subjectId: ballotsTable.subjectId }).from(ballotsTable)
    .where(and(eq(ballotsTable.voteId, voteId), isNull(ballotsTable.supersededBy))).all().map((b) => b.subjectId));
}

/** The columns of a vote's ballot file: the address, one per item (议题N or its title), 有效 and 备注 if wanted. */
export function ballotFileSpec(items: readonly { title: string }[]): TableSpec {
  const itemList = items.map((item, i) => `议题${i + 1}“${item.title}”`).join('、');
  return {
    what: '表决票文件',
    template: '表决票导入格式',
    rowIs: '一张交回的表决票',
    columns: [
      { header: '楼栋' }, { header: '单元' }, { header: '房号' },
      ...items.map((item, i) => ({ header: `议题${i + 1}`, aliases: [item.title] })),
      { header: '有效', optional: true },
      { header: '备注', optional: true, maxChars: FILE_LIMITS.textChars },
    ],
    otherColumns: 'refuse',
    headerNote: `议题列的列名写“议题1”“议题2”…或议题的标题（本次表决：${itemList}）；没有单元的楼栋保留“单元”列并留空`,
    unknownColumn: (header) => (/^议题\d+$/.test(toHalfWidth(header).replace(/\s+/g, ''))
      ? `列“${header}”不是本次表决的议题：本次表决共 ${items.length} 项议题（${itemList}）。请删除这一列，或改正列名`
      : undefined),
  };
}

/** Read and check the whole file against the vote's frozen electorate; nothing is written. */
async function parse(ctx: ServiceContext, voteId: string, file: { fileName: string; base64: string }): Promise<{ ballots: ParsedBallot[]; errors: RowError[] }> {
  const vote = voteRow(ctx, voteId);
  const items = ctx.db.select({ id: voteItems.id, title: voteItems.title }).from(voteItems).where(eq(voteItems.voteId, voteId)).orderBy(voteItems.position).all();
  const read = await readTableFile(file.fileName, Buffer.from(file.base64, 'base64'), ballotFileSpec(items));
  const errors: RowError[] = [];
  if (read.rows.length === 0) return { ballots: [], errors: read.errors };

  // Every address of the vote's frozen electorate → its subject.
  const subjectOf = new Map<string, string>();
  // The addresses as frozen with the electorate (and printed on the ballots), not as the register reads today.
  // Row by row (iterate, not all): 80,000 rows held at once would cost more in garbage collection than they take to
  // read; raw, each row checked cell by cell (`checkedTuple`), since a zod schema or drizzle's mapping per row costs
  // tenths of a second on a 20,000-part vote (`npm run bench -- ballot-import`).
  let index = 0;
  for (const row of ctx.sqlite.prepare(`select building_name, entrance_name, room, subject_id
      from vote_subject_parts where vote_id = ?`).raw().iterate(voteId)) {
    const [building, entrance, room, subjectId] = checkedTuple(['text', 'text', 'text', 'text'], row, index++);
    subjectOf.set(`${building}\u0000${entrance}\u0000${room}`, subjectId);
  }
  // Each subject's area inside each item's scope, by the item's index (absent: outside the scope).
  const itemIndex = new Map(items.map((item, i) => [item.id, i]));
  const scopeAreas = new Map<string, (number | undefined)[]>();
  index = 0;
  for (const row of ctx.sqlite.prepare(`select vis.item_id, vis.subject_id, vis.area from vote_item_subjects vis
      join vote_items i on i.id = vis.item_id where i.vote_id = ?`).raw().iterate(voteId)) {
    const [itemId, subjectId, area] = checkedTuple(['text', 'text', 'integer'], row, index++);
    let areas = scopeAreas.get(subjectId);
    if (!areas) scopeAreas.set(subjectId, (areas = []));
    areas[itemIndex.get(itemId)!] = area;
  }
  const recorded = subjectsWithBallots(ctx, voteId);
  const seen = new Map<string, number>();
  const ballots: ParsedBallot[] = [];

  for (const { row, cells } of read.rows) {
    const building = cellString(cells['楼栋']);
    const entrance = cellString(cells['单元']);
    const room = cellString(cells['房号']);
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
    const validText = cellString(cells['有效']);
    const valid = VALID_WORDS[validText];
    if (valid === undefined) errors.push({ row, column: '有效', message: `第${row}行“有效”应为“是”、“否”或留空，此处为“${validText}”` });
    const note = cellString(cells['备注']);
    if (valid === false && note === '') errors.push({ row, column: '备注', message: `第${row}行为无效票，请在“备注”中写明原因` });
    const choices: ParsedBallot['choices'] = [];
    const areas = scopeAreas.get(subjectId) ?? [];
    items.forEach((item, i) => {
      const column = `议题${i + 1}`;
      const text = cellString(cells[column]);
      const choice = CHOICE_WORDS[text];
      if (choice === undefined) {
        errors.push({ row, column, message: `第${row}行${column}（${item.title}）应为“同意”、“反对”、“弃权”或留空，此处为“${text}”` });
        return;
      }
      const area = areas[i];
      if (area === undefined) {
        if (text !== '') errors.push({ row, column, message: `第${row}行：${address} 的表决权人在议题“${item.title}”的范围内没有专有部分，此格应留空` });
        return;
      }
      choices.push({ itemId: item.id, choice, area });
    });
    ballots.push({ row, subjectId, valid: valid ?? true, note, choices });
  }
  if (vote.status === 'closed') errors.unshift({ row: null, message: '表决已结束，不能再导入表决票' });
  return { ballots, errors: mergeErrors(read.errors, errors) };
}

export async function previewBallotImport(ctx: ServiceContext, input: { voteId: string; file: { fileName: string; base64: string } }) {
  const { ballots, errors } = await parse(ctx, input.voteId, input.file);
  return { ok: errors.length === 0, errors, rows: ballots.length };
}

export async function importBallots(ctx: ServiceContext, actor: Actor, input: { voteId: string; file: { fileName: string; base64: string } }) {
  const { ballots, errors } = await parse(ctx, input.voteId, input.file);
  if (errors.length > 0) throw new AppError('VALIDATION', `表决票文件中有 ${errors.length} 处问题，未导入任何表决票`, rowProblems(errors));
  write(ctx, actor, (tx) => {
    // Reading a large file takes seconds: the vote may have closed, or ballots been entered, meanwhile.
    if (voteRow(ctx, input.voteId).status === 'closed') throw new AppError('REFUSED', '表决已结束，不能再导入表决票');
    const taken = subjectsWithBallots(ctx, input.voteId);
    const clash = ballots.find((b) => taken.has(b.subjectId));
    if (clash) throw new AppError('VALIDATION', `第${clash.row}行的表决权人在读取文件期间已录入表决票，未导入任何表决票，请重新导入`, rowProblems([{ row: clash.row, column: '房号', message: '该表决权人在读取文件期间已录入表决票' }]));
    insertBallots(ctx, actor, input.voteId, '导入', ballots.map((b) => ({
      subjectId: b.subjectId, valid: b.valid, invalidReason: b.valid ? '' : b.note, note: b.valid ? b.note : '', choices: b.choices,
    })));
    tx.audit({ action: 'import', entity: 'ballot', entityId: input.voteId, after: { fileName: input.file.fileName, recorded: ballots.length } });
  });
  return { recorded: ballots.length };
}
