/** Owners' votes: create with item specs, import ballots, tally, close. */
import path from 'node:path';
import type { App } from '../../app';
import { Refusal, type CommandSpec } from '../spec';
import { call, communityByName, readInputFile, withApp } from '../session';

const VOTE = { name: '--vote', value: 'ID', type: 'id', required: true, help: '表决编号（vote create 输出的 id）' } as const;

/** An item spec "TITLE|CATEGORY[|SCOPE]" with names resolved to the community's buildings and entrances. */
async function itemFromSpec(app: App, communityId: string, spec: string) {
  const [title = '', category = '', scope = '', ...rest] = spec.split('|').map((x) => x.trim());
  if (title === '' || rest.length > 0 || !/^[1-9]\d?$/.test(category)) {
    throw new Refusal([{ row: null, column: '--item', message: `议题“${spec}”格式应为“议题名称|类别[|范围]”，类别为民法典第278条第1–9项（或本小区增列的10以上事项），如“更换电梯|5|2幢”` }]);
  }
  const buildings = scope === '' ? [] : await call(app, 'community.buildings', { id: communityId });
  const parts = scope === '' ? [] : scope.split('+').map((s) => s.trim());
  return {
    title, category: Number(category),
    scope: parts.map((p) => {
      const [b = '', e] = p.split('/').map((x) => x.trim());
      const building = buildings.find((x) => x.name === b);
      if (!building) throw new Refusal([{ row: null, column: '--item', message: `议题“${title}”的范围中找不到楼栋“${b}”` }]);
      if (e === undefined) return { buildingId: building.id };
      const entrance = building.entrances.find((x) => x.name === e);
      if (!entrance) throw new Refusal([{ row: null, column: '--item', message: `议题“${title}”的范围中，${b}没有单元“${e}”` }]);
      return { buildingId: building.id, entranceId: entrance.id };
    }),
  };
}

export const voteCommands: CommandSpec[] = [
  {
    name: 'vote create', writes: true,
    summary: '发起表决并冻结每个议题的表决权人名单',
    options: [
      { name: '--community', value: 'NAME', type: 'text', required: true, help: '小区名称' },
      { name: '--title', value: 'T', type: 'text', required: true, help: '表决名称' },
      { name: '--opens', value: 'DATE', type: 'date', required: true, help: '开始日期' },
      { name: '--closes', value: 'DATE', type: 'date', required: true, help: '截止日期' },
      {
        name: '--item', value: '"TITLE|CATEGORY[|SCOPE]"', type: 'text', required: true, repeatable: true,
        help: 'CATEGORY 为民法典第278条第1–9项（或本小区增列的10以上事项）；SCOPE 如 2幢 或 2幢/1单元+3幢，省略为全体业主',
      },
      { name: '--meeting', value: 'ID', type: 'id', help: '表决所属的业主大会；省略时随表决新建一次书面征求意见' },
    ],
    async run(input) {
      return withApp(input, true, async (app) => {
        const community = await communityByName(app, input);
        const items = [];
        for (const spec of input.all('--item')) items.push(await itemFromSpec(app, community.id, spec));
        const v = await call(app, 'vote.create', {
          communityId: community.id, title: input.need('--title'), opens: input.need('--opens'), closes: input.need('--closes'),
          meetingId: input.get('--meeting') ?? null, items,
        });
        return { id: v.id, items: v.items.map((i) => ({ id: i.id, title: i.title, category: i.category, electorate: i.electorate })) };
      });
    },
  },
  {
    name: 'ballots import', aliases: ['ballot import'], writes: true,
    summary: '导入表决票，按表头读取（楼栋、单元、房号、议题1… 或议题名称，可选 有效、备注），全部成功或全部不导入',
    options: [VOTE],
    positionals: [{ name: 'FILE', help: '表决票文件（xlsx 或 CSV）' }],
    async run(input) {
      const file = input.positionals[0]!;
      const data = readInputFile(file);
      return withApp(input, true, async (app) => call(app, 'ballot.import', {
        voteId: input.need('--vote'), file: { fileName: path.basename(file), base64: data.toString('base64') },
      }));
    },
  },
  {
    name: 'tally', aliases: ['vote tally'], writes: false,
    summary: '计票：每个议题的参与、同意、反对、弃权（人数和面积）及是否通过',
    options: [VOTE],
    async run(input) {
      return withApp(input, false, async (app) => {
        const t = await call(app, 'vote.tally', { id: input.need('--vote') });
        return {
          items: t.items.map((i) => ({
            title: i.title, category: i.category, electorate: i.electorate, participants: i.participants, yes: i.yes, no: i.no, abstain: i.abstain,
            participationMet: i.participationMet, passed: i.passed,
          })),
        };
      });
    },
  },
  {
    name: 'vote close', writes: true,
    summary: '结束表决：此后的更正只能作为修正记录',
    options: [VOTE],
    async run(input) {
      return withApp(input, true, async (app) => {
        const v = await call(app, 'vote.close', { id: input.need('--vote') });
        // With 复核 on the vote stays open and the answer names the review that waits for a second person.
        return { id: v.id, status: v.status, closedAt: v.closedAt, ...(v.review ? { review: { id: v.review.id, status: v.review.status } } : {}) };
      });
    },
  },
];
