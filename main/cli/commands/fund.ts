/** The maintenance fund: apportioning an amount by area, the fund's balance. */
import type { CommandSpec } from '../spec';
import { call, communityByName, scopeByName, withApp } from '../session';

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
];
