/**
 * Identity documents and "who is the same owner" (docs/domain.md §4).
 *
 * The rule must give one answer for every import, whatever the order of rows:
 * - an 18-digit mainland ID (lower-case x read as X) identifies a person, and the
 *   same document under two names is an error;
 * - a row without a document is the owner whose name and phone both match, if
 *   exactly one documented owner does; rows without a document that share a
 *   name and phone (and match no documented owner) are one person;
 * - otherwise (no phone, or several documented owners match) a new person.
 *   A blank phone is not evidence: two "张伟" without documents and phones stay
 *   two people rather than being merged on a name alone.
 * - other documents (passports, permits, company codes) are compared as text.
 */
import { cleanCell } from './text';
import { checkCreditCode } from './credit-code';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type DocumentKind = 'mainland-id' | 'credit-code' | 'other';

export type DocumentCheck =
  | { ok: true; kind: DocumentKind; value: string }
  | { ok: false; message: string };

/** GB 11643 check character of the first 17 digits. */
export function mainlandIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

function validBirthDate(id: string): boolean {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= last;
}

/** GB 32100 unified social credit code, exactly as written (the rule and its messages: credit-code.ts). */
export function isValidCreditCode(code: string): boolean {
  const r = checkCreditCode(code);
  return r.ok && r.value === code;
}

/**
 * Classify and normalise a document number. Something shaped like a mainland
 * ID must carry a valid birth date and check digit; a company's credit code is
 * recognised by its own check; anything else is kept as text.
 */
export function checkDocument(raw: string): DocumentCheck {
  const value = cleanCell(raw).replace(/\s+/g, '').toUpperCase();
  if (value === '') return { ok: false, message: '证件号码为空' };
  if (value.includes('*')) return { ok: false, message: `证件号码“${value}”含有 *，像是脱敏后的号码，请填写完整号码` };
  if (/^\d{17}[\dX]$/.test(value)) {
    if (validBirthDate(value) && mainlandIdCheckChar(value) === value[17]) {
      return { ok: true, kind: 'mainland-id', value };
    }
    if (isValidCreditCode(value)) return { ok: true, kind: 'credit-code', value };
    if (!validBirthDate(value)) {
      return { ok: false, message: `身份证号码“${maskDocument(value)}”中的出生日期无效` };
    }
    return {
      ok: false,
      message: `身份证号码“${maskDocument(value)}”校验位错误（末位应为 ${mainlandIdCheckChar(value)}），请核对`,
    };
  }
  if (value.length === 18 && isValidCreditCode(value)) return { ok: true, kind: 'credit-code', value };
  // Passports, HK/Macau/Taiwan permits, old 15-digit IDs: compared as text.
  return { ok: true, kind: 'other', value };
}

/** Phones are compared on their digits: "138 1234-5678" is 13812345678. */
export function normalizePhone(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = cleanCell(raw).replace(/[\s-]/g, '');
  if (!/^\+?\d{5,20}$/.test(value)) return { ok: false, message: `联系电话“${raw}”不是有效号码` };
  return { ok: true, value };
}

/** 330105199001011234 → 330105**********34 */
export function maskDocument(value: string | null | undefined): string {
  if (!value) return '';
  if (value.length === 18) return `${value.slice(0, 6)}${'*'.repeat(10)}${value.slice(16)}`;
  if (value.length <= 4) return '*'.repeat(value.length);
  return `${value.slice(0, 2)}${'*'.repeat(value.length - 4)}${value.slice(-2)}`;
}

/** 13812345678 → 138****5678 */
export function maskPhone(value: string | null | undefined): string {
  if (!value) return '';
  if (value.length >= 8) return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, value.length - 2))}${value.slice(-2)}`;
}

/** One mention of an owner: a name on a roster row (or a form), with what identifies it. */
export interface OwnerMention {
  /** Where it came from, echoed in errors (Excel row number, or null for a form). */
  row: number | null;
  name: string;
  /** Normalised document (see checkDocument), or null. */
  document: string | null;
  /** Normalised phone, or null. */
  phone: string | null;
}

export interface IdentityConflict {
  row: number | null;
  otherRow: number | null;
  document: string;
  name: string;
  otherName: string;
}

export interface IdentityResult {
  /** For each mention (same index), the key of the person it is. */
  personKeys: string[];
  conflicts: IdentityConflict[];
}

/**
 * Decide which mentions are the same person. Keys are stable and order
 * independent for documented and grouped persons (`doc:…`, `np:…`); a lone
 * undocumented mention gets `new:<index>`.
 */
export function resolveOwners(mentions: readonly OwnerMention[]): IdentityResult {
  const conflicts: IdentityConflict[] = [];
  // 1. Documents identify persons; the same document must carry one name. Each
  //    document's reference is its earliest row, so the errors do not depend on order.
  const earliestByDoc = new Map<string, OwnerMention>();
  for (const m of mentions) {
    if (m.document === null) continue;
    const seen = earliestByDoc.get(m.document);
    if (!seen || (m.row ?? 0) < (seen.row ?? 0)) earliestByDoc.set(m.document, m);
  }
  for (const m of mentions) {
    if (m.document === null) continue;
    const ref = earliestByDoc.get(m.document)!;
    if (m.name !== ref.name) {
      conflicts.push({ row: m.row, otherRow: ref.row, document: m.document, name: m.name, otherName: ref.name });
    }
  }
  conflicts.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  // 2. Which documented persons answer to a (name, phone) pair.
  const docsByNamePhone = new Map<string, Set<string>>();
  for (const m of mentions) {
    if (m.document === null || m.phone === null) continue;
    const k = namePhoneKey(m.name, m.phone);
    let set = docsByNamePhone.get(k);
    if (!set) docsByNamePhone.set(k, (set = new Set()));
    set.add(m.document);
  }
  // 3. Assign keys.
  const personKeys = mentions.map((m, i) => {
    if (m.document !== null) return `doc:${m.document}`;
    if (m.phone === null) return `new:${i}`;
    const candidates = docsByNamePhone.get(namePhoneKey(m.name, m.phone));
    if (!candidates || candidates.size === 0) return `np:${namePhoneKey(m.name, m.phone)}`;
    if (candidates.size === 1) return `doc:${[...candidates][0]}`;
    return `new:${i}`;
  });
  return { personKeys, conflicts };
}

function namePhoneKey(name: string, phone: string): string {
  return `${name}\u0001${phone}`;
}
