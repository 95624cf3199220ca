/**
 * Issue 12: after a roster import and everyday writes, no full ID number or phone appears in the
 * bytes of the database, its WAL, a backup or an export — while the roster search still finds a
 * person by a full number, and the person's own page shows it.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRosterWorkbook } from '../../main/files/roster-workbook';
import { maskDocument, mainlandIdCheckChar } from '../../shared/domain/identity';
import { isPlaintextBackup } from '../../main/security/plaintext-backups';
import { plaintextIn, secretForms } from '../fixtures/plaintext-scan';
import { generateRoster, rosterCsv } from '../fixtures/roster-generator';
import { call, loggedInApp, tempDir, testApp } from '../helpers';

/** A valid mainland ID whose check character is X (written with a lower-case x, as people do). */
function idEndingInX(): string {
  for (let seq = 100; ; seq++) {
    const first17 = `11010119850612${seq}`;
    if (mainlandIdCheckChar(first17) === 'X') return `${first17}x`;
  }
}

describe('personal data at rest', () => {
  it('no ID or phone in the database, its WAL, a backup or an export; the search and the person page still work', async () => {
    const { app, session } = await loggedInApp();
    const rows = generateRoster({ parts: 300, seed: 9 });
    const xlsx = await writeRosterWorkbook(rows);
    const work = tempDir();
    const rosterFile = path.join(work, 'roster.xlsx');
    fs.writeFileSync(rosterFile, xlsx);
    const { communityId } = await call(app, 'roster.import', { file: { fileName: 'roster.xlsx', base64: xlsx.toString('base64') }, community: { name: '扫描小区' } }, session);

    // Everyday writes: a new owner (ID ending in x), an edited one, a proxy's authorisation that quotes an ID.
    const newId = idEndingInX();
    const created = await call(app, 'person.create', { communityId, name: '赵六', document: newId, phone: '139 0000 1234' }, session);
    const someone = (await call(app, 'roster.page', { communityId, search: '', deliveryStatus: '已交付', limit: 5 }, session)).rows[0]!.owners[0]!;
    await call(app, 'person.update', { id: someone.personId, name: someone.name, document: '', phone: '13700007777' }, session);
    const proxyId = '110101199003074514';
    const vote = await call(app, 'vote.create', { communityId, title: '续聘物业', opens: '2026-11-01', closes: '2026-11-20', items: [{ title: '续聘物业服务企业', category: 4 }] }, session);
    const subject = (await call(app, 'vote.subjects', { voteId: vote.id, limit: 1 }, session)).rows[0]!;
    const proxyDocument = `授权委托书（受托人身份证 ${proxyId}）`;
    await call(app, 'ballot.record', {
      voteId: vote.id, subjectId: subject.id, proxyHolder: '钱七', proxyDocument, choices: [{ itemId: vote.items[0]!.id, choice: 'yes' }],
    }, session);
    // The ballot screen gets the proxy's authorisation back as entered; the stored row does not hold it.
    const back = (await call(app, 'vote.subjects', { voteId: vote.id, search: subject.code }, session)).rows[0]!;
    expect(back.ballot!.proxyDocument).toBe(proxyDocument);

    const backup = await call(app, 'backup.create', {}, session);
    const exported = await call(app, 'roster.export', { communityId }, session);
    const exportFile = path.join(work, exported.fileName);
    fs.writeFileSync(exportFile, Buffer.from(exported.base64, 'base64'));

    const fromRoster = rows.flatMap((r) => [...r.documents.split('、'), ...r.phones.split('、')]).filter((v) => v !== '');
    const secrets = secretForms([...fromRoster, newId, '13900001234', '13700007777', proxyId]);
    expect(fromRoster.length).toBeGreaterThan(500);
    expect(secrets.some((s) => s.endsWith('x'))).toBe(true);
    // The scan sees through the zip: the roster file that was imported holds every number.
    expect(plaintextIn([rosterFile], fromRoster)).toHaveLength(fromRoster.length);

    const files = [app.dbPath, `${app.dbPath}-wal`, backup.file, exportFile];
    for (const f of files) expect(fs.existsSync(f), f).toBe(true);
    expect(fs.statSync(`${app.dbPath}-wal`).size).toBeGreaterThan(0);
    expect(plaintextIn(files, secrets)).toEqual([]);
    // What is stored instead: masked forms (the search's visible digits) and sealed values.
    const dbBytes = fs.readFileSync(app.dbPath);
    const wal = fs.readFileSync(`${app.dbPath}-wal`);
    expect(Buffer.concat([dbBytes, wal]).includes(Buffer.from('139****1234'))).toBe(true);
    expect(Buffer.concat([dbBytes, wal]).includes(Buffer.from('aes256gcm.v1.'))).toBe(true);

    // The roster search: a full ID, a full phone (found by keyed hash), the visible digits of the masked forms.
    const person = await call(app, 'person.get', { id: created.id }, session);
    expect(person).toMatchObject({ document: newId.toUpperCase(), phone: '13900001234' });
    const imported = rows.find((r) => r.deliveryStatus === '已交付' && r.documents !== '' && !r.owners.includes('、'))!;
    const address = `${imported.building}${imported.entrance ?? ''}${imported.room}`;
    for (const search of [imported.documents, imported.documents.toLowerCase(), imported.phones, imported.phones.slice(-4), imported.documents.slice(0, 6)]) {
      const page = await call(app, 'roster.page', { communityId, search, limit: 1000 }, session);
      expect(page.rows.map((r) => r.address), search).toContain(address);
    }
    const middle = imported.phones.slice(3, 7); // hidden by the mask: not searchable
    expect((await call(app, 'roster.page', { communityId, search: `${imported.phones.slice(0, 3)}${middle}`, limit: 1000 }, session)).rows.map((r) => r.address)).not.toContain(address);
    const found = await call(app, 'person.search', { communityId, search: '13900001234' }, session);
    expect(found.map((p) => p.personId)).toEqual([created.id]);
    expect(found[0]).toMatchObject({ document: `${newId.slice(0, 6)}**********${newId.slice(16).toUpperCase()}`, phone: '139****1234' });
  }, 120_000);

  it('a database from before encryption: its proxies and the audit rows that quoted them are sealed and masked at the next start', async () => {
    const dir = tempDir();
    const { app, session } = await loggedInApp(dir);
    const csv = Buffer.from(rosterCsv(generateRoster({ parts: 20, seed: 2 })), 'utf8').toString('base64');
    const { communityId } = await call(app, 'roster.import', { file: { fileName: 'r.csv', base64: csv }, community: { name: '旧版小区' } }, session);
    const vote = await call(app, 'vote.create', { communityId, title: '表决', opens: '2026-11-01', closes: '2026-11-20', items: [{ title: '续聘物业服务企业', category: 4 }] }, session);
    const subject = (await call(app, 'vote.subjects', { voteId: vote.id, limit: 1 }, session)).rows[0]!;
    const { ballotId } = await call(app, 'ballot.record', {
      voteId: vote.id, subjectId: subject.id, proxyHolder: '钱七', proxyDocument: '授权委托书', choices: [{ itemId: vote.items[0]!.id, choice: 'yes' }],
    }, session);
    app.close();

    // What versions before encryption left: the proxy's authorisation and its audit row in the clear.
    const proxyId = '110101199003074514';
    const plain = `授权委托书（受托人身份证 ${proxyId}）`;
    const db = new Database(app.dbPath);
    db.prepare('update ballots set proxy_document = ? where id = ?').run(plain, ballotId);
    db.prepare("update audit_log set after = json_set(after, '$.proxyDocument', ?) where entity = 'ballot'").run(plain);
    db.prepare('update data_key set sealed_at = null, vacuumed_at = null').run();
    db.close();
    const oldBackup = path.join(tempDir(), 'old.sqlite');
    const copy = new Database(app.dbPath, { readonly: true });
    await copy.backup(oldBackup);
    copy.close();
    expect(isPlaintextBackup(oldBackup)).toBe(true);
    expect(plaintextIn([oldBackup], [proxyId])).toHaveLength(1);

    const again = await testApp(dir);
    const login = await call(again, 'auth.login', { username: 'admin', password: 'correct horse' });
    const back = (await call(again, 'vote.subjects', { voteId: vote.id, search: subject.code }, login.session)).rows[0]!;
    expect(back.ballot!.proxyDocument).toBe(plain);
    const audit = (await call(again, 'audit.list', { entity: 'ballot' }, login.session)).rows[0]!;
    expect((audit.after as { proxyDocument: string }).proxyDocument).toBe(maskDocument(plain));
    const files = [again.dbPath, `${again.dbPath}-wal`].filter((f) => fs.existsSync(f));
    expect(plaintextIn(files, [proxyId])).toEqual([]);
    expect(isPlaintextBackup(again.dbPath)).toBe(false);
  });
});

