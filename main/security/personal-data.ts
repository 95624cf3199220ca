/**
 * Which personal data is sealed, where, and how it is found again (docs/domain.md §9, PIPL Arts. 28, 51):
 * - persons.document and persons.phone: sealed and bound to the person's row, with beside them
 *   the keyed hash (duplicates, "the same owner", finding a person by a full number) and the
 *   masked form that every list, export and search cache shows — so lists never need the key;
 * - ballots.proxy_document: sealed and bound to the ballot ('' stays '');
 * - audit rows of persons and ballots: the masked form only.
 * Only a person's own page opens the full values (and that view is audited).
 */
import { AppError } from '../../shared/contract/errors';
import { checkDocument, maskDocument, maskPhone, normalizePhone } from '../../shared/domain/identity';
import { SealError, type DataKeys } from './cipher';

const PLACE = {
  document: (personId: string) => `persons.document:${personId}`,
  phone: (personId: string) => `persons.phone:${personId}`,
  proxyDocument: (ballotId: string) => `ballots.proxy_document:${ballotId}`,
};

/** A person's document and phone as stored: sealed, hashed and masked (each null when absent). */
export interface SealedPerson {
  document: string | null;
  documentHash: string | null;
  documentMasked: string | null;
  phone: string | null;
  phoneHash: string | null;
  phoneMasked: string | null;
}

/** The keyed hash of a normalised document number (checkDocument's value). */
export function documentHash(keys: DataKeys, document: string): string {
  return keys.hash('document', document);
}

/** The keyed hash of a normalised phone (normalizePhone's value). */
export function phoneHash(keys: DataKeys, phone: string): string {
  return keys.hash('phone', phone);
}

export function sealPerson(keys: DataKeys, personId: string, values: { document: string | null; phone: string | null }): SealedPerson {
  const { document, phone } = values;
  return {
    document: document === null ? null : keys.seal(PLACE.document(personId), document),
    documentHash: document === null ? null : documentHash(keys, document),
    documentMasked: document === null ? null : maskDocument(document),
    phone: phone === null ? null : keys.seal(PLACE.phone(personId), phone),
    phoneHash: phone === null ? null : phoneHash(keys, phone),
    phoneMasked: phone === null ? null : maskPhone(phone),
  };
}

function opened(keys: DataKeys, place: string, stored: string, what: string): string {
  try {
    return keys.open(place, stored);
  } catch (error) {
    if (!(error instanceof SealError)) throw error;
    throw new AppError('DATABASE', `${what}无法解密（${error.message}）。请运行 check 检查数据库，必要时从备份恢复。`);
  }
}

/** The full document and phone of a person's row (a person's own page only). */
export function openPerson(keys: DataKeys, row: { id: string; name: string; document: string | null; phone: string | null }) {
  return {
    document: row.document === null ? null : opened(keys, PLACE.document(row.id), row.document, `业主“${row.name}”的证件号码`),
    phone: row.phone === null ? null : opened(keys, PLACE.phone(row.id), row.phone, `业主“${row.name}”的联系电话`),
  };
}

export function sealProxyDocument(keys: DataKeys, ballotId: string, text: string): string {
  return text === '' ? '' : keys.seal(PLACE.proxyDocument(ballotId), text);
}

export function openProxyDocument(keys: DataKeys, ballotId: string, stored: string): string {
  return stored === '' ? '' : opened(keys, PLACE.proxyDocument(ballotId), stored, '表决票的授权委托书');
}

/**
 * What a search text would hash to as a full document number and as a full phone, so that
 * typing a whole ID or phone finds its owner although only the masked form is searchable text.
 */
export function searchHashes(keys: DataKeys, text: string): string[] {
  const hashes: string[] = [];
  const document = checkDocument(text);
  if (document.ok) hashes.push(documentHash(keys, document.value));
  const phone = normalizePhone(text);
  if (phone.ok) hashes.push(phoneHash(keys, phone.value));
  return hashes;
}

/** The person fields an audit row keeps: masked, never the full values. */
export function auditedPerson<T extends { document: string | null; phone: string | null }>(fields: T): T {
  return {
    ...fields,
    document: fields.document === null ? null : maskDocument(fields.document),
    phone: fields.phone === null ? null : maskPhone(fields.phone),
  };
}

/** The ballot fields an audit row keeps: the proxy's authorisation masked like a document. */
export function auditedBallot<T extends { proxyDocument: string }>(fields: T): T {
  return { ...fields, proxyDocument: maskDocument(fields.proxyDocument) };
}
