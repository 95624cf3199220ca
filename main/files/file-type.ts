/**
 * What a file really is, decided by its CONTENT (magic bytes, a zip's
 * [Content_Types].xml, whether it decodes as text), never by its name: an
 * attachment called `业主来信.pdf` that begins with `MZ` is a Windows program.
 *
 * Allowed: PDF, JPEG, PNG, WebP, Office documents (.docx, .xlsx, .pptx) and
 * plain text (UTF-8 or GBK, no NUL). Everything else is refused with what it
 * is. The name is consulted only to refuse more: text named .bat, .ps1, .vbs,
 * .hta … is a script whatever it says.
 *
 * Legacy .doc/.xls/.ppt (OLE compound files) are refused: the same container
 * holds Windows Installer packages (.msi), and telling a macro-free document
 * from one with macros or embedded programs needs a full compound-file parser.
 * Saving as .docx/.xlsx or PDF takes a minute and is what the message asks.
 */
import { readZipEntry, zipEntries, type ZipEntry } from './zip-directory';

export type AllowedKind = 'pdf' | 'jpeg' | 'png' | 'webp' | 'docx' | 'xlsx' | 'pptx' | 'text';

export interface AllowedType {
  kind: AllowedKind;
  mime: string;
  /** The extensions a name of this type may end with; the first is the one given when the name has none of them. */
  extensions: readonly string[];
  /** viewer: the app shows it itself; folder: only ever shown in the file manager (or downloaded). */
  opens: 'viewer' | 'folder';
}

export const ALLOWED_TYPES: Readonly<Record<AllowedKind, AllowedType>> = {
  pdf: { kind: 'pdf', mime: 'application/pdf', extensions: ['.pdf'], opens: 'viewer' },
  jpeg: { kind: 'jpeg', mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'], opens: 'viewer' },
  png: { kind: 'png', mime: 'image/png', extensions: ['.png'], opens: 'viewer' },
  webp: { kind: 'webp', mime: 'image/webp', extensions: ['.webp'], opens: 'viewer' },
  docx: { kind: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'], opens: 'folder' },
  xlsx: { kind: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'], opens: 'folder' },
  pptx: { kind: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['.pptx'], opens: 'folder' },
  text: { kind: 'text', mime: 'text/plain; charset=utf-8', extensions: ['.txt', '.csv'], opens: 'folder' },
};

/** What the message lists as addable. */
export const ALLOWED_DESCRIPTION = 'PDF、图片（JPEG、PNG、WebP）、Office 文档（.docx、.xlsx、.pptx）、纯文本（UTF-8 或 GBK 编码）';

export type Detection = { ok: true; type: AllowedType } | { ok: false; what: string; advice?: string };

const refuse = (what: string, advice?: string): Detection => (advice ? { ok: false, what, advice } : { ok: false, what });
const allow = (kind: AllowedKind): Detection => ({ ok: true, type: ALLOWED_TYPES[kind] });

const SAVE_AS = '请在 Office 或 WPS 中另存为 .docx/.xlsx/.pptx 或 PDF 后再添加';
const CONVERT_IMAGE = '请转换为 PDF、JPEG 或 PNG 后再添加';

function startsWith(bytes: Buffer, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * Formats known by their first bytes. `detect` may answer null: "MZ" starts a
 * Windows program only when the file is binary (a letter beginning "MZ小区…"
 * is text).
 */
const MAGIC: readonly { magic: readonly number[]; at?: number; detect: (bytes: Buffer) => Detection | null }[] = [
  { magic: ascii('%PDF-'), detect: () => allow('pdf') },
  { magic: [0xff, 0xd8, 0xff], detect: () => allow('jpeg') },
  { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], detect: () => allow('png') },
  { magic: ascii('MZ'), detect: (bytes) => (bytes.includes(0) ? refuse('Windows 可执行程序（.exe、.dll、.scr 等）') : null) },
  { magic: [0x7f, 0x45, 0x4c, 0x46], detect: () => refuse('Linux 可执行程序（ELF）') },
  { magic: [0xfe, 0xed, 0xfa, 0xce], detect: () => refuse('macOS 可执行程序（Mach-O）') },
  { magic: [0xfe, 0xed, 0xfa, 0xcf], detect: () => refuse('macOS 可执行程序（Mach-O）') },
  { magic: [0xce, 0xfa, 0xed, 0xfe], detect: () => refuse('macOS 可执行程序（Mach-O）') },
  { magic: [0xcf, 0xfa, 0xed, 0xfe], detect: () => refuse('macOS 可执行程序（Mach-O）') },
  { magic: [0xca, 0xfe, 0xba, 0xbe], detect: () => refuse('可执行程序（macOS 通用程序或 Java 类文件）') },
  { magic: [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00], detect: () => refuse('Windows 快捷方式（.lnk），打开时会运行它指向的程序') },
  {
    magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    detect: () => refuse('旧版 Office 文档（.doc/.xls/.ppt）或同格式的其他文件（如 .msi 安装包），无法可靠检查其中是否含宏或程序', SAVE_AS),
  },
  { magic: ascii('Rar!\x1a\x07'), detect: () => refuse('RAR 压缩包', '请解压后逐个添加其中的文件') },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], detect: () => refuse('7z 压缩包', '请解压后逐个添加其中的文件') },
  { magic: [0x1f, 0x8b], detect: () => refuse('gzip 压缩文件', '请解压后逐个添加其中的文件') },
  { magic: ascii('MSCF'), detect: () => refuse('Windows 安装用压缩包（.cab）') },
  { magic: ascii('GIF8'), detect: () => refuse('GIF 图像', CONVERT_IMAGE) },
  { magic: [0x49, 0x49, 0x2a, 0x00], detect: () => refuse('TIFF 图像', CONVERT_IMAGE) },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], detect: () => refuse('TIFF 图像', CONVERT_IMAGE) },
  { magic: ascii('ftypheic'), at: 4, detect: () => refuse('HEIC 图像（苹果手机照片）', CONVERT_IMAGE) },
  { magic: ascii('{\\rtf'), detect: () => refuse('RTF 文档（可内嵌程序对象）', SAVE_AS) },
  { magic: ascii('#!'), detect: () => refuse('脚本（以 #! 开头，可作为程序运行）') },
];

/** Text named like these is a program or a page, not a document. */
const SCRIPT_NAMES: readonly [RegExp, string][] = [
  [/\.(bat|cmd)$/i, 'Windows 批处理脚本（.bat/.cmd）'],
  [/\.(ps1|psm1|psd1|ps1xml)$/i, 'PowerShell 脚本'],
  [/\.(vbs|vbe)$/i, 'VBScript 脚本'],
  [/\.(js|jse|mjs|cjs)$/i, 'JScript/JavaScript 脚本'],
  [/\.(wsf|wsh|wsc|sct)$/i, 'Windows 脚本宿主文件'],
  [/\.(hta|html?|xhtml|mht|mhtml|svg|xml|xsl)$/i, '网页或标记文件（HTML/HTA/SVG/XML），打开时可运行脚本'],
  [/\.reg$/i, 'Windows 注册表文件（.reg），打开会改动系统设置'],
  [/\.(url|website)$/i, 'Internet 快捷方式'],
  [/\.(scf|lnk|pif|desktop)$/i, '快捷方式或启动器'],
  [/\.(inf|ins|isp|msc|cpl|application|appref-ms|settingcontent-ms|library-ms)$/i, 'Windows 系统或安装文件'],
  [/\.(sh|bash|zsh|command|py|pyw|pl|rb|php|jar|ps)$/i, '脚本或程序'],
];

/** Text whose beginning is markup a browser or mshta would run. */
const MARKUP = /^\s*<(?:!doctype\s+html|html|head|body|script|svg|iframe|hta:application|\?xml|!--)/i;

/** What the file is; `fileName` only refuses more (see SCRIPT_NAMES), it never allows. */
export function detectFileType(bytes: Buffer, fileName: string): Detection {
  for (const { magic, at, detect } of MAGIC) {
    const found = startsWith(bytes, magic, at) ? detect(bytes) : null;
    if (found) return found;
  }
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return allow('webp');
  if (startsWith(bytes, ascii('PK\x03\x04')) || startsWith(bytes, ascii('PK\x05\x06'))) return detectZip(bytes);
  const text = decodeText(bytes);
  if (text === null) return refuse('无法识别的文件类型（不是 PDF、图片、Office 文档，也不是纯文本）');
  if (MARKUP.test(text.slice(0, 1024))) return refuse('网页文件（HTML/HTA/SVG/XML），打开时可运行脚本');
  for (const [pattern, what] of SCRIPT_NAMES) if (pattern.test(fileName)) return refuse(what);
  return allow('text');
}

/**
 * UTF-8 (with or without BOM) or GBK text, no NUL and no control characters
 * but tab, line breaks and form feed; null when the bytes are not such text.
 */
function decodeText(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gbk', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
  return /[\u0001-\u0008\u000e-\u001f\u007f]/.test(text) ? null : text;
}

const CONTENT_TYPES: readonly [string, Detection][] = [
  // Macro-enabled first: their content types contain the plain ones' words.
  ['macroenabled', refuse('含宏的 Office 文档（.docm/.xlsm/.pptm 等）', SAVE_AS)],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', allow('docx')],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', allow('xlsx')],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml', allow('pptx')],
  ['.template.main+xml', refuse('Office 模板（.dotx/.xltx/.potx）', SAVE_AS)],
  ['slideshow.main+xml', refuse('PowerPoint 放映文件（.ppsx）', SAVE_AS)],
];

/** Parts an Office document may carry that run code or fetch it. */
const ACTIVE_PARTS = /(?:^|\/)(?:vbaProject\.bin|vbaData\.xml|activeX\/|embeddings\/oleObject[^/]*\.bin$)|\.(?:exe|dll|scr|com|bat|cmd|ps1|vbs|js|hta|lnk|msi|jar)$/i;
/** Relationships that make Office load a template, an object or a frame from elsewhere when the file opens. */
const REMOTE_RELATIONSHIP = /<Relationship\b(?=[^>]*TargetMode="External")(?=[^>]*Type="[^"]*\/(?:attachedTemplate|oleObject|frame|subDocument)")[^>]*>/i;

const MAX_PART_BYTES = 1024 * 1024;
const MAX_RELS_BYTES = 4 * 1024 * 1024;

function detectZip(bytes: Buffer): Detection {
  const entries = zipEntries(bytes);
  if (!entries) return refuse('损坏或无法读取的 ZIP 文件');
  const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  const contentTypes = byName.get('[content_types].xml');
  if (!contentTypes) return refuse(archiveKind(byName), '请解压后逐个添加其中的文件');
  const xml = readZipEntry(bytes, contentTypes, MAX_PART_BYTES)?.toString('utf8');
  if (xml === undefined) return refuse('无法读取的 Office 文件（[Content_Types].xml 损坏或过大）', SAVE_AS);
  const lower = xml.toLowerCase();
  const found = CONTENT_TYPES.find(([type]) => lower.includes(type.toLowerCase()));
  if (!found) return refuse('ZIP 格式的其他文件（不是 Word、Excel 或 PowerPoint 文档）', SAVE_AS);
  if (!found[1].ok) return found[1];
  if (entries.some((e) => ACTIVE_PARTS.test(e.name))) {
    return refuse('含宏、ActiveX 控件或内嵌程序对象的 Office 文档', '请另存为 PDF 后再添加');
  }
  if (hasRemoteRelationship(bytes, entries)) {
    return refuse('打开时会从外部载入模板或对象的 Office 文档', '请另存为 PDF 后再添加');
  }
  return found[1];
}

function hasRemoteRelationship(bytes: Buffer, entries: readonly ZipEntry[]): boolean {
  let budget = MAX_RELS_BYTES;
  for (const entry of entries) {
    if (!entry.name.toLowerCase().endsWith('.rels')) continue;
    const rels = readZipEntry(bytes, entry, Math.min(MAX_PART_BYTES, budget));
    // A relationships part too large to read is treated as suspect, not skipped.
    if (!rels) return true;
    budget -= rels.length;
    if (REMOTE_RELATIONSHIP.test(rels.toString('utf8'))) return true;
  }
  return false;
}

function archiveKind(byName: ReadonlyMap<string, ZipEntry>): string {
  if (byName.has('meta-inf/manifest.mf') || [...byName.keys()].some((n) => n.endsWith('.class'))) return 'Java 程序（.jar）';
  if (byName.has('androidmanifest.xml')) return '安卓安装包（.apk）';
  if (byName.has('mimetype')) return 'OpenDocument 文档（.odt/.ods/.odp），请另存为 .docx/.xlsx/.pptx 或 PDF';
  return 'ZIP 压缩包';
}

// ---------------------------------------------------------------------------
// Names

/** Longest name kept, in characters, extension included. */
export const MAX_NAME_LENGTH = 100;

/**
 * A file name as it may be shown and saved: the last path segment, without
 * control characters, bidirectional overrides and invisible format characters
 * (`业主来信\u202Efdp.exe` shows as 业主来信exe.pdf), without characters
 * Windows forbids in names, without trailing dots and spaces, and at most
 * MAX_NAME_LENGTH characters (the extension kept).
 */
export function cleanFileName(name: string): string {
  const last = name.replace(/\\/g, '/').split('/').pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/[\s.]+$/, '');
  const chars = [...cleaned];
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  const ext = extensionOf(cleaned);
  return chars.slice(0, MAX_NAME_LENGTH - ext.length).join('').trimEnd() + ext;
}

/** `.pdf` of `纪要.PDF` (lower case); '' when the name has no extension with a letter in it. */
export function extensionOf(name: string): string {
  const m = /\.[a-z0-9]*[a-z][a-z0-9]*$/i.exec(name);
  return m && m[0].length <= 9 ? m[0].toLowerCase() : '';
}

/**
 * The name with an extension of its detected type: kept when it has one,
 * otherwise a wrong last extension is dropped and the type's added —
 * `业主来信.pdf.exe` holding a PDF becomes `业主来信.pdf`, `现场.jpg` holding
 * text `现场.txt`.
 */
export function nameForType(name: string, type: AllowedType): string {
  const has = (n: string) => type.extensions.includes(extensionOf(n)) && n.length > extensionOf(n).length;
  if (has(name)) return name;
  const stem = name.slice(0, name.length - extensionOf(name).length);
  if (has(stem)) return stem;
  return `${stem || '附件'}${type.extensions[0]}`;
}
