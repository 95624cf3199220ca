/**
 * A key's short code, read out over the phone or copied from a screen: the first 100 bits of its SHA-256
 * fingerprint in Crockford's base32 (no I, L, O or U), four groups of five. The office server's pairing code
 * (main/transport/server-certificate.ts) and an office's signing code (issue 18, docs/domain.md §10) are both
 * this. Typed codes are read leniently: any case, spaces or dashes, O for 0 and I or L for 1.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** To pass as the key's owner, an impostor needs a key whose fingerprint begins with the same 100 bits (~2^100 tries). */
const CODE_CHARS = 20;

/** `7K3QM-P2XRA-…` from a fingerprint in hex (at least 26 hex digits). */
export function codeOfFingerprint(fingerprintHex: string): string {
  let bits = '';
  for (const ch of fingerprintHex.slice(0, 26)) bits += parseInt(ch, 16).toString(2).padStart(4, '0');
  let code = '';
  for (let i = 0; i < CODE_CHARS; i++) code += ALPHABET[parseInt(bits.slice(i * 5, i * 5 + 5), 2)];
  return code.match(/.{5}/g)!.join('-');
}

/** A typed code as the 20 characters it stands for, or null when it cannot be one. */
export function normalizeCode(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (plain.length !== CODE_CHARS || [...plain].some((c) => !ALPHABET.includes(c))) return null;
  return plain.match(/.{5}/g)!.join('-');
}
