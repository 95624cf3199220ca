/**
 * The three levels of offices (issue 18, WORK IN PROGRESS on branch `levels`): this installation as an office, and
 * the offices it registers by code. Levels and their rules are main/services/levels/offices.ts's.
 */
import { z } from 'zod';

const name = z.string().trim().min(1, { error: '请填写办公室名称' }).max(60, { error: '办公室名称不超过 60 个字' });
const level = z.string().trim().min(1, { error: '请填写级别：社区、街道或区' }).max(4);

export const officeInit = z.object({ name, level, above: z.string().trim().max(60).nullable().default(null) });
export const officeRegister = z.object({ name, level, code: z.string().trim().min(1, { error: '请填写对方办公室的代码' }).max(40) });

export const officeOut = z.object({ name: z.string(), level: z.enum(['社区', '街道', '区']), code: z.string() });
export const registeredOut = officeOut.pick({ name: true, level: true });
