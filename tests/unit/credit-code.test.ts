/** GB 32100-2015 unified social credit codes: published codes, each refusal, and the check's guarantees. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCreditCode, CREDIT_CODE_ALPHABET, CREDIT_CODE_WEIGHTS, creditCodeCheckChar, creditCodeProblem, normalizeCreditCode,
} from '../../shared/domain/credit-code';
import { isValidCreditCode } from '../../shared/domain/identity';

/** Codes as published for these organisations (licences, annual reports); the tests recompute each check character. */
const PUBLISHED = [
  '91350100M000100Y43', // the example identity.test.ts already uses
  '914403001922038216', // 华为技术有限公司
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '91110000802100433B', // 北京百度网讯科技有限公司
  '911000001000013428', // 中国银行股份有限公司
];

/** A valid code from 17 characters. */
const code = (first17: string) => first17 + creditCodeCheckChar(first17);

const alphabetChar = fc.constantFrom(...CREDIT_CODE_ALPHABET.split(''));
const digit = fc.constantFrom(...'0123456789'.split(''));
/** Any well-formed code: positions 1–2 and 9–17 from the alphabet, 3–8 digits, the right check character. */
const validCode = fc
  .tuple(fc.array(alphabetChar, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 6, maxLength: 6 }), fc.array(alphabetChar, { minLength: 9, maxLength: 9 }))
  .map(([a, b, c]) => code([...a, ...b, ...c].join('')));

describe('the check character', () => {
  it('weights are 3^i mod 31', () => {
    expect(CREDIT_CODE_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    expect(CREDIT_CODE_ALPHABET).not.toMatch(/[IOSVZ]/);
  });

  it('computes the published check characters', () => {
    for (const c of PUBLISHED) {
      expect(creditCodeCheckChar(c.slice(0, 17))).toBe(c[17]);
      expect(creditCodeProblem(c)).toBeNull();
    }
  });

  it('a worked sum: 91350100M000100Y4 → 3', () => {
    // Values 9,1,3,5,0,1,0,0,M=21,0,0,0,1,0,0,Y=30,4 times the weights sum to 1640 = 52·31 + 28; 31 − 28 = 3.
    const values = [...'91350100M000100Y4'].map((ch) => CREDIT_CODE_ALPHABET.indexOf(ch));
    const sum = values.reduce((s, v, i) => s + v * CREDIT_CODE_WEIGHTS[i]!, 0);
    expect(sum).toBe(1640);
    expect(CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]).toBe('3');
  });

  it('a sum divisible by 31 gives check character 0, not 31', () => {
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    expect(creditCodeProblem('000000000000000000')).toBeNull();
  });

  it('refuses characters outside the alphabet when computing', () => {
    expect(() => creditCodeCheckChar('9135010OM000100Y4')).toThrow();
    expect(() => creditCodeCheckChar('9135')).toThrow();
  });
});

describe('problems are named in Chinese', () => {
  it('empty', () => {
    expect(creditCodeProblem('  ')).toBe('统一社会信用代码为空');
  });
  it('wrong length says how long it is', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toBe('统一社会信用代码应为18位，“91350100M000100Y4”为17位');
    expect(creditCodeProblem('91350100M000100Y433')).toContain('为19位');
  });
  it('a letter the code never uses names the position and the letter', () => {
    expect(creditCodeProblem('91350100MO00100Y43')).toBe(
      '统一社会信用代码“91350100MO00100Y43”第10位“O”不是有效字符（统一社会信用代码不使用字母 I、O、S、V、Z）',
    );
    expect(creditCodeProblem('91350100M000100Y4#')).toContain('第18位“#”不是有效字符（只能是数字和大写字母）');
  });
  it('positions 3–8 must be digits (the administrative division)', () => {
    const c = code('91A50100M000100Y4');
    expect(creditCodeProblem(c)).toContain('第3–8位应为6位数字的行政区划码，现为“A50100”');
  });
  it('a wrong check character names the right one', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('统一社会信用代码“91350100M000100Y44”校验位错误（第18位应为 3，现为 4），请核对');
  });
});

describe('normalisation', () => {
  it('reads lower case, full-width characters, spaces and dashes as staff type them', () => {
    expect(normalizeCreditCode(' 91440300 708461136t ')).toBe('91440300708461136T');
    expect(checkCreditCode('９１４４０３００７０８４６１１３６Ｔ')).toEqual({ ok: true, value: '91440300708461136T' });
    expect(checkCreditCode('9144-0300-7084-6113-6T')).toEqual({ ok: true, value: '91440300708461136T' });
  });
});

describe('properties', () => {
  it('every constructed code is valid and agrees with the register import’s check (identity.ts)', () => {
    fc.assert(fc.property(validCode, (c) => {
      expect(creditCodeProblem(c)).toBeNull();
      expect(isValidCreditCode(c)).toBe(true);
    }));
  });

  it('changing any one character of a valid code makes it invalid', () => {
    fc.assert(fc.property(validCode, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (c, pos, shift) => {
      const chars = c.split('');
      const i = CREDIT_CODE_ALPHABET.indexOf(chars[pos]!);
      chars[pos] = CREDIT_CODE_ALPHABET[(i + shift) % 31]!;
      const changed = chars.join('');
      expect(changed).not.toBe(c);
      expect(creditCodeProblem(changed)).not.toBeNull();
    }));
  });

  it('swapping two different neighbouring characters among the first 17 makes it invalid', () => {
    fc.assert(fc.property(validCode, fc.integer({ min: 0, max: 15 }), (c, pos) => {
      fc.pre(c[pos] !== c[pos + 1]);
      const chars = c.split('');
      [chars[pos], chars[pos + 1]] = [chars[pos + 1]!, chars[pos]!];
      expect(creditCodeProblem(chars.join(''))).not.toBeNull();
    }));
  });

  it('agrees with identity.ts on arbitrary 18-character strings', () => {
    const anyChar = fc.constantFrom(...`${CREDIT_CODE_ALPHABET}IOSVZ`.split(''));
    fc.assert(fc.property(fc.array(anyChar, { minLength: 18, maxLength: 18 }), (cs) => {
      const s = cs.join('');
      expect(creditCodeProblem(s) === null).toBe(isValidCreditCode(s));
    }));
  });
});
