/**
 * The 汇总 keeps each 小区 apart by its office (issue 18, docs/domain.md §10): two 社区 offices whose databases
 * began as one copy hold 小区 with the same ids; at their street each office's row counts only its own contracts
 * due and stalled matters, and the list behind a figure names only that office's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { todayInOffice } from '../../main/db/clock';
import { creditCodeCheckChar } from '../../shared/domain/credit-code';
import { addDays } from '../../shared/domain/dates';
import { call, tempDir, testApp } from '../helpers';

const options = { fixedAuthor: 'CLI:test', trustedCaller: true };

describe('the 汇总 by 社区 office', () => {
  it('counts a copied database\'s 小区 as its own office\'s', async () => {
    const today = todayInOffice();
    const first = tempDir('sanfang-a-');
    const prepared = await testApp(first, options);
    const c = await call(prepared, 'community.create', { name: '桥西一苑', type: '商品房' });
    await call(prepared, 'contract.create', {
      communityId: c.id, company: { name: '安居物业', creditCode: `91330100MA01AAA11${creditCodeCheckChar('91330100MA01AAA11')}` }, kind: '前期物业',
      startDate: '2024-01-01', endDate: addDays(today, 30),
    });
    await call(prepared, 'matter.create', { communityId: c.id, title: '加装电梯', raisedOn: addDays(today, -60) });
    prepared.close();
    const second = tempDir('sanfang-b-');
    for (const f of fs.readdirSync(first).filter((n) => n.startsWith('sanfang.sqlite'))) fs.copyFileSync(path.join(first, f), path.join(second, f));

    const street = await testApp(tempDir('sanfang-s-'), options);
    const streetCode = (await call(street, 'office.init', { name: '拱宸桥街道', level: '街道', above: '拱墅区' })).code;
    for (const [dir, name] of [[first, '桥西社区'], [second, '小河社区']] as const) {
      const app = await testApp(dir, options);
      const { code } = await call(app, 'office.init', { name, level: '社区', above: '拱宸桥街道' });
      await call(app, 'office.register', { name: '拱宸桥街道', level: '街道', code: streetCode });
      await call(street, 'office.register', { name, level: '社区', code });
      await call(street, 'exchange.import', { text: (await call(app, 'exchange.export', { to: '拱宸桥街道' })).text });
      app.close();
    }

    const screen = await call(street, 'rollup.screen', { by: '社区' });
    expect(screen.rows.map((r) => [r.name, r.communities, r.contractsDue, r.mattersStalled])).toEqual([['桥西社区', 1, 1, 1], ['小河社区', 1, 1, 1]]);
    for (const figure of ['contractsDue', 'mattersStalled'] as const) {
      const list = await call(street, 'rollup.list', { figure, group: '小河社区', by: '社区' });
      expect(list.rows.map((r) => [r.office, r.community])).toEqual([['小河社区', '桥西一苑']]);
    }
    expect((await call(street, 'rollup.list', { figure: 'contractsDue', group: null, by: '社区' })).rows).toHaveLength(2);
  });
});
