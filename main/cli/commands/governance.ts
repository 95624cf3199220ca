/** Meetings, matters through their workflow, and search over minutes and matters. */
import type { MethodOutput } from '../../../shared/contract/methods';
import { addDays, isValidDate } from '../../../shared/domain/dates';
import { MEETING_KINDS, meetingKindOf } from '../../../shared/domain/meetings';
import { DEFAULT_POSTING_DAYS } from '../../../shared/domain/workflow';
import { Refusal, type CommandSpec, type OptionSpec } from '../spec';
import { call, communityByName, withApp } from '../session';

const COMMUNITY: OptionSpec = { name: '--community', value: 'NAME', type: 'text', required: true, help: '小区名称' };

/** `matter show` and `matter advance` print this shape. */
function matterJson(m: MethodOutput<'matter.get'>) {
  return { id: m.id, title: m.title, steps: m.steps.map((s) => ({ key: s.key, name: s.name, done: s.done, date: s.date })) };
}

export const governanceCommands: CommandSpec[] = [
  {
    name: 'meeting create', writes: true,
    summary: '召开会议；通知期、议题不在通知中等规则不符时拒绝，除非给出 --override-reason',
    options: [
      COMMUNITY,
      { name: '--kind', value: 'KIND', type: 'text', required: true, help: `会议类型的中文名称：${MEETING_KINDS.join('、')}（坝坝会 = 院坝会）` },
      { name: '--title', value: 'T', type: 'text', required: true, help: '会议名称' },
      { name: '--date', value: 'DATE', type: 'date', required: true, help: '会议日期' },
      { name: '--notice-date', value: 'DATE', type: 'date', help: '发出通知的日期' },
      { name: '--override-reason', value: 'T', type: 'text', help: '规则不符仍要召开时的书面理由（记入审计）' },
      { name: '--time', value: 'HH:mm', type: 'time', help: '开始时间' },
      { name: '--place', value: 'P', type: 'text', help: '地点' },
    ],
    async run(input) {
      const kindText = input.need('--kind');
      const kind = meetingKindOf(kindText);
      if (!kind) throw new Refusal([{ row: null, column: '--kind', message: `会议类型“${kindText}”无效，应为${MEETING_KINDS.join('、')}之一` }]);
      return withApp(input, true, async (app) => {
        const community = await communityByName(app, input);
        const m = await call(app, 'meeting.create', {
          communityId: community.id, kind, title: input.need('--title'), date: input.need('--date'),
          noticeDate: input.get('--notice-date') ?? null, overrideReason: input.get('--override-reason') ?? '',
          startTime: input.get('--time') ?? '', place: input.get('--place') ?? '',
        });
        return { id: m.id };
      });
    },
  },
  {
    name: 'matter create', writes: true,
    summary: '登记事项，按默认办理流程（五议两公开一备案）列出各步骤',
    options: [
      COMMUNITY,
      { name: '--title', value: 'T', type: 'text', required: true, help: '事项名称' },
      { name: '--category', value: 'C', type: 'text', help: '类别' },
      { name: '--description', value: 'D', type: 'text', help: '说明' },
      { name: '--raised-on', value: 'DATE', type: 'date', help: '提出日期' },
    ],
    async run(input) {
      return withApp(input, true, async (app) => {
        const community = await communityByName(app, input);
        const raisedOn = input.get('--raised-on');
        const category = input.get('--category');
        const m = await call(app, 'matter.create', {
          communityId: community.id, title: input.need('--title'), description: input.get('--description') ?? '',
          ...(raisedOn !== undefined ? { raisedOn } : {}), ...(category !== undefined ? { category: category as never } : {}),
        });
        return matterJson(m);
      });
    },
  },
  {
    name: 'matter advance', writes: true,
    summary: '记录事项的下一步骤，输出同 matter show',
    options: [
      { name: '--id', value: 'ID', type: 'id', required: true, help: '事项编号' },
      { name: '--step', value: 'KEY', type: 'text', required: true, help: '步骤代码（matter show 列出）' },
      { name: '--date', value: 'DATE', type: 'date', required: true, help: '步骤日期' },
      { name: '--meeting', value: 'ID', type: 'id', help: '依据的会议' },
      { name: '--posting-start', value: 'DATE', type: 'date', help: '公示开始日期' },
      { name: '--posting-end', value: 'DATE', type: 'date', help: '公示结束日期' },
      { name: '--filing-body', value: 'T', type: 'text', help: '备案接收单位' },
      { name: '--note', value: 'T', type: 'text', help: '备注' },
      { name: '--skip-reason', value: 'T', type: 'text', help: '跳过可选步骤的理由' },
    ],
    notes: [`公示步骤未给公示期时默认自当日起${DEFAULT_POSTING_DAYS}日；备案步骤未给接收单位时默认为小区所属社区`],
    async run(input) {
      return withApp(input, true, async (app) => {
        const id = input.need('--id');
        const key = input.need('--step');
        const date = input.need('--date');
        const matter = await call(app, 'matter.get', { id });
        const step = matter.steps.find((s) => s.key === key);
        const skipReason = input.get('--skip-reason') ?? null;
        // The CLI's defaults for what the screen asks for explicitly (see notes).
        let postingStart = input.get('--posting-start') ?? null;
        let postingEnd = input.get('--posting-end') ?? null;
        if (step?.kind === 'publication' && skipReason === null && isValidDate(date)) {
          postingStart ??= date;
          if (isValidDate(postingStart)) postingEnd ??= addDays(postingStart, DEFAULT_POSTING_DAYS);
        }
        let filingBody = input.get('--filing-body') ?? null;
        if (step?.kind === 'filing' && filingBody === null) {
          const community = await call(app, 'community.get', { id: matter.communityId });
          filingBody = community.communityOffice || `${community.name}所在社区`;
        }
        const m = await call(app, 'matter.advance', {
          id, key, date, meetingId: input.get('--meeting') ?? null, postingStart, postingEnd, filingBody,
          note: input.get('--note') ?? '', skipReason,
        });
        return matterJson(m);
      });
    },
  },
  {
    name: 'matter show', writes: false,
    summary: '事项及其各步骤',
    options: [{ name: '--id', value: 'ID', type: 'id', required: true, help: '事项编号' }],
    async run(input) {
      return withApp(input, false, async (app) => matterJson(await call(app, 'matter.get', { id: input.need('--id') })));
    },
  },
  {
    name: 'search', writes: false,
    summary: '检索会议纪要和事项（一两个字也可）',
    options: [COMMUNITY],
    positionals: [{ name: 'TEXT', help: '要找的词' }],
    async run(input) {
      return withApp(input, false, async (app) => {
        const community = await communityByName(app, input);
        const { hits } = await call(app, 'search.query', { communityId: community.id, text: input.positionals[0]! });
        return { hits: hits.map((h) => ({ type: h.type, id: h.id, title: h.title, snippet: h.snippet.text })) };
      });
    },
  },
];
