/** The register: import, summary, export and the template. */
import fs from 'node:fs';
import path from 'node:path';
import type { CommandSpec, OptionSpec } from '../spec';
import { call, readInputFile, scopeByName, withApp } from '../session';

const COMMUNITY: OptionSpec = { name: '--community', value: 'NAME', type: 'text', required: true, help: '小区名称' };
const BUILDING: OptionSpec = { name: '--building', value: 'NAME', type: 'text', help: '只算这个楼栋' };
const ENTRANCE: OptionSpec = { name: '--entrance', value: 'NAME', type: 'text', requires: '--building', help: '只算楼栋中的这个单元' };
const OUT: OptionSpec = { name: '--out', value: 'FILE', type: 'file', required: true, help: '写入的 xlsx 文件' };

export const rosterCommands: CommandSpec[] = [
  {
    name: 'import-roster', aliases: ['roster import'], writes: true,
    summary: '新建小区并导入花名册（xlsx 或 CSV，UTF-8 或 GBK），全部成功或全部不导入',
    options: [
      { ...COMMUNITY, help: '新建的小区名称' },
      { name: '--accept-unusual', type: 'flag', help: '面积超出小区设置的合理范围（如住宅超过1000㎡）的行也导入：先核对过这些面积时才用' },
    ],
    positionals: [{ name: 'FILE', help: '花名册文件（按表头读取）' }],
    async run(input) {
      const file = input.positionals[0]!;
      const data = readInputFile(file);
      return withApp(input, true, async (app) => {
        const result = await call(app, 'roster.import', {
          file: { fileName: path.basename(file), base64: data.toString('base64') }, community: { name: input.need('--community') },
          acceptUnusual: input.flag('--accept-unusual'),
        });
        return result.summary;
      });
    },
  },
  {
    name: 'roster-summary', aliases: ['roster summary'], writes: false,
    summary: '专有部分数、表决权人数、总面积',
    options: [COMMUNITY, BUILDING, ENTRANCE],
    async run(input) {
      return withApp(input, false, async (app) => {
        const e = await call(app, 'roster.electorate', await scopeByName(app, input));
        return { parts: e.parts, votingSubjects: e.count, totalArea: e.area };
      });
    },
  },
  {
    name: 'export-roster', aliases: ['roster export'], writes: false,
    summary: '按模板格式导出花名册（证件号码和电话已遮蔽）',
    options: [COMMUNITY, { ...BUILDING, help: '只导出这个楼栋' }, { ...ENTRANCE, help: '只导出楼栋中的这个单元' }, OUT],
    async run(input) {
      const out = input.need('--out');
      return withApp(input, false, async (app) => {
        const scope = await scopeByName(app, input);
        const file = await call(app, 'roster.export', scope);
        fs.writeFileSync(out, Buffer.from(file.base64, 'base64'));
        const e = await call(app, 'roster.electorate', scope);
        return { file: path.resolve(out), parts: e.parts };
      });
    },
  },
  {
    name: 'template', aliases: ['roster template'], writes: false,
    summary: '空白花名册模板，附填写说明',
    options: [OUT],
    async run(input) {
      const out = input.need('--out');
      return withApp(input, false, async (app) => {
        const file = await call(app, 'roster.template', {});
        fs.writeFileSync(out, Buffer.from(file.base64, 'base64'));
        return { file: path.resolve(out) };
      });
    },
  },
];
