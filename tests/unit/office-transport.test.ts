/**
 * The office server's small pure parts (issue 17): the pairing code read back as typed, the listen address, the
 * server URL a client accepts, and the per-address rate limit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePairingCode, pairingCodeOf } from '../../main/transport/server-certificate';
import { parseListen } from '../../main/transport/office-server';
import { parseServerUrl } from '../../main/transport/office-client';
import { RateLimiter } from '../../main/transport/rate-limit';

describe('the pairing code', () => {
  it('is the fingerprint’s first 100 bits in Crockford base32, four groups of five', () => {
    expect(pairingCodeOf('0'.repeat(64))).toBe('00000-00000-00000-00000');
    expect(pairingCodeOf('f'.repeat(64))).toBe('ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ');
    // 0x08 = 00001000: the first group's bits 00001 00000 … → "10000…"
    expect(pairingCodeOf(`08${'0'.repeat(62)}`).slice(0, 2)).toBe('10');
  });

  it('reads back as typed: any case, spaces or dashes, O for 0 and I or L for 1', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), (hex) => {
      const code = pairingCodeOf(hex);
      expect(normalizePairingCode(code)).toBe(code);
      expect(normalizePairingCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(code);
      expect(normalizePairingCode(code.replace(/0/g, 'O').replace(/1/g, 'l'))).toBe(code);
    }));
  });

  it('refuses what cannot be a code: too short, too long, a letter outside the alphabet', () => {
    expect(normalizePairingCode('ABCDE-FGHJK-MNPQR')).toBeNull();
    expect(normalizePairingCode('ABCDE-FGHJK-MNPQR-STVWX-Y')).toBeNull();
    expect(normalizePairingCode('ABCDE-FGHJK-MNPQR-STVWU')).toBeNull(); // U is not in the alphabet
  });
});

describe('addresses', () => {
  it('takes ADDRESS:PORT for --listen, IPv6 in brackets, and refuses the rest', () => {
    expect(parseListen('192.168.1.20:8443')).toEqual({ host: '192.168.1.20', port: 8443 });
    expect(parseListen('0.0.0.0:8443')).toEqual({ host: '0.0.0.0', port: 8443 });
    expect(parseListen('[::1]:8443')).toEqual({ host: '::1', port: 8443 });
    expect(parseListen('office-server:8443')).toEqual({ host: 'office-server', port: 8443 });
    for (const bad of ['8443', '192.168.1.20', '192.168.1.20:0', '192.168.1.20:70000', 'https://192.168.1.20:8443', ':8443']) expect(parseListen(bad), bad).toBeNull();
  });

  it('takes https://ADDRESS:PORT for a server and nothing after it', () => {
    expect(parseServerUrl('https://192.168.1.20:8443')).toEqual({ url: 'https://192.168.1.20:8443', host: '192.168.1.20', port: 8443 });
    expect(parseServerUrl(' https://192.168.1.20:8443/ ')).toMatchObject({ url: 'https://192.168.1.20:8443' });
    expect(parseServerUrl('https://[::1]:8443')).toMatchObject({ host: '::1', port: 8443 });
    for (const bad of ['http://192.168.1.20:8443', '192.168.1.20:8443', 'https://192.168.1.20:8443/api', 'https://a:b@host:1']) {
      expect(() => parseServerUrl(bad), bad).toThrow(/https:\/\//);
    }
  });
});

describe('the rate limit per address', () => {
  it('lets a burst through, then the sustained rate, per address', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 10, burst: 20 }, () => now);
    const burst = Array.from({ length: 25 }, () => limiter.admit('10.0.0.5'));
    expect(burst.filter(Boolean)).toHaveLength(20);
    expect(limiter.admit('10.0.0.6')).toBe(true); // another PC is not held back
    now += 500; // half a second: five more
    expect(Array.from({ length: 8 }, () => limiter.admit('10.0.0.5')).filter(Boolean)).toHaveLength(5);
    now += 60_000; // a quiet minute refills to the burst, not beyond
    expect(Array.from({ length: 30 }, () => limiter.admit('10.0.0.5')).filter(Boolean)).toHaveLength(20);
  });
});
