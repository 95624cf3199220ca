/** Property-service contracts and the issue ledger. */
import type { MethodInput } from '../../../shared/contract/methods';
import { ISSUE_CATEGORIES } from '../../../shared/contract/office';
import type { CommandSpec } from '../spec';
import { call, communityByName, withApp } from '../session';

export const officeCommands: CommandSpec[] = [
  {
    name: 'contract create', writes: true,
    summary: '登记物业服务合同，算出不续聘通知的最后日期和续聘筹备的开始日期',
    options: [
      { name: '--community', value: 'NAME', type: 'text', required: true, help: '小区名称' },
      { name: '--company', value: 'NAME', type: 'text', required: true, help: '物业服务企业名称' },
      { name: '--credit-code', value: 'CODE', type: 'text', required: true, help: '统一社会信用代码（GB 32100 校验）' },
      { name: '--start', value: 'DATE', type: 'date', required: true, help: '合同开始日期' },
      { name: '--end', value: 'DATE', type: 'date', required: true, help: '合同届满日期' },
      { name: '--kind', value: 'KIND', type: 'text', help: '前期物业 | 招投标选聘 | 业主大会表决选聘（默认）' },
    ],
    async run(input) {
      return withApp(input, true, async (app) => {
        const community = await communityByName(app, input);
        const c = await call(app, 'contract.create', {
          communityId: community.id, company: { name: input.need('--company'), creditCode: input.need('--credit-code'), contact: '', phone: '' },
          startDate: input.need('--start'), endDate: input.need('--end'),
          kind: (input.get('--kind') ?? '业主大会表决选聘') as MethodInput<'contract.create'>['kind'],
        });
        return { id: c.id, nonRenewalNoticeBy: c.nonRenewalNoticeBy.date, renewalPreparationFrom: c.renewalPreparationFrom };
      });
    },
  },
  {
    name: 'contract dismissal', writes: false,
    summary: '解聘通知后合同最早终止日（只计算，不记录）',
    options: [
      { name: '--id', value: 'ID', type: 'id', required: true, help: '合同编号' },
      { name: '--notice-date', value: 'DATE', type: 'date', required: true, help: '书面通知的日期' },
    ],
    async run(input) {
      return withApp(input, false, async (app) => {
        const d = await call(app, 'contract.dismissal', { id: input.need('--id'), noticeDate: input.need('--notice-date') });
        return { earliestEnd: d.earliestEnd };
      });
    },
  },
  {
    name: 'issue create', writes: true,
    summary: '登记问题台账；处理方案的期限为报告后 24 小时（小区设置）',
    options: [
      { name: '--community', value: 'NAME', type: 'text', required: true, help: '小区名称' },
      { name: '--title', value: 'T', type: 'text', required: true, help: '问题' },
      { name: '--category', value: 'C', type: 'text', required: true, help: `类别：${ISSUE_CATEGORIES.join('、')}` },
      { name: '--reported-at', value: 'YYYY-MM-DDTHH:mm', type: 'datetime', required: true, help: '反映时间（办公室所在时区）' },
      { name: '--source', value: 'S', type: 'text', help: '来源（默认 来访）' },
      { name: '--reporter', value: 'R', type: 'text', help: '反映人' },
    ],
    async run(input) {
      return withApp(input, true, async (app) => {
        const community = await communityByName(app, input);
        const i = await call(app, 'issue.create', {
          communityId: community.id, title: input.need('--title'),
          category: input.need('--category') as MethodInput<'issue.create'>['category'],
          // A space between date and time is what people type; docs/cli.md §6's form has the T.
          reportedAt: input.need('--reported-at').trim().replace(' ', 'T'),
          source: (input.get('--source') ?? '来访') as MethodInput<'issue.create'>['source'], reporter: input.get('--reporter') ?? '',
        });
        return { id: i.id, planDueAt: i.planDueAt };
      });
    },
  },
  {
    name: 'issue escalate', writes: true,
    summary: '提级一层（楼栋→小区→社区→街道），到街道为止；新层级的办结期限按小区设置的天数，须写明新层级的责任单位和责任人',
    options: [
      { name: '--id', value: 'ID', type: 'id', required: true, help: '问题编号' },
      { name: '--reason', value: 'T', type: 'text', required: true, help: '提级理由' },
      { name: '--unit', value: 'U', type: 'text', required: true, help: '新层级的责任单位' },
      { name: '--person', value: 'P', type: 'text', required: true, help: '新层级的责任人' },
    ],
    async run(input) {
      return withApp(input, true, async (app) => {
        const i = await call(app, 'issue.escalate', {
          id: input.need('--id'), reason: input.need('--reason'), responsibleUnit: input.need('--unit'), responsiblePerson: input.need('--person'),
        });
        return { level: i.level, resolutionDue: i.resolutionDue };
      });
    },
  },
];
