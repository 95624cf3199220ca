/**
 * The desktop app's KeyProtector from Electron's safeStorage (DPAPI on Windows, the Keychain on
 * macOS, the Secret Service or KWallet on Linux), decided here so that main/electron/ only passes
 * safeStorage in. Where safeStorage could only obfuscate — not available, or Linux's `basic_text`
 * fallback, which encrypts with a password written in Chromium's source — there is no protector,
 * and the plain key file says honestly what it is.
 */
import type { KeyProtector } from '../app-types';

/** The part of Electron's safeStorage used here (its synchronous API; see the report on Electron 45's deprecation). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export const SAFE_STORAGE_PROTECTOR = 'electron-safeStorage';

export function safeStorageProtector(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): KeyProtector | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return undefined;
  return {
    name: SAFE_STORAGE_PROTECTOR,
    wrap: (key) => safeStorage.encryptString(key.toString('base64')),
    unwrap: (blob) => Buffer.from(safeStorage.decryptString(blob), 'base64'),
  };
}
