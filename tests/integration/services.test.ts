import { describe, expect, it } from 'vitest';
import { mainlandIdCheckChar } from '../../shared/domain/identity';
import { call, callError, loggedInApp, testApp } from '../helpers';

const id = (first17: string) => first17 + mainlandIdCheckChar(first17);
const ZHANG = id('33010519900101121');

describe('accounts', () => {
  it('first start creates the administrator once and shows a recovery code', async () => {
    const app = await testApp();
    expect(await call(app, 'auth.status', {})).toEqual({ needsSetup: true, user: null, mustChangePassword: false, locked: false });
    const setup = await call(app, 'auth.setup', { username: 'admin', displayName: '王主任', password: 'correct horse' });
    expect(setup.recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    expect((await call(app, 'auth.status', {}, setup.session)).user?.displayName).toBe('王主任');
    const again = await callError(app, 'auth.setup', { username: 'x2', displayName: '某人', password: 'another pass' });
    expect(again).toMatchObject({ code: 'REFUSED', message: '管理员账户已经创建，请直接登录' });
  });

  it('stores passwords hashed with scrypt, never in clear', async () => {
    const { app } = await loggedInApp();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(app.dbPath, { readonly: true });
    const row = db.prepare('select password_hash, recovery_hash from users').get() as { password_hash: string; recovery_hash: string };
    db.close();
    expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(row.password_hash).not.toContain('correct horse');
  });

  it('refuses wrong passwords and calls without a session', async () => {
    const { app } = await loggedInApp();
    expect(await callError(app, 'auth.login', { username: 'admin', password: 'wrong' })).toMatchObject({ code: 'UNAUTHENTICATED', message: '用户名或密码不正确' });
    expect((await callError(app, 'community.list', {})).code).toBe('UNAUTHENTICATED');
    expect((await callError(app, 'community.list', {}, 'forged-session')).code).toBe('UNAUTHENTICATED');
  });

  it('locks a username for a while after five wrong passwords', async () => {
    const { app } = await loggedInApp();
    for (let i = 0; i < 5; i++) await callError(app, 'auth.login', { username: 'admin', password: 'wrong' });
    expect(await callError(app, 'auth.login', { username: 'admin', password: 'correct horse' })).toMatchObject({ code: 'REFUSED' });
  });

  it('the recovery code sets a new password once, and is replaced', async () => {
    const app = await testApp();
    const { recoveryCode } = await call(app, 'auth.setup', { username: 'admin', displayName: '王主任', password: 'correct horse' });
    const typed = recoveryCode.toLowerCase().replace(/-/g, ' ');
    const recovered = await call(app, 'auth.recover', { username: 'admin', recoveryCode: typed, newPassword: 'new password 1' });
    expect(recovered.recoveryCode).not.toBe(recoveryCode);
    expect((await callError(app, 'auth.recover', { username: 'admin', recoveryCode, newPassword: 'new password 2' })).code).toBe('UNAUTHENTICATED');
    await call(app, 'auth.login', { username: 'admin', password: 'new password 1' });
    expect((await callError(app, 'auth.login', { username: 'admin', password: 'correct horse' })).code).toBe('UNAUTHENTICATED');
  });
});

describe('the register through the contract', () => {
  async function community() {
    const { app, session } = await loggedInApp();
    const c = await call(app, 'community.create', { name: '阳光小区', streetOffice: '城东街道', developer: '某某置业' }, session);
    return { app, session, c };
  }

  it('validates input with the contract and answers in Chinese', async () => {
    const { app, session, c } = await community();
    const e = await callError(app, 'part.create', { communityId: c.id, building: '1幢', room: '101', area: '12.345' }, session);
    expect(e.code).toBe('VALIDATION');
    expect(e.details).toEqual([{ kind: 'field', field: 'area', message: expect.stringContaining('超过两位小数') }]);
    const dup = await callError(app, 'community.create', { name: '阳光小区' }, session);
    expect(dup).toMatchObject({ code: 'REFUSED', message: '小区“阳光小区”已存在，请换一个名称' });
  });

  it('records parts, owners and co-owners; masks lists, shows full values on the person page', async () => {
    const { app, session, c } = await community();
    const p101 = await call(app, 'part.create', { communityId: c.id, building: '1幢', entrance: '1单元', room: '101', area: '89.5' }, session);
    expect(p101.address).toBe('1幢1单元101');
    expect(p101.area).toBe('89.50');
    const zhang = await call(app, 'person.create', { communityId: c.id, name: '张三', document: ZHANG.toLowerCase(), phone: '138 1234 5678' }, session);
    expect(zhang.document).toBe(ZHANG);
    expect(zhang.phone).toBe('13812345678');
    const li = await call(app, 'person.create', { communityId: c.id, name: '李四', document: '', phone: '' }, session);
    const owned = await call(app, 'part.setOwners', { partId: p101.partId, personIds: [zhang.id, li.id], date: '2026-01-05' }, session);
    expect(owned.owners.map((o) => o.name)).toEqual(['张三', '李四']);
    expect(owned.owners[0]).toMatchObject({ document: `${ZHANG.slice(0, 6)}**********${ZHANG.slice(16)}`, phone: '138****5678' });

    const page = await call(app, 'roster.page', { communityId: c.id, search: '5678' }, session);
    expect(page.total).toBe(1);
    expect(JSON.stringify(page)).not.toContain(ZHANG);
    expect(JSON.stringify(page)).not.toContain('13812345678');
    const person = await call(app, 'person.get', { id: zhang.id }, session);
    expect(person.document).toBe(ZHANG);
    expect(person.parts).toEqual([expect.objectContaining({ address: '1幢1单元101', current: true, startDate: '2026-01-05' })]);

    // The audit log is a list too: it keeps the person's record masked, and each full value the person page showed: who saw whose.
    const log = await call(app, 'audit.list', { entity: 'person', entityId: zhang.id }, session);
    expect(log.rows.map((r) => r.action)).toEqual(['view-full-phone', 'view-full-document', 'create']);
    for (const row of log.rows.slice(0, 2)) expect(row).toMatchObject({ author: '王主任（admin）', after: { name: '张三', communityId: zhang.communityId } });
    expect(log.rows[2]!.after).toMatchObject({ name: '张三', document: `${ZHANG.slice(0, 6)}**********${ZHANG.slice(16)}`, phone: '138****5678' });
    expect(JSON.stringify(log)).not.toContain(ZHANG);
    const setupLog = await call(app, 'audit.list', { entity: 'user' }, session);
    expect(setupLog.rows[0]!.author).toBe('王主任（admin）');

    const dupDoc = await callError(app, 'person.create', { communityId: c.id, name: '张叁', document: ZHANG }, session);
    expect(dupDoc.code).toBe('REFUSED');
    const dupAddress = await callError(app, 'part.create', { communityId: c.id, building: '1幢', entrance: '１单元', room: '101', area: '80' }, session);
    expect(dupAddress).toMatchObject({ code: 'REFUSED', message: '地址“1幢1单元101”已登记，不能重复' });
  });

  it('a change of owners keeps the history instead of overwriting it', async () => {
    const { app, session, c } = await community();
    const part = await call(app, 'part.create', { communityId: c.id, building: '2幢', room: '201', area: '100' }, session);
    const a = await call(app, 'person.create', { communityId: c.id, name: '甲' }, session);
    const b = await call(app, 'person.create', { communityId: c.id, name: '乙' }, session);
    await call(app, 'part.setOwners', { partId: part.partId, personIds: [a.id], date: '2020-03-01' }, session);
    const sold = await call(app, 'part.setOwners', { partId: part.partId, personIds: [b.id], date: '2026-06-30' }, session);
    expect(sold.owners.map((o) => o.name)).toEqual(['乙']);
    expect(sold.history.map((h) => [h.name, h.startDate, h.endDate])).toEqual([['乙', '2026-06-30', null], ['甲', '2020-03-01', '2026-06-30']]);
    const back = await callError(app, 'part.setOwners', { partId: part.partId, personIds: [a.id], date: '2026-01-01' }, session);
    expect(back.message).toContain('早于现业主的登记日期');
  });

  it('a corrected address leaves no empty building or entrance behind', async () => {
    const { app, session, c } = await community();
    const part = await call(app, 'part.create', { communityId: c.id, building: '1栋', entrance: '1单元', room: '101', area: '90' }, session);
    await call(app, 'part.create', { communityId: c.id, building: '2幢', entrance: '1单元', room: '101', area: '90' }, session);
    await call(app, 'part.update', { id: part.partId, building: '1幢', entrance: '1单元', room: '101', area: '90' }, session);
    const buildings = await call(app, 'community.buildings', { id: c.id }, session);
    expect(buildings.map((b) => [b.name, b.entrances.map((e) => e.name), b.parts])).toEqual([['1幢', ['1单元'], 1], ['2幢', ['1单元'], 1]]);
  });

  it('audits every write with its author, before and after', async () => {
    const { app, session, c } = await community();
    const part = await call(app, 'part.create', { communityId: c.id, building: '1幢', room: '101', area: '90' }, session);
    await call(app, 'part.update', { id: part.partId, building: '1幢', room: '101', area: '91.25' }, session);
    const log = await call(app, 'audit.list', { entity: 'part', entityId: part.partId }, session);
    expect(log.rows.map((r) => r.action)).toEqual(['update', 'create']);
    expect(log.rows[0]).toMatchObject({ author: '王主任（admin）', before: expect.objectContaining({ area: 9000 }), after: expect.objectContaining({ area: 9125 }) });
  });

  it('the electorate follows the scope and the parking setting', async () => {
    const { app, session, c } = await community();
    const mk = (building: string, entrance: string, room: string, area: string, extra = {}) =>
      call(app, 'part.create', { communityId: c.id, building, entrance, room, area, ...extra }, session);
    const a = await call(app, 'person.create', { communityId: c.id, name: 'A' }, session);
    const parts = [await mk('1幢', '1单元', '101', '90'), await mk('1幢', '2单元', '102', '110'), await mk('2幢', '', 'P1', '12.5', { type: '车位' })];
    for (const p of parts) await call(app, 'part.setOwners', { partId: p.partId, personIds: [a.id], date: '2026-01-01' }, session);
    const whole = await call(app, 'roster.electorate', { communityId: c.id }, session);
    expect(whole).toMatchObject({ count: 1, area: '200.00', parts: 3, countParking: false });
    expect(whole.breakdown.excludedParking).toEqual({ parts: 1, area: '12.50' });
    const buildings = await call(app, 'community.buildings', { id: c.id }, session);
    const b1 = buildings.find((b) => b.name === '1幢')!;
    const entrance2 = b1.entrances.find((e) => e.name === '2单元')!;
    expect(await call(app, 'roster.electorate', { communityId: c.id, entranceId: entrance2.id }, session)).toMatchObject({ count: 1, area: '110.00' });
    await call(app, 'community.update', { ...c, settings: { countParkingInVotes: true } }, session);
    expect(await call(app, 'roster.electorate', { communityId: c.id }, session)).toMatchObject({ count: 1, area: '212.50' });
  });
});

// The response says when a call changed data, so that the screens' cached reads are read again (renderer/src/api/queries.ts).
describe('a response says whether the call changed data', () => {
  it('a write does, a read and a refusal do not, nor looking at a person in full (audited, nothing changed)', async () => {
    const { app, session } = await loggedInApp();
    const created = await app.handle({ method: 'community.create', input: { name: '翠苑一区' }, session });
    expect(created).toMatchObject({ ok: true, wrote: true });
    const communityId = (created as { result: { id: string } }).result.id;
    expect(await app.handle({ method: 'community.list', input: {}, session })).not.toHaveProperty('wrote');
    const refused = await app.handle({ method: 'community.create', input: { name: '翠苑一区' }, session });
    expect(refused).toMatchObject({ ok: false });
    expect(refused).not.toHaveProperty('wrote');
    const person = await call(app, 'person.create', { communityId, name: '张三', document: ZHANG, phone: '13812345678' }, session);
    const viewed = await app.handle({ method: 'person.get', input: { id: person.id }, session });
    expect(viewed).toMatchObject({ ok: true, result: { document: ZHANG } });
    expect(viewed).not.toHaveProperty('wrote');
    const audit = await call(app, 'audit.list', { entity: 'person', limit: 10, offset: 0 }, session);
    expect(audit.rows.map((r) => r.action)).toContain('view-full-document');
  });
});
