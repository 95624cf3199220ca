/**
 * The office's identity and the offices it registers (issue 18): a real
 * SQLite file; the signing key's code, the private key sealed, init again changes nothing, another name refused,
 * registration by code of the level below or the office above only.
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../main/services/context';
import { codeOfPublicKey, initOffice, registerOffice, selfOffice } from '../../main/services/levels/offices';
import { serviceContextOf, testApp, tempDir } from '../helpers';

const actor = { author: 'CLI:test', userId: null };
/** An office's data folder with its app, and a service context on its database. */
async function office(): Promise<ServiceContext> {
  const dir = tempDir('sanfang-levels-');
  await testApp(dir, { fixedAuthor: 'CLI:test' });
  return serviceContextOf(dir);
}

describe('this installation as an office', () => {
  it('makes its Ed25519 key once: the code is the public key’s, the private key sealed and signing', async () => {
    const ctx = await office();
    const made = initOffice(ctx, actor, { name: '拱宸桥街道', level: '街道', above: '拱墅区' });
    expect(made.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    const row = ctx.sqlite.prepare('select * from offices where self = 1').get() as { id: string; public_key: string; private_key: string };
    expect(codeOfPublicKey(row.public_key)).toBe(made.code);
    expect(row.private_key).not.toContain('MC4CAQAwBQYDK2Vw'); // the PKCS#8 prefix of an Ed25519 key: not stored plain
    const pkcs8 = ctx.keys.open(`offices.private_key:${row.id}`, row.private_key);
    const signature = sign(null, Buffer.from('包'), createPrivateKey({ key: Buffer.from(pkcs8, 'base64'), format: 'der', type: 'pkcs8' }));
    expect(verify(null, Buffer.from('包'), createPublicKey({ key: Buffer.from(row.public_key, 'base64'), format: 'der', type: 'spki' }), signature)).toBe(true);
    // Again the same: nothing changes; another office: refused with the code the office above registered.
    expect(initOffice(ctx, actor, { name: '拱宸桥街道', level: '街道', above: '拱墅区' })).toEqual(made);
    expect(() => initOffice(ctx, actor, { name: '别的街道', level: '街道', above: '拱墅区' })).toThrow(new RegExp(`代码 ${made.code}`));
    expect(selfOffice(ctx)).toMatchObject({ name: '拱宸桥街道', level: '街道', code: made.code });
  });

  it('refuses a level it does not know, and the office above missing or where there is none', async () => {
    const ctx = await office();
    expect(() => initOffice(ctx, actor, { name: 'X', level: '市', above: null })).toThrow(/级别应为社区、街道、区之一/);
    expect(() => initOffice(ctx, actor, { name: 'X', level: '社区' })).toThrow(/须写明上级街道办公室/);
    expect(() => initOffice(ctx, actor, { name: 'X', level: '区', above: '市' })).toThrow(/区级办公室之上没有办公室/);
  });

  it('registers the level below, and its own office above, by code — nothing else', async () => {
    const street = await office();
    initOffice(street, actor, { name: '拱宸桥街道', level: '街道', above: '拱墅区' });
    const community = await office();
    const below = initOffice(community, actor, { name: '桥西社区', level: '社区', above: '拱宸桥街道' });
    const typed = below.code.toLowerCase().replace(/-/g, ' ');
    expect(registerOffice(street, actor, { name: '桥西社区', level: '社区', code: typed })).toEqual(below);
    expect(registerOffice(street, actor, { name: '桥西社区', level: '社区', code: below.code })).toEqual(below); // again: nothing new
    expect(() => registerOffice(street, actor, { name: '桥西社区', level: '社区', code: 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ' })).toThrow(/已登记/);
    expect(() => registerOffice(street, actor, { name: '某区', level: '区', code: below.code })).toThrow(/只登记下一级/);
    expect(registerOffice(street, actor, { name: '拱墅区', level: '区', code: below.code })).toMatchObject({ name: '拱墅区' });
    expect(() => registerOffice(street, actor, { name: '某社区', level: '社区', code: 'ABC' })).toThrow(/代码应为 20 个字母或数字/);
    const audit = street.sqlite.prepare("select action from audit_log where entity = 'office' order by id").pluck().all();
    expect(audit).toEqual(['create', 'register', 'register']);
  });
});
