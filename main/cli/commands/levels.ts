/**
 * The three levels of offices (issue 18, WORK IN PROGRESS on branch `levels`): `office init` makes this
 * installation an office with its signing key and prints the key's code; `office register` at the office above
 * registers another office by the code its people read out.
 */
import type { CommandSpec } from '../spec';
import { call, withApp } from '../session';

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
];
