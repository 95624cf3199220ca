/** The cryptography of personal data at rest (main/security/cipher.ts) and the desktop's key protector. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dataKeys, isSealed, keyIdOf, newDataKey, SealError, unwrapWithCode, wrapWithCode } from '../../main/security/cipher';
import { safeStorageProtector, type SafeStorageLike } from '../../main/security/os-protector';

const ID = '33010519900101123X';
const PLACE = 'persons.document:0190aaaa-0000-7000-8000-000000000001';

/** Flip one byte of the sealed form's body (the ciphertext and tag), counted from its end. */
function tamper(stored: string, fromEnd: number): string {
  const [prefix, version, nonce, body] = stored.split('.');
  const bytes = Buffer.from(body!, 'base64url');
  bytes[bytes.length - 1 - fromEnd]! ^= 0x01;
  return [prefix, version, nonce, bytes.toString('base64url')].join('.');
}

describe('sealing a value', () => {
  const keys = dataKeys(newDataKey());

  it('round-trips, in a self-describing form that holds no plaintext, with a fresh nonce each time', () => {
    const a = keys.seal(PLACE, ID);
    const b = keys.seal(PLACE, ID);
    expect(a.startsWith('aes256gcm.v1.')).toBe(true);
    expect(isSealed(a)).toBe(true);
    expect(isSealed(ID)).toBe(false);
    expect(a).not.toContain(ID);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]); // the nonces differ
    expect(keys.open(PLACE, a)).toBe(ID);
    expect(keys.open(PLACE, b)).toBe(ID);
    expect(keys.open(PLACE, keys.seal(PLACE, '王芳 授权委托书'))).toBe('王芳 授权委托书');
  });

  it('detects any change through the GCM tag', () => {
    const sealed = keys.seal(PLACE, ID);
    for (const at of [0, 5, 20, 33]) expect(() => keys.open(PLACE, tamper(sealed, at))).toThrow(SealError);
    expect(() => keys.open(PLACE, sealed.slice(0, -4))).toThrow(SealError);
    expect(() => keys.open(PLACE, sealed.replace('aes256gcm.v1.', 'aes256gcm.v1.A'))).toThrow(SealError);
    expect(() => keys.open(PLACE, ID)).toThrow(/不是加密后的数据/);
  });

  it('does not open on another row or column, nor with another key', () => {
    const sealed = keys.seal(PLACE, ID);
    expect(() => keys.open('persons.document:0190aaaa-0000-7000-8000-000000000002', sealed)).toThrow(SealError);
    expect(() => keys.open(PLACE.replace('document', 'phone'), sealed)).toThrow(SealError);
    expect(() => dataKeys(newDataKey()).open(PLACE, sealed)).toThrow(/改动过，或不是用本数据库的密钥加密的/);
  });

  it('hashes with a key: equal values match, another key or domain does not, and it is no plain SHA-256', () => {
    const other = dataKeys(newDataKey());
    expect(keys.hash('document', ID)).toBe(keys.hash('document', ID));
    expect(keys.hash('document', ID)).not.toBe(other.hash('document', ID));
    expect(keys.hash('document', ID)).not.toBe(keys.hash('phone', ID));
    expect(keys.hash('document', ID)).not.toBe(createHash('sha256').update(ID).digest('base64url'));
  });

  it('names a key by an id that is stable and reveals nothing of it', () => {
    const key = newDataKey();
    expect(keyIdOf(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(dataKeys(key).keyId).toBe(keyIdOf(key));
    expect(keyIdOf(newDataKey())).not.toBe(keyIdOf(key));
    expect(key.toString('hex')).not.toContain(keyIdOf(key));
    expect(() => dataKeys(Buffer.alloc(16))).toThrow(/32 字节/);
  });
});

describe('the data key wrapped by the recovery code', () => {
  it('unwraps with the code it was wrapped with, and refuses another code with a clear message', async () => {
    const key = newDataKey();
    const wrapped = await wrapWithCode(key, '7K3QD-M2XPA-9TRW4-HHZ2B');
    expect(wrapped).not.toContain(key.toString('base64'));
    expect(JSON.parse(wrapped)).toMatchObject({ v: 1, kdf: 'scrypt', N: 32768, r: 8, p: 1 });
    expect((await unwrapWithCode(wrapped, '7K3QD-M2XPA-9TRW4-HHZ2B', keyIdOf(key))).equals(key)).toBe(true);
    await expect(unwrapWithCode(wrapped, '7K3QD-M2XPA-9TRW4-HHZ2C', keyIdOf(key))).rejects.toThrow(/恢复码不对：它解不开本数据库的数据密钥/);
    // A wrap offered for another database's key (another key id) is refused too.
    await expect(unwrapWithCode(wrapped, '7K3QD-M2XPA-9TRW4-HHZ2B', keyIdOf(newDataKey()))).rejects.toThrow(SealError);
  });

  it('is wrapped through the data keys object without the key leaving it', async () => {
    const key = newDataKey();
    const wrapped = await dataKeys(key).wrapForRecovery('AAAAA-BBBBB-CCCCC-DDDDD');
    expect((await unwrapWithCode(wrapped, 'AAAAA-BBBBB-CCCCC-DDDDD', keyIdOf(key))).equals(key)).toBe(true);
  });
});

describe("the desktop app's key protector from safeStorage", () => {
  // A stand-in for Electron's safeStorage: reversible, and visibly not the input.
  const fake = (backend: string, available = true): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`os:${Buffer.from(text).reverse().toString('base64')}`),
    decryptString: (blob) => Buffer.from(blob.toString().slice(3), 'base64').reverse().toString(),
    getSelectedStorageBackend: () => backend,
  });

  it('wraps and unwraps the key through the OS', () => {
    const protector = safeStorageProtector(fake('gnome_libsecret'), 'linux')!;
    const key = newDataKey();
    const blob = protector.wrap(key);
    expect(blob.includes(key)).toBe(false);
    expect(protector.unwrap(blob).equals(key)).toBe(true);
    expect(protector.name).toBe('electron-safeStorage');
    expect(safeStorageProtector(fake('unknown'), 'win32')).toBeDefined();
  });

  it('is not used where safeStorage would only obfuscate', () => {
    expect(safeStorageProtector(fake('basic_text'), 'linux')).toBeUndefined();
    expect(safeStorageProtector(fake('gnome_libsecret', false), 'linux')).toBeUndefined();
  });
});
