/**
 * The three levels of offices (issue 18, docs/domain.md §10): `office init` makes this installation an office
 * with its signing key and prints the key's code; `office register` at the office above registers another office
 * by the code its people read out; `exchange export` / `exchange import` carry signed packages between them as
 * files; `rollup` prints the targets per 社区 or per type of 小区.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_MAX_BYTES } from '../../../shared/domain/levels';
import { Refusal, type CommandSpec } from '../spec';
import { call, readInputFile, withApp } from '../session';

/** A package file, bounded before it is read, by the package's own limit. */
const PACKAGE_LIMIT = {
  bytes: PACKAGE_MAX_BYTES,
  message: (size: number) => `文件有 ${Math.ceil(size / 1024 / 1024)} MB，超过交换包的上限 ${PACKAGE_MAX_BYTES / 1024 / 1024} MB：这不是本程序导出的交换包`,
};

export const levelCommands: CommandSpec[] = [
  {
    name: 'office init', writes: true,
    summary: '把本机设定为一个办公室（社区、街道或区），生成签名密钥，给出它的代码（上级办公室凭此登记本办公室）；只设定一次',
    options: [
      { name: '--name', value: 'NAME', type: 'text', required: true, help: '本办公室名称' },
      { name: '--level', value: 'LEVEL', type: 'text', required: true, help: '级别：社区、街道或区' },
      { name: '--above', value: 'NAME', type: 'text', help: '上级办公室名称（区级不填）' },
    ],
    async run(input) {
      return withApp(input, true, (app) => call(app, 'office.init', { name: input.need('--name'), level: input.need('--level'), above: input.get('--above') ?? null }));
    },
  },
  {
    name: 'office register', writes: true,
    summary: '在上级办公室登记下一级办公室（或本办公室的上级）：名称、级别和对方告知的代码；此后只接受它签名的交换包',
    options: [
      { name: '--name', value: 'NAME', type: 'text', required: true, help: '对方办公室名称' },
      { name: '--level', value: 'LEVEL', type: 'text', required: true, help: '对方级别：社区、街道或区' },
      { name: '--code', value: 'CODE', type: 'text', required: true, help: '对方办公室显示的代码（20 个字母或数字）' },
    ],
    async run(input) {
      return withApp(input, true, (app) => call(app, 'office.register', { name: input.need('--name'), level: input.need('--level'), code: input.need('--code') }));
    },
  },
  {
    name: 'exchange export', writes: true,
    summary: '给已登记的上级或下级办公室导出交换包：对方上次确认之后变化的记录，本办公室签名；不覆盖已有文件',
    options: [
      { name: '--to', value: 'NAME', type: 'text', required: true, help: '收件办公室名称' },
      { name: '--out', value: 'FILE', type: 'file', required: true, help: '交换包写到这个新文件' },
    ],
    async run(input) {
      const out = path.resolve(input.need('--out'));
      if (fs.existsSync(out)) throw new Refusal([{ row: null, column: '--out', message: `文件 ${out} 已存在，为免覆盖，请换一个文件名` }]);
      return withApp(input, true, async (app) => {
        const made = await call(app, 'exchange.export', { to: input.need('--to') });
        fs.writeFileSync(out, made.text, { flag: 'wx' });
        return { file: out, records: made.records };
      });
    },
  },
  {
    name: 'exchange import', writes: true,
    summary: '导入上级或下级办公室的交换包：验证签名、发件方、收件方和序号，整包导入或整包拒绝；同一个包再导入不改变任何数据',
    options: [],
    positionals: [{ name: 'FILE', help: '交换包文件' }],
    async run(input) {
      const text = readInputFile(path.resolve(input.positionals[0]!), PACKAGE_LIMIT).toString('utf8');
      return withApp(input, true, async (app) => {
        const r = await call(app, 'exchange.import', { text });
        return { from: r.from, records: r.records, skipped: r.skipped };
      });
    },
  },
  {
    name: 'rollup', writes: false,
    summary: '汇总各社区（或各类型小区）的指标：业委会成立率、党组织覆盖、无物业管理、未办结、逾期和上报到本级的问题',
    options: [{ name: '--by', value: '社区|类型', type: 'text', help: '按社区（默认）或按小区类型汇总' }],
    async run(input) {
      const by = input.get('--by') ?? '社区';
      if (by !== '社区' && by !== '类型') throw new Refusal([{ row: null, column: '--by', message: `--by 应为“社区”或“类型”，而不是“${by}”` }]);
      return withApp(input, false, (app) => call(app, 'rollup.get', { by }));
    },
  },
];
