/**
 * Exchange between offices at its edges (issue 18), on real databases through the contract: a record deleted at the
 * 社区 leaves the street and the district; a record sent again after an acknowledgement that went back; the same
 * street package twice at the district changes nothing; and the packages a street could forge — a 社区's package
 * altered inside its own, another street's 社区 forwarded, a vouched office that is not a 社区 or takes a known name,
 * an acknowledgement of a package never sent — each refused whole, saying which.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { App } from '../../main/app';
import { signPackage, type PackageBody } from '../../main/services/levels/packages';
import { call, callError, serviceContextOf, tempDir, testApp } from '../helpers';

interface Office { app: App; dir: string; code: string }

async function office(name: string, level: '社区' | '街道' | '区', above: string | null): Promise<Office> {
  const dir = tempDir('sanfang-exchange-');
  const app = await testApp(dir, { fixedAuthor: 'CLI:test', trustedCaller: true });
  return { app, dir, code: (await call(app, 'office.init', { name, level, above })).code };
}

const register = (at: Office, name: string, level: '社区' | '街道' | '区', of: Office) => call(at.app, 'office.register', { name, level, code: of.code });
const carry = async (from: Office, to: Office, toName: string) => call(to.app, 'exchange.import', { text: (await call(from.app, 'exchange.export', { to: toName })).text });

function tables(o: Office, names: readonly string[]): string {
  const db = new Database(path.join(o.dir, 'sanfang.sqlite'), { readonly: true });
  try {
    return names.map((t) => JSON.stringify(db.prepare(`select * from ${t} order by 1, 2, 3`).all())).join('\n');
  } finally {
    db.close();
  }
}

async function district() {
  const a = await office('桥西社区', '社区', '拱宸桥街道');
  const b = await office('和睦社区', '社区', '和睦街道');
  const s1 = await office('拱宸桥街道', '街道', '拱墅区');
  const s2 = await office('和睦街道', '街道', '拱墅区');
  const d = await office('拱墅区', '区', null);
  await register(a, '拱宸桥街道', '街道', s1);
  await register(s1, '桥西社区', '社区', a);
  await register(b, '和睦街道', '街道', s2);
  await register(s2, '和睦社区', '社区', b);
  for (const [s, name] of [[s1, '拱宸桥街道'], [s2, '和睦街道']] as const) {
    await register(s, '拱墅区', '区', d);
    await register(d, name, '街道', s);
  }
  const c = await call(a.app, 'community.create', { name: '桥西一苑', type: '商品房', settings: {} });
  return { a, b, s1, s2, d, communityId: c.id };
}

describe('exchange at its edges', () => {
  it('a deletion travels up to the district; the same street package twice changes nothing there', async () => {
    const { a, s1, d, communityId } = await district();
    const meeting = await call(a.app, 'meeting.create', { communityId, kind: '院坝会', title: '停车议题院坝会', date: '2026-11-20', agenda: [] });
    await carry(a, s1, '拱宸桥街道');
    const first = await call(s1.app, 'exchange.export', { to: '拱墅区' });
    await call(d.app, 'exchange.import', { text: first.text });
    const held = ['received_records', 'offices', 'exchange_sent', 'rollup_quarters'];
    const before = tables(d, held);
    expect(before).toContain('停车议题院坝会');
    expect(await call(d.app, 'exchange.import', { text: first.text })).toMatchObject({ records: 0 });
    expect(tables(d, held)).toBe(before);

    // The meeting goes (a record removed at the 社区, as a correction there would): it goes at the street and the district.
    const db = new Database(path.join(a.dir, 'sanfang.sqlite'));
    db.prepare('delete from meetings where id = ?').run(meeting.id);
    db.close();
    const next = await call(a.app, 'exchange.export', { to: '拱宸桥街道' });
    expect(JSON.parse(next.text).records).toContainEqual({ kind: 'meeting', id: meeting.id, communityId: null, deleted: true });
    await call(s1.app, 'exchange.import', { text: next.text });
    expect(tables(s1, ['received_records'])).not.toContain('停车议题院坝会');
    await carry(s1, d, '拱墅区');
    expect(tables(d, ['received_records'])).not.toContain('停车议题院坝会');
  });

  it('an acknowledgement that goes back (the street restored a backup) sends everything again', async () => {
    const { a, s1 } = await district();
    const backup = path.join(tempDir('sanfang-backup-'), 'street.sqlite');
    await s1.app.backupTo(backup);
    await carry(a, s1, '拱宸桥街道');
    await carry(s1, a, '桥西社区'); // acknowledges 桥西社区's first
    expect(JSON.parse((await call(a.app, 'exchange.export', { to: '拱宸桥街道' })).text).records).toHaveLength(0);
    // The street goes back to before it had anything: its next package acknowledges nothing, and the 社区 starts over.
    s1.app.close();
    fs.copyFileSync(backup, path.join(s1.dir, 'sanfang.sqlite'));
    for (const f of ['sanfang.sqlite-wal', 'sanfang.sqlite-shm']) fs.rmSync(path.join(s1.dir, f), { force: true });
    const restored = await testApp(s1.dir, { fixedAuthor: 'CLI:test', trustedCaller: true });
    const street = { ...s1, app: restored };
    // Its numbering went back too: its new first package is refused at the 社区 as what it is.
    const again = await call(street.app, 'exchange.export', { to: '桥西社区' });
    expect((await callError(a.app, 'exchange.import', { text: again.text })).message).toMatch(/与已导入的第 1 号内容不同/);
    // Its next one is taken, and acknowledges nothing: the 社区's next package holds every record again.
    expect(await call(a.app, 'exchange.import', { text: (await call(street.app, 'exchange.export', { to: '桥西社区' })).text })).toMatchObject({ sequence: 2 });
    const resent = await call(a.app, 'exchange.export', { to: '拱宸桥街道' });
    expect(JSON.parse(resent.text).records.map((r: { kind: string }) => r.kind)).toEqual(['community']);
    expect(await call(street.app, 'exchange.import', { text: resent.text })).toMatchObject({ records: 1 });
  });

  it('what a street could forge is refused whole at the district', async () => {
    const { a, b, s1, s2, d } = await district();
    await carry(a, s1, '拱宸桥街道');
    await carry(b, s2, '和睦街道');
    const genuine = JSON.parse((await call(s1.app, 'exchange.export', { to: '拱墅区' })).text) as PackageBody & { signature: string };
    const street = await serviceContextOf(s1.dir);
    const forge = (records: unknown[], sequence = 2, acknowledges = 0) => signPackage(street, { name: '拱墅区', level: '区' }, sequence, acknowledges, records, '2026-12-05T10:00:00.000Z');
    const offices = genuine.records.filter((r) => (r as { kind: string }).kind === 'office');
    const forwarded = genuine.records.find((r) => (r as { kind: string }).kind === 'forwarded') as { kind: string; id: string; communityId: null; body: { text: string } };

    // A 社区's package altered inside the street's own, the street's signature made anew over it.
    const altered = { ...forwarded, body: { text: forwarded.body.text.replace('桥西一苑', '桥西二苑') } };
    expect((await callError(d.app, 'exchange.import', { text: forge([...offices, altered]) })).message).toMatch(/在“桥西社区”签名之后被改动过/);
    // Another street's 社区 forwarded as if it were this street's.
    const theirsText = (await call(s2.app, 'exchange.export', { to: '拱墅区' })).text;
    await call(d.app, 'exchange.import', { text: theirsText });
    const foreign = (JSON.parse(theirsText) as PackageBody).records.find((r) => (r as { kind: string }).kind === 'forwarded');
    expect((await callError(d.app, 'exchange.import', { text: forge([...offices, foreign]) })).message).toMatch(/没有在本办公室登记/);
    // A vouched office that is not a 社区, or takes a name the district knows.
    const office0 = offices[0] as { kind: string; id: string; communityId: null; body: Record<string, string> };
    expect((await callError(d.app, 'exchange.import', { text: forge([{ ...office0, body: { ...office0.body, level: '街道' } }]) })).message).toMatch(/内容不完整/);
    expect((await callError(d.app, 'exchange.import', { text: forge([{ ...office0, id: 'x', body: { ...office0.body, name: '和睦社区' } }]) })).message).toMatch(/与“和睦街道”登记的社区同名/);
    // An acknowledgement of a package the district never sent.
    expect((await callError(d.app, 'exchange.import', { text: forge([], 2, 3) })).message).toMatch(/本办公室只发出到第 0 号/);
    // None of it changed anything: the genuine package still goes in whole.
    expect(await call(d.app, 'exchange.import', { text: `${JSON.stringify(genuine)}\n` })).toMatchObject({ from: '拱宸桥街道' });
  });
});
