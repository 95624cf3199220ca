/**
 * The cryptography of personal data at rest, with node:crypto only.
 *
 * - One data key (32 random bytes) per database. Two keys are derived from it with
 *   HKDF-SHA-256: one encrypts, the other keys the matching hash, so that neither
 *   use can weaken the other; a third derivation names the key (keyId) without
 *   revealing it.
 * - A value is sealed with AES-256-GCM, a fresh random 96-bit nonce per value, and
 *   its place (`table.column:row id`) as associated data: a sealed value copied
 *   onto another row or column does not open, and any change to it is detected by
 *   the GCM tag. The stored form names itself and its version:
 *   `aes256gcm.v1.<nonce>.<ciphertext and tag>` (base64url), so a later version can
 *   be told apart and plaintext left by an older schema is recognised.
 * - The keyed hash (HMAC-SHA-256) stands beside a sealed value for equality:
 *   "is this the same ID number" without the number. Without the key it cannot be
 *   recomputed, so the hash of an 18-digit ID cannot be guessed by trying IDs.
 * - The data key is wrapped by the administrator's recovery code (scrypt → AES-256-GCM)
 *   so that a backup can be opened on another PC; the wrapped form is JSON that
 *   carries its own scrypt parameters.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, scrypt } from 'node:crypto';
import { pooledRandomBytes } from '../db/ids';

export const DATA_KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const SEALED_PREFIX = 'aes256gcm.v1.';

/** Why a sealed value or a wrapped key did not open (tampered, or another key or code). */
export class SealError extends Error {
  override name = 'SealError';
}

export interface DataKeys {
  /** A name for the data key (16 hex characters) that reveals nothing about it. */
  readonly keyId: string;
  /** The stored form of `plaintext` at `place` (e.g. `persons.document:<id>`). */
  seal(place: string, plaintext: string): string;
  /** The plaintext of a stored form written at `place`; throws SealError when it was changed or is not this key's. */
  open(place: string, stored: string): string;
  /** The keyed hash of a normalised value within a domain ('document', 'phone'), base64url. */
  hash(domain: string, value: string): string;
  /** The data key wrapped by a recovery code (see wrapWithCode); the key itself never leaves this object. */
  wrapForRecovery(code: string): Promise<string>;
}

function derive(dataKey: Buffer, info: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, length));
}

/** The name of a data key, as stored beside the data so that a wrong key is told apart from damage. */
export function keyIdOf(dataKey: Buffer): string {
  return derive(dataKey, 'sanfang/key-id/v1', 8).toString('hex');
}

// Nonces come from the id pool (one CSPRNG call per 16 KiB): a roster import seals tens of
// thousands of values, and one randomBytes call per value costs as much as the encryption.
function freshNonce(): Buffer {
  return Buffer.from(pooledRandomBytes(NONCE_BYTES));
}

/** Whether a stored value is in the sealed form (anything else is plaintext from before the upgrade). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(SEALED_PREFIX);
}

export function dataKeys(givenKey: Buffer): DataKeys {
  if (givenKey.length !== DATA_KEY_BYTES) throw new SealError(`数据密钥长度应为 ${DATA_KEY_BYTES} 字节`);
  const dataKey = Buffer.from(givenKey); // our own copy: the caller's buffer may be reused
  // KeyObjects: OpenSSL takes them without a copy per call (a quarter of the cost of sealing one value).
  const encKey = createSecretKey(derive(dataKey, 'sanfang/personal-data/aes-256-gcm/v1'));
  const macKey = createSecretKey(derive(dataKey, 'sanfang/personal-data/hmac-sha-256/v1'));
  return {
    keyId: keyIdOf(dataKey),
    seal(place, plaintext) {
      const nonce = freshNonce();
      const cipher = createCipheriv('aes-256-gcm', encKey, nonce);
      cipher.setAAD(Buffer.from(place, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${SEALED_PREFIX}${nonce.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(place, stored) {
      if (!isSealed(stored)) throw new SealError('不是加密后的数据');
      const [nonceText, bodyText] = stored.slice(SEALED_PREFIX.length).split('.');
      const nonce = Buffer.from(nonceText ?? '', 'base64url');
      const body = Buffer.from(bodyText ?? '', 'base64url');
      if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) throw new SealError('加密数据的格式不完整');
      const decipher = createDecipheriv('aes-256-gcm', encKey, nonce);
      decipher.setAAD(Buffer.from(place, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SealError('加密数据无法解开：它被改动过，或不是用本数据库的密钥加密的');
      }
    },
    hash(domain, value) {
      return createHmac('sha256', macKey).update(`${domain}\u0000${value}`, 'utf8').digest('base64url');
    },
    wrapForRecovery: (code) => wrapWithCode(dataKey, code),
  };
}

// ── the data key wrapped by the recovery code ─────────────────────────

/** scrypt's cost for the recovery code (100 random bits: the cost only slows a wrong guess). */
const WRAP_PARAMS = { N: 2 ** 15, r: 8, p: 1 };

interface WrappedKey {
  v: 1;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  nonce: string;
  /** The data key's ciphertext and GCM tag. */
  data: string;
}

function scryptKey(code: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(code.normalize('NFKC'), salt, 32, { ...params, maxmem: 256 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

const wrapAad = (keyId: string) => Buffer.from(`sanfang/data-key/${keyId}`, 'utf8');

/** The data key encrypted under a key derived from the recovery code (JSON, stored in the database). */
export async function wrapWithCode(dataKey: Buffer, code: string): Promise<string> {
  const salt = randomBytes(16);
  const nonce = randomBytes(NONCE_BYTES);
  const kek = await scryptKey(code, salt, WRAP_PARAMS);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  cipher.setAAD(wrapAad(keyIdOf(dataKey)));
  const data = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  const wrapped: WrappedKey = {
    v: 1, kdf: 'scrypt', ...WRAP_PARAMS, salt: salt.toString('base64'), nonce: nonce.toString('base64'), data: data.toString('base64'),
  };
  return JSON.stringify(wrapped);
}

/** The data key named `keyId` from its wrapped form; SealError when the code is not the one it was wrapped with. */
export async function unwrapWithCode(wrappedText: string, code: string, keyId: string): Promise<Buffer> {
  const w = JSON.parse(wrappedText) as WrappedKey;
  if (w.v !== 1 || w.kdf !== 'scrypt') throw new SealError('数据密钥的保存格式无法识别（可能来自更新版本的程序）');
  const kek = await scryptKey(code, Buffer.from(w.salt, 'base64'), { N: w.N, r: w.r, p: w.p });
  const data = Buffer.from(w.data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(w.nonce, 'base64'));
  decipher.setAAD(wrapAad(keyId));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  let key: Buffer;
  try {
    key = Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealError('恢复码不对：它解不开本数据库的数据密钥');
  }
  // The tag already binds the key to keyId; this guards against a wrap written for another database's row.
  if (keyIdOf(key) !== keyId) throw new SealError('恢复码解开的密钥不属于本数据库');
  return key;
}

/** A new data key. */
export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}
