/**
 * Attachments through the router on a real data folder: types decided by
 * content, refusals that name what the file is and write nothing (no row, no
 * file, no audit), names cleaned and given their type's extension, and
 * opening that never runs anything — files stored by older versions included.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openApp } from '../../main/app';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import {
  BATCH, GBK_TEXT, HTA, HTML, JPEG, LNK, PDF, PE, PNG, WEBP, ooxml, xlsx, zipOf,
} from '../fixtures/attachment-samples';
import { call, tempDir } from '../helpers';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** An app (optionally with the desktop's "show in folder"), its administrator and a meeting to attach files to. */
async function setup(options: { showInFolder?: (filePath: string) => void } = {}) {
  const dataDir = tempDir();
  const app = await openApp({ dataDir, migrationsDir: MIGRATIONS_DIR, ...options });
  onTestFinished(() => app.close());
  const { session } = await call(app, 'auth.setup', { username: 'admin', displayName: '王主任', password: 'correct horse' });
  const c = await call(app, 'community.create', { name: '和平小区', communityOffice: '和平社区' }, session);
  const m = await call(app, 'meeting.create', { communityId: c.id, kind: '联席会议', title: '11月联席会议', date: '2026-11-02', agenda: [{ title: '电梯更新' }] }, session);
  const add = (fileName: string, bytes: Buffer) =>
    app.handle({ method: 'attachment.add', input: { ownerType: 'meeting', ownerId: m.id, file: { fileName, base64: bytes.toString('base64') } }, session });
  const list = () => call(app, 'attachment.list', { ownerType: 'meeting', ownerId: m.id }, session);
  const open = (id: string) => app.handle({ method: 'attachment.open', input: { id }, session });
  return { app, session, dataDir, meetingId: m.id, communityId: c.id, add, list, open };
}

function storedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'attachments');
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name) : [];
}

function auditActions(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare("select action from audit_log where entity = 'meeting'").pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe('adding: decided by content, refused with what the file really is, nothing written', () => {
  it('a Windows program renamed 业主来信.pdf', async () => {
    const { app, dataDir, add, list } = await setup();
    const answer = await add('业主来信.pdf', PE);
    expect(answer).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    const message = (answer as { error: { message: string } }).error.message;
    expect(message).toContain('文件“业主来信.pdf”实际是Windows 可执行程序');
    expect(message).toContain('不能作为附件添加');
    expect(message).toContain('可以添加：PDF、图片（JPEG、PNG、WebP）、Office 文档（.docx、.xlsx、.pptx）、纯文本');
    expect(await list()).toEqual([]);
    expect(storedFiles(dataDir)).toEqual([]);
    expect(auditActions(app.dbPath)).not.toContain('attach');
  });

  it('shortcuts, web pages, HTA, scripts, archives and macro documents, each named', async () => {
    const { dataDir, add, list } = await setup();
    const cases: [string, Buffer, string][] = [
      ['业主来信.pdf.lnk', LNK, 'Windows 快捷方式（.lnk）'],
      ['通知.txt', HTML, '网页文件'],
      ['通知.hta', HTA, '网页文件（HTML/HTA/SVG/XML）'],
      ['清理.bat', BATCH, 'Windows 批处理脚本'],
      ['资料.docx', await zipOf({ '照片.jpg': JPEG }), 'ZIP 压缩包'],
      ['方案.docx', await ooxml('docm'), '含宏的 Office 文档'],
    ];
    for (const [name, bytes, expected] of cases) {
      const answer = await add(name, bytes);
      expect(answer, name).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
      expect((answer as { error: { message: string } }).error.message, name).toContain(`文件“${name}”实际是${expected}`);
    }
    expect(await list()).toEqual([]);
    expect(storedFiles(dataDir)).toEqual([]);
  });

  it('a file over 40 MB is refused by the contract before it is decoded', async () => {
    const { add, list } = await setup();
    const answer = await add('大扫描件.pdf', Buffer.concat([PDF, Buffer.alloc(40 * 1024 * 1024)]));
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((answer as { error: { message: string } }).error.message).toContain('文件超过 40 MB');
    expect(await list()).toEqual([]);
  });
});

describe('adding: names cleaned, the stored extension from the detected type', () => {
  it('a bidi override and control characters are stripped; a PDF named .exe is stored and named .pdf', async () => {
    const { app, dataDir, add, list } = await setup();
    const answer = await add('业主来信\u202Efdp.exe', PDF);
    expect(answer).toMatchObject({ ok: true, result: { fileName: '业主来信fdp.pdf', sha256: sha(PDF), size: PDF.length } });
    expect(fs.readFileSync(path.join(dataDir, 'attachments', sha(PDF).slice(0, 2), `${sha(PDF)}.pdf`))).toEqual(PDF);
    await add('签到表\u0007\u202Bgnp.exe', PNG);
    await add('现场.jpg', GBK_TEXT); // text, whatever the name says
    await add('照片', WEBP);
    await add('台账.xlsx', await xlsx());
    expect((await list()).map((a) => a.fileName)).toEqual(['业主来信fdp.pdf', '签到表gnp.png', '现场.txt', '照片.webp', '台账.xlsx']);
    expect(storedFiles(dataDir).map((n) => n.slice(64)).sort()).toEqual(['.pdf', '.png', '.txt', '.webp', '.xlsx']);
    const db = new Database(app.dbPath, { readonly: true });
    expect(db.prepare('select mime from attachments order by added_at, rowid').pluck().all()).toEqual([
      'application/pdf', 'image/png', 'text/plain; charset=utf-8', 'image/webp', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    db.close();
  });
});

describe('opening never runs anything', () => {
  it('PDFs and images come back for the app’s viewer; Office and text are downloaded in browser mode', async () => {
    const { add, open } = await setup();
    const pdf = await add('纪要.pdf', PDF);
    const jpeg = await add('现场.jpg', JPEG);
    const docx = await add('通知.docx', await ooxml('docx'));
    const text = await add('来信.txt', GBK_TEXT);
    const id = (a: typeof pdf) => (a as { result: { id: string } }).result.id;
    expect(await open(id(pdf))).toEqual({ ok: true, result: { shown: 'viewer', file: { fileName: '纪要.pdf', base64: PDF.toString('base64'), mime: 'application/pdf' } } });
    expect(await open(id(jpeg))).toMatchObject({ ok: true, result: { shown: 'viewer', file: { mime: 'image/jpeg' } } });
    expect(await open(id(docx))).toMatchObject({ ok: true, result: { shown: 'download', file: { fileName: '通知.docx' } } });
    expect(await open(id(text))).toMatchObject({ ok: true, result: { shown: 'download', file: { fileName: '来信.txt', mime: 'text/plain; charset=utf-8' } } });
  });

  it('desktop: an Office document is copied out under its name and shown in its folder; an edited copy is written again', async () => {
    const shown: string[] = [];
    const { dataDir, add, open } = await setup({ showInFolder: (file) => shown.push(file) });
    const bytes = await ooxml('docx');
    const docx = (await add('通知.docx', bytes)) as { result: { id: string } };
    expect(await open(docx.result.id)).toEqual({ ok: true, result: { shown: 'folder', file: null } });
    const copy = path.join(dataDir, 'opened', sha(bytes).slice(0, 16), '通知.docx');
    expect(shown).toEqual([copy]);
    expect(fs.readFileSync(copy)).toEqual(bytes);
    if (process.platform !== 'win32') {
      // As private as the stored original: the copy is a resident's letter too.
      expect(fs.statSync(copy).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(copy)).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(dataDir, 'opened')).mode & 0o777).toBe(0o700);
    }
    fs.writeFileSync(copy, 'edited in Word');
    await open(docx.result.id);
    expect(fs.readFileSync(copy)).toEqual(bytes);
    // The stored original was never the file shown.
    expect(fs.readFileSync(path.join(dataDir, 'attachments', sha(bytes).slice(0, 2), `${sha(bytes)}.docx`))).toEqual(bytes);
    // PDFs still open in the viewer, not in the folder.
    const pdf = (await add('纪要.pdf', PDF)) as { result: { id: string } };
    expect(await open(pdf.result.id)).toMatchObject({ ok: true, result: { shown: 'viewer' } });
    expect(shown).toHaveLength(2);
  });

  it('files stored by older versions are checked again: a program or a script is never opened, a PDF named .exe shows in the viewer', async () => {
    const shown: string[] = [];
    const { app, dataDir, meetingId, communityId, open } = await setup({ showInFolder: (file) => shown.push(file) });
    // What the version before this one wrote: any name, the name's extension on disk, a mime guessed from it.
    const legacy = (id: string, fileName: string, bytes: Buffer, ext: string) => {
      const file = path.join(dataDir, 'attachments', sha(bytes).slice(0, 2), `${sha(bytes)}${ext}`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, bytes);
      const db = new Database(app.dbPath);
      db.prepare(`insert into attachments (id, community_id, owner_type, owner_id, file_name, sha256, size, mime, added_at, added_by)
        values (?, ?, 'meeting', ?, ?, ?, ?, 'application/octet-stream', '2026-01-01T00:00:00.000Z', '旧版本')`)
        .run(id, communityId, meetingId, fileName, sha(bytes), bytes.length);
      db.close();
      return file;
    };
    const exe = legacy('00000000-0000-7000-8000-000000000001', '安装程序.exe', PE, '.exe');
    legacy('00000000-0000-7000-8000-000000000002', '清理.bat', BATCH, '.bat');
    legacy('00000000-0000-7000-8000-000000000003', '业主来信.pdf.exe', PDF, '.exe');
    legacy('00000000-0000-7000-8000-000000000004', '快捷方式.lnk', LNK, '.lnk');

    const program = await open('00000000-0000-7000-8000-000000000001');
    expect(program).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect((program as { error: { message: string } }).error.message).toBe(
      `附件“安装程序.exe”实际是Windows 可执行程序（.exe、.dll、.scr 等），为安全起见不予打开。文件仍保存在数据文件夹中（${exe}）。`,
    );
    expect((await open('00000000-0000-7000-8000-000000000002'))).toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('Windows 批处理脚本') } });
    expect((await open('00000000-0000-7000-8000-000000000004'))).toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('Windows 快捷方式') } });
    expect(await open('00000000-0000-7000-8000-000000000003')).toEqual({
      ok: true, result: { shown: 'viewer', file: { fileName: '业主来信.pdf', base64: PDF.toString('base64'), mime: 'application/pdf' } },
    });
    expect(shown).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'opened'))).toBe(false);
    // A stored file changed after it was added is still reported before anything else.
    fs.writeFileSync(exe, 'tampered');
    expect((await open('00000000-0000-7000-8000-000000000001'))).toMatchObject({ ok: false, error: { message: expect.stringContaining('已被改动') } });
  });
});

describe('what the refusal costs', () => {
  it('nothing is left behind by a refused file when a good one follows', async () => {
    const { dataDir, add, list } = await setup();
    await add('a.pdf', PE);
    await add('b.pdf', PDF);
    expect((await list()).map((a) => a.fileName)).toEqual(['b.pdf']);
    expect(storedFiles(dataDir)).toEqual([`${sha(PDF)}.pdf`]);
  });
});
