/**
 * The office server's own certificate (issue 17): made once, on the server's first start, kept in its data
 * folder, and known to the clients by its fingerprint — the pairing code — instead of through a certificate
 * authority, which an office network does not have.
 *
 * Why @peculiar/x509: Node can sign with ECDSA but cannot write a certificate; this library (PeculiarVentures,
 * the WebCrypto people, kept and typed) builds X.509 on Node's own WebCrypto, so the private key never passes
 * through a JavaScript implementation of the curve. `selfsigned` wraps the same library with fewer choices.
 * It needs the Reflect metadata API (its dependency injection), hence the polyfill imported first.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash, webcrypto, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensurePrivateDir } from '../db/file-modes';
import { codeOfFingerprint, normalizeCode } from '../../shared/domain/fingerprint-code';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
  /** SHA-256 of the certificate's DER, lower-case hex: what a client pins. */
  fingerprint: string;
  /** The fingerprint's first 100 bits as 20 characters in four groups (pairingCodeOf). */
  pairingCode: string;
}

/** Kept beside the database, never served: the private key is 0600 like the data key's file. */
export function certificateFolder(dataDir: string): string {
  return path.join(dataDir, 'office-server');
}

/**
 * Long: the pin, not the dates, is what the clients trust, and an office server that stops working on some
 * day ten years on because its certificate ran out would be a puzzle for whoever is left. A new certificate
 * means pairing every PC again (README: 换新证书).
 */
const VALID_YEARS = 30;
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** The certificate in the data folder, made on the first start (ECDSA P-256). */
export async function ensureServerCertificate(dataDir: string, hosts: readonly string[] = []): Promise<ServerCertificate> {
  const folder = certificateFolder(dataDir);
  const certFile = path.join(folder, 'certificate.pem');
  const keyFile = path.join(folder, 'private-key.pem');
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    return describe(fs.readFileSync(certFile, 'utf8'), fs.readFileSync(keyFile, 'utf8'));
  }
  ensurePrivateDir(folder);
  const { certPem, keyPem } = await makeCertificate(hosts);
  // The key first: a certificate without its key would be kept and never serve.
  fs.writeFileSync(keyFile, keyPem, { mode: 0o600 });
  fs.writeFileSync(certFile, certPem, { mode: 0o644 });
  return describe(certPem, keyPem);
}

async function makeCertificate(hosts: readonly string[]): Promise<{ certPem: string; keyPem: string }> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const notBefore = new Date(Date.now() - 24 * 60 * 60 * 1000); // a client whose clock is a day behind still connects
  const notAfter = new Date(notBefore);
  notAfter.setFullYear(notAfter.getFullYear() + VALID_YEARS);
  // The names are for whoever reads the certificate; clients check the pin, not the name (office-client.ts).
  const names = hosts.filter((h) => h !== '0.0.0.0' && h !== '::').map((h) => (net.isIP(h) ? { type: 'ip' as const, value: h } : { type: 'dns' as const, value: h }));
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1'),
    name: 'CN=SanfangOffice office server, O=SanfangOffice',
    notBefore, notAfter, keys: keys as unknown as CryptoKeyPair, signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      ...(names.length > 0 ? [new x509.SubjectAlternativeNameExtension(names)] : []),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { certPem: cert.toString('pem'), keyPem: pem('PRIVATE KEY', pkcs8) };
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function describe(certPem: string, keyPem: string): ServerCertificate {
  const fingerprint = fingerprintOf(certPem);
  return { certPem, keyPem, fingerprint, pairingCode: pairingCodeOf(fingerprint) };
}

/** SHA-256 of a certificate's DER (given as PEM or DER), lower-case hex. */
export function fingerprintOf(cert: string | Buffer): string {
  return createHash('sha256').update(new X509Certificate(cert).raw).digest('hex');
}

/** The pairing code: the certificate's fingerprint as a short code (shared/domain/fingerprint-code.ts). */
export const pairingCodeOf = codeOfFingerprint;
/** A typed pairing code as the code it stands for, or null. */
export const normalizePairingCode = normalizeCode;
