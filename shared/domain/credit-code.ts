/**
 * The unified social credit code (统一社会信用代码) of a company or other
 * organisation, GB 32100-2015. Eighteen characters:
 *
 *   1      registration authority (登记管理部门代码, 9 = 工商, 5 = 民政 …)
 *   2      kind of organisation (机构类别代码, 91 = 企业, 92 = 个体工商户 …)
 *   3–8    administrative division (登记管理机关行政区划码, six digits)
 *   9–17   the organisation's body (主体标识码, the GB 11714 organisation code)
 *   18     check character over the first 17
 *
 * The alphabet has 31 characters, 0-9 and the capitals without I, O, S, V, Z
 * (they read like 1, 0, 5, U, 2). Position i (0-based) weighs 3^i mod 31; the
 * check character is the one whose value is (31 − Σ value·weight mod 31) mod 31.
 * Because 31 is prime and no weight is 0 mod 31, any change of one character is
 * caught, and so is any swap of two neighbouring characters among the first 17
 * (their weights differ by a factor of 3, never 1).
 *
 * Only the structure and the GB 32100 check are enforced. The registration
 * authority and kind tables have grown since 2015 (A, N were added), and the
 * body's own GB 11714 check is a different standard's business: refusing on
 * either would refuse real codes for a table the app does not keep up to date.
 */
import { cleanCell } from './text';

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 3^i mod 31 for i = 0…16: 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28. */
export const CREDIT_CODE_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** The check character of the first 17 characters (which must be in the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error(`need 17 characters: ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new Error(`not a credit-code character: ${first17[i]}`);
    sum += v * CREDIT_CODE_WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * What staff type or paste: spaces and dashes dropped, full-width characters
 * made half-width, lower case made upper case (the code has no lower case, so
 * nothing is lost).
 */
export function normalizeCreditCode(raw: string): string {
  return cleanCell(raw).replace(/[\s-]/g, '').toUpperCase();
}

export type CreditCodeCheck = { ok: true; value: string } | { ok: false; message: string };

/** Normalise and check a credit code; the message names what is wrong. */
export function checkCreditCode(raw: string): CreditCodeCheck {
  const value = normalizeCreditCode(raw);
  if (value === '') return { ok: false, message: '统一社会信用代码为空' };
  const chars = [...value];
  if (chars.length !== 18) {
    return { ok: false, message: `统一社会信用代码应为18位，“${value}”为${chars.length}位` };
  }
  for (let i = 0; i < 18; i++) {
    const c = chars[i]!;
    if (!CREDIT_CODE_ALPHABET.includes(c)) {
      const why = /[IOSVZ]/.test(c) ? '统一社会信用代码不使用字母 I、O、S、V、Z' : '只能是数字和大写字母';
      return { ok: false, message: `统一社会信用代码“${value}”第${i + 1}位“${c}”不是有效字符（${why}）` };
    }
  }
  if (!/^\d{6}$/.test(value.slice(2, 8))) {
    return { ok: false, message: `统一社会信用代码“${value}”第3–8位应为6位数字的行政区划码，现为“${value.slice(2, 8)}”` };
  }
  const expected = creditCodeCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    return { ok: false, message: `统一社会信用代码“${value}”校验位错误（第18位应为 ${expected}，现为 ${value[17]}），请核对` };
  }
  return { ok: true, value };
}

/** The Chinese problem text, or null when the code is valid (after normalizeCreditCode). */
export function creditCodeProblem(raw: string): string | null {
  const r = checkCreditCode(raw);
  return r.ok ? null : r.message;
}
