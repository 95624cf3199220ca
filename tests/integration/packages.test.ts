/**
 * The exchange package's envelope (issue 18): a 社区's package read at its
 * street; altered by one byte, from an unregistered office, signed by another key than the registered code,
 * addressed elsewhere, older than one imported — each refused whole, saying which; the same one again is known.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../main/services/context';
import { initOffice, registerOffice } from '../../main/services/levels/offices';
import { canonicalJson, signPackage, verifyPackage } from '../../main/services/levels/packages';
import { serviceContextOf, testApp, tempDir } from '../helpers';

const actor = { author: 'CLI:test', userId: null };
/** An office's data folder with its app, and a service context on its database. */
async function office(): Promise<ServiceContext> {
  const dir = tempDir('sanfang-levels-');
  await testApp(dir, { fixedAuthor: 'CLI:test' });
  return serviceContextOf(dir);
}

const STREET = { name: '拱宸桥街道', level: '街道' as const };
/** The last package imported from the sender: its number, and the hash of its content when known. */
const last = (sequence: number, hash: string | null = null) => () => ({ sequence, hash });

async function offices() {
  const street = await office();
  initOffice(street, actor, { ...STREET, above: '拱墅区' });
  const community = await office();
  const made = initOffice(community, actor, { name: '桥西社区', level: '社区', above: STREET.name });
  const stranger = await office();
  initOffice(stranger, actor, { name: '桥西社区', level: '社区', above: STREET.name }); // same name, its own key
  return { street, community, stranger, communityCode: made.code };
}

describe('exchange packages', () => {
  it('canonical JSON sorts keys at every depth and is the same whatever order they were written in', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: '包' } })).toBe('{"a":{"c":"包","d":[2,{"e":0,"f":1}]},"b":1}');
    // As JSON.stringify writes them: undefined fields gone, an undefined in an array null; -0 is 0.
    expect(canonicalJson({ a: undefined, b: [undefined, -0] })).toBe('{"b":[null,0]}');
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":1}'))).toBe('{"__proto__":{"x":1},"a":1}');
    // What JSON cannot carry back is refused rather than written one way and read another.
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow();
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: new Date(0) })).toThrow();
    expect(() => canonicalJson({ a: 1n })).toThrow();
  });

  it('a registered office’s package is read; the same one again is known; every kind of wrong package is refused whole', async () => {
    const { street, community, stranger, communityCode } = await offices();
    const records = [{ kind: 'meeting', date: '2026-11-02', attendance: 12 }];
    const first = signPackage(community, STREET, 1, 0, records, '2026-12-05T10:00:00.000Z');
    // Not registered yet at the street.
    expect(() => verifyPackage(street, first, last(0))).toThrow(/没有在本办公室登记/);
    registerOffice(street, actor, { name: '桥西社区', level: '社区', code: communityCode });
    expect(verifyPackage(street, first, last(0))).toMatchObject({ alreadyImported: false, body: { sequence: 1, records } });
    expect(verifyPackage(street, first, last(1)).alreadyImported).toBe(true);
    // One byte changed after signing (12 → 13 people).
    expect(() => verifyPackage(street, first.replace('"attendance":12', '"attendance":13'), last(0))).toThrow(/签名之后被改动过/);
    // Another installation calling itself 桥西社区: its key is not the registered code.
    const impostor = signPackage(stranger, STREET, 2, 0, records, '2026-12-05T10:00:00.000Z');
    expect(() => verifyPackage(street, impostor, last(1))).toThrow(/不是由登记的“桥西社区”签名的/);
    // Addressed to another street.
    const elsewhere = signPackage(community, { name: '和睦街道', level: '街道' }, 2, 0, records, '2026-12-05T10:00:00.000Z');
    expect(() => verifyPackage(street, elsewhere, last(1))).toThrow(/是发给“和睦街道”的/);
    // Older than one imported.
    expect(() => verifyPackage(street, first, last(2))).toThrow(/比已导入的第 2 号旧/);
    // Not a package at all, or a later format.
    expect(() => verifyPackage(street, '不是包', last(0))).toThrow(/不是三方办的交换包/);
    expect(() => verifyPackage(street, first.replace('"version":1', '"version":2'), last(0))).toThrow(/只读第 1 版/);
    // The same number with other content: the sender's numbering went back (a restored backup).
    expect(() => verifyPackage(street, first, last(1, 'f'.repeat(64)))).toThrow(/与已导入的第 1 号内容不同/);
    const { hash } = verifyPackage(street, first, last(0));
    expect(verifyPackage(street, first, last(1, hash)).alreadyImported).toBe(true);
    // Its own package, imported at the office that made it.
    expect(() => verifyPackage(community, first, last(0))).toThrow(/本办公室自己导出的交换包/);
    // Signed, but not the format: a field that is not what it must be is named.
    const odd = signPackage(community, STREET, 2, 2.5, records, '2026-12-05T10:00:00.000Z');
    expect(() => verifyPackage(street, odd, last(1))).toThrow(/“acknowledges”无法读取/);
    // A number JSON cannot carry back (1e999 reads as Infinity): refused, not signed over as null.
    expect(() => verifyPackage(street, first.replace('"attendance":12', '"attendance":1e999'), last(0))).toThrow(/JSON 之外的内容/);
  });
});
