/** The maintenance fund: apportioning by area, the balance, opening the books, the bank statement, sharing interest, the reconciliation. */
import path from 'node:path';
import type { CommandSpec } from '../spec';
import { call, communityByName, readInputFile, scopeByName, withApp } from '../session';

export const fundCommands: CommandSpec[] = [
  {
    name: 'fund apportion', writes: false,
    summary: '按面积分摊金额，各户相加正好等于总额（只计算，不记账）',
    options: [
      { name: '--community', value: 'NAME', type: 'text', required: true, help: '小区名称' },
      { name: '--building', value: 'NAME', type: 'text', help: '只在这个楼栋分摊' },
      { name: '--entrance', value: 'NAME', type: 'text', requires: '--building', help: '只在楼栋中的这个单元分摊' },
      { name: '--amount', value: '12345.67', type: 'amount', required: true, help: '总额（元）' },
    ],
    async run(input) {
      return withApp(input, false, async (app) => {
        const a = await call(app, 'fund.apportion', { ...(await scopeByName(app, input)), amount: input.need('--amount') });
        return { total: a.total, shares: a.shares.map((s) => ({ address: s.address, area: s.area, amount: s.amount })) };
      });
    },
  },
  {
    name: 'fund balance', writes: false,
    summary: '维修资金余额、分户合计、低于续筹线的户数',
    options: [{ name: '--community', value: 'NAME', type: 'text', required: true, help: '小区名称' }],
    async run(input) {
      return withApp(input, false, async (app) => {
        const b = await call(app, 'fund.balance', { communityId: (await communityByName(app, input)).id });
        return { fund: b.fund, households: b.households, belowTopUp: b.belowTopUp };
      });
    },
  },
  {
    name: 'fund import-opening', aliases: ['fund opening'], writes: true,
    summary: '期初建账：按表头读取各户期初余额（楼栋、单元、房号、应缴首期、已缴存、增值收益、已使用、余额），与专户银行余额核对，全部成功或全部不记',
    options: [
      { name: '--community', value: 'NAME', type: 'text', required: true, help: '小区名称' },
      { name: '--as-of', value: 'DATE', type: 'date', required: true, help: '期初日期' },
      { name: '--bank-balance', value: '12345.67', type: 'amount', required: true, help: '期初日专户的银行余额（元）' },
      { name: '--note', value: 'T', type: 'text', help: '银行余额与分户合计有差额时的说明（差额记入待查明款项）' },
    ],
    positionals: [{ name: 'FILE', help: '期初余额文件（xlsx 或 CSV）' }],
    async run(input) {
      const file = input.positionals[0]!;
      const data = readInputFile(file);
      return withApp(input, true, async (app) => {
        const community = await communityByName(app, input);
        const r = await call(app, 'fund.importOpening', {
          communityId: community.id, asOf: input.need('--as-of'), bankBalance: input.need('--bank-balance'),
          file: { fileName: path.basename(file), base64: data.toString('base64') }, suspenseNote: input.get('--note') ?? '',
        });
        return { parts: r.rows, total: r.total, difference: r.suspense };
      });
    },
  },
  {
    name: 'fund import-statement', writes: true,
    summary: '导入维修资金专户的银行流水（日期、金额、付款人、摘要，可有“支出”“余额”列）：摘要为结息、利息的收入记为利息（待分配增值收益），能对应房屋的记为缴存，其余收入记入待查明款项；已入账过的行跳过（即使原凭证已冲销）',
    options: [{ name: '--community', value: 'NAME', type: 'text', required: true, help: '小区名称' }],
    positionals: [{ name: 'FILE', help: '银行流水文件（xlsx 或 CSV）' }],
    notes: ['无法判断用途的支出（不是手续费、也对应不到维修项目）逐行列为错误，不导入任何数据：请在界面中选择分类'],
    async run(input) {
      const file = input.positionals[0]!;
      const data = readInputFile(file);
      return withApp(input, true, async (app) => {
        const community = await communityByName(app, input);
        const r = await call(app, 'fund.importStatement', {
          communityId: community.id, file: { fileName: path.basename(file), base64: data.toString('base64') }, unmatched: 'suspense', classes: [],
        });
        return { posted: r.posted, skipped: r.skipped, interest: r.interest, unidentified: r.unidentified };
      });
    },
  },
  {
    name: 'fund share-interest', writes: true,
    summary: '把期间内已入账、尚未分配的利息（扣除银行手续费）按余额×天数分配到各户，记账日期为期末；不另记银行收款',
    options: [
      { name: '--community', value: 'NAME', type: 'text', required: true, help: '小区名称' },
      { name: '--from', value: 'DATE', type: 'date', required: true, help: '计息开始日期' },
      { name: '--to', value: 'DATE', type: 'date', required: true, help: '计息结束日期（也是记账日期）' },
    ],
    async run(input) {
      return withApp(input, true, async (app) => {
        const community = await communityByName(app, input);
        const r = await call(app, 'fund.shareEarnings', { communityId: community.id, start: input.need('--from'), end: input.need('--to') });
        return { amount: r.total, parts: r.shares.filter((x) => !/^0\.00$/.test(x.amount)).length };
      });
    },
  },
  {
    name: 'fund reconcile', writes: false,
    summary: '专户对账：今天的银行余额 = 维修资金（分户合计）+ 待查明款项 + 其他负债；差额 = 银行 −（维修资金 + 待查明 + 其他）',
    options: [
      { name: '--community', value: 'NAME', type: 'text', required: true, help: '小区名称' },
      { name: '--bank-balance', value: '12345.67', type: 'amount', required: true, help: '银行对账单上今天的余额（元）' },
    ],
    async run(input) {
      return withApp(input, false, async (app) => {
        const community = await communityByName(app, input);
        const r = await call(app, 'fund.reconciliation', { communityId: community.id, bankBalance: input.need('--bank-balance') });
        return { bank: r.bank.amount, fund: r.fund.amount, unidentified: r.unidentified.amount, other: r.other.amount, difference: r.difference };
      });
    },
  },
];
