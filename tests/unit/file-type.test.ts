/** Attachment types decided by content (main/files/file-type.ts), on real byte samples; names cleaned and given their type's extension. */
import { describe, expect, it } from 'vitest';
import { ALLOWED_TYPES, cleanFileName, detectFileType, MAX_NAME_LENGTH, nameForType, type Detection } from '../../main/files/file-type';
import { readZipEntry, zipEntries } from '../../main/files/zip-directory';
import {
  BATCH, CFB, ELF, GBK_TEXT, HTA, HTML, JPEG, LNK, PDF, PE, PNG, REMOTE_TEMPLATE_RELS, SHEBANG, UTF8_TEXT, WEBP, ooxml, xlsx, zipOf,
} from '../fixtures/attachment-samples';

const kind = (d: Detection) => (d.ok ? d.type.kind : null);
const what = (d: Detection) => (d.ok ? null : d.what);

describe('allowed by content, whatever the name says', () => {
  it('PDF, JPEG, PNG, WebP', () => {
    expect(kind(detectFileType(PDF, '扫描件.exe'))).toBe('pdf');
    expect(kind(detectFileType(JPEG, '现场'))).toBe('jpeg');
    expect(kind(detectFileType(PNG, 'x.gif'))).toBe('png');
    expect(kind(detectFileType(WEBP, 'x.png'))).toBe('webp');
  });

  it('Office documents: a zip whose [Content_Types].xml names a Word, Excel or PowerPoint main part', async () => {
    expect(kind(detectFileType(await ooxml('docx'), '通知.docx'))).toBe('docx');
    expect(kind(detectFileType(await xlsx(), '台账.xlsx'))).toBe('xlsx');
    expect(kind(detectFileType(await ooxml('pptx'), '汇报'))).toBe('pptx');
  });

  it('plain text in UTF-8 (with a BOM) or GBK', () => {
    expect(kind(detectFileType(UTF8_TEXT, '来信.txt'))).toBe('text');
    expect(new TextDecoder('gbk').decode(GBK_TEXT)).toBe('业主来信\r\n3幢电梯坏了一周。');
    expect(kind(detectFileType(GBK_TEXT, '来信.txt'))).toBe('text');
    // A letter that happens to begin with "MZ" is text, not a program.
    expect(kind(detectFileType(Buffer.from('MZ小区停水通知'), 'x.txt'))).toBe('text');
  });
});

describe('refused, naming what the file really is', () => {
  it('programs and shortcuts by their magic bytes', () => {
    expect(what(detectFileType(PE, '业主来信.pdf'))).toContain('Windows 可执行程序');
    expect(what(detectFileType(ELF, 'x.jpg'))).toContain('Linux 可执行程序（ELF）');
    expect(what(detectFileType(LNK, '业主来信.pdf.lnk'))).toContain('Windows 快捷方式（.lnk）');
    expect(what(detectFileType(SHEBANG, 'readme.txt'))).toContain('#!');
  });

  it('HTML and HTA by content, whatever the name', () => {
    expect(what(detectFileType(HTML, '通知.txt'))).toContain('网页文件');
    expect(what(detectFileType(HTA, '通知.pdf'))).toContain('HTA');
  });

  it('batch, PowerShell, VBScript and other scripts by name when the content is text', () => {
    expect(what(detectFileType(BATCH, '清理.bat'))).toContain('批处理');
    expect(what(detectFileType(BATCH, '清理.CMD'))).toContain('批处理');
    expect(what(detectFileType(Buffer.from('Remove-Item -Recurse ~'), 'a.ps1'))).toContain('PowerShell');
    expect(what(detectFileType(Buffer.from('MsgBox "hi"'), 'a.vbs'))).toContain('VBScript');
    expect(what(detectFileType(Buffer.from('[InternetShortcut]\r\nURL=file:///C:/x.exe'), 'a.url'))).toContain('快捷方式');
    expect(what(detectFileType(Buffer.from('Windows Registry Editor Version 5.00'), 'a.reg'))).toContain('注册表');
    // The same batch text named .txt is only text: opened, it shows in Notepad.
    expect(kind(detectFileType(BATCH, '清理.txt'))).toBe('text');
  });

  it('zips: without [Content_Types].xml an archive; with macros, ActiveX, OLE objects or a remote template refused', async () => {
    expect(what(detectFileType(await zipOf({ 'a.txt': '1' }), '资料.docx'))).toBe('ZIP 压缩包');
    expect(what(detectFileType(await zipOf({ 'META-INF/MANIFEST.MF': 'Main-Class: X', 'X.class': 'x' }), 'a.zip'))).toContain('Java 程序');
    expect(what(detectFileType(await ooxml('docm'), 'a.docx'))).toContain('含宏的 Office 文档');
    expect(what(detectFileType(await ooxml('docx', { 'word/vbaProject.bin': 'x' }), 'a.docx'))).toContain('含宏');
    expect(what(detectFileType(await ooxml('docx', { 'word/activeX/activeX1.xml': '<x/>' }), 'a.docx'))).toContain('ActiveX');
    expect(what(detectFileType(await ooxml('docx', { 'word/embeddings/oleObject1.bin': 'x' }), 'a.docx'))).toContain('内嵌程序对象');
    expect(what(detectFileType(await ooxml('docx', { 'word/_rels/settings.xml.rels': REMOTE_TEMPLATE_RELS }), 'a.docx'))).toContain('从外部载入');
  });

  it('legacy Office and other containers, archives and unsupported images, with advice', () => {
    const legacy = detectFileType(CFB, '通知.doc');
    expect(what(legacy)).toContain('旧版 Office 文档');
    expect(legacy.ok ? '' : legacy.advice).toContain('另存为');
    expect(what(detectFileType(Buffer.from('Rar!\x1a\x07\x00', 'latin1'), 'a.rar'))).toBe('RAR 压缩包');
    expect(what(detectFileType(Buffer.from('GIF89a\x01\x00', 'latin1'), 'a.gif'))).toBe('GIF 图像');
    expect(what(detectFileType(Buffer.from('{\\rtf1\\ansi {\\object}}'), 'a.doc'))).toContain('RTF');
  });

  it('binary it does not know, and text in other encodings or with control characters', () => {
    expect(what(detectFileType(Buffer.from([0x00, 0x01, 0x02, 0xff]), 'a.dat'))).toContain('无法识别');
    expect(what(detectFileType(Buffer.from('\ufeffabc', 'utf16le'), 'a.txt'))).toContain('无法识别');
    expect(what(detectFileType(Buffer.from('abc\u0007def'), 'a.txt'))).toContain('无法识别');
  });
});

describe('the zip reader stays within its bounds', () => {
  it('inflates an entry only up to the ceiling, whatever the directory claims', async () => {
    const bomb = await zipOf({ '[Content_Types].xml': Buffer.alloc(5 * 1024 * 1024, 0x20) });
    const entries = zipEntries(bomb)!;
    expect(entries.map((e) => e.name)).toEqual(['[Content_Types].xml']);
    expect(readZipEntry(bomb, entries[0]!, 1024 * 1024)).toBeNull();
    // A directory that understates the size does not get past the ceiling either.
    const lying = { ...entries[0]!, size: 10 };
    expect(readZipEntry(bomb, lying, 1024 * 1024)).toBeNull();
    expect(what(detectFileType(bomb, 'a.docx'))).toContain('过大');
    expect(zipEntries(Buffer.from('PK\x03\x04 not really a zip'))).toBeNull();
  });
});

describe('names', () => {
  it('strip control characters, bidi overrides and invisible characters; keep the last path segment', () => {
    expect(cleanFileName('业主来信\u202Efdp.exe')).toBe('业主来信fdp.exe');
    expect(cleanFileName('C:\\Users\\x\\Desktop\\纪要\u0000.pdf')).toBe('纪要.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u200Bb\u2066c\u2069\uFEFF.txt')).toBe('abc.txt');
    expect(cleanFileName('报告:终稿?.docx')).toBe('报告_终稿_.docx');
    expect(cleanFileName('说明.txt. . ')).toBe('说明.txt');
  });

  it('are at most 100 characters, the extension kept', () => {
    const long = cleanFileName(`${'很长的文件名'.repeat(40)}.pdf`);
    expect([...long]).toHaveLength(MAX_NAME_LENGTH);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('get their detected type’s extension', () => {
    expect(nameForType('业主来信.pdf.exe', ALLOWED_TYPES.pdf)).toBe('业主来信.pdf');
    expect(nameForType('业主来信fdp.exe', ALLOWED_TYPES.pdf)).toBe('业主来信fdp.pdf');
    expect(nameForType('现场.jpg', ALLOWED_TYPES.text)).toBe('现场.txt');
    expect(nameForType('现场.JPEG', ALLOWED_TYPES.jpeg)).toBe('现场.JPEG');
    expect(nameForType('2026.11.02纪要', ALLOWED_TYPES.pdf)).toBe('2026.11.02纪要.pdf');
    expect(nameForType('', ALLOWED_TYPES.png)).toBe('附件.png');
    expect(nameForType('.pdf', ALLOWED_TYPES.pdf)).toBe('附件.pdf');
  });
});
