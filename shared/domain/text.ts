/**
 * Text normalisation shared by every import and search.
 *
 * Office staff type on Chinese IMEs, which often produce full-width digits and
 * letters (１０１, Ａ座). The register reads them as half-width so that the same
 * address typed two ways is one address.
 */

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space to half-width. */
export function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/**
 * A number typed with thousands separators ("1,234.56", "12,345") without
 * them, or null when a comma stands anywhere else: "89,50" (a decimal comma),
 * "1,2,3.5". Expects half-width text without spaces.
 */
export function ungroupThousands(text: string): string | null {
  if (!text.includes(',')) return text;
  return /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(text) ? text.replace(/,/g, '') : null;
}

/** Half-width, trimmed; inner runs of white space kept as written. */
export function cleanCell(text: string): string {
  return toHalfWidth(text).trim();
}

/**
 * A sort key that orders "2幢" before "10幢": every run of digits is padded to
 * 12 places. Used for buildings, entrances and rooms so that SQL can sort the
 * roster with a plain index.
 */
export function naturalKey(text: string): string {
  return toHalfWidth(text).replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, '').padStart(12, '0'));
}

/** Sort key of a whole address: building, entrance, room. */
export function addressSortKey(building: string, entrance: string | null, room: string): string {
  return [naturalKey(building), naturalKey(entrance ?? ''), naturalKey(room)].join('\u0001');
}

/** An address as docs/cli.md §7 prints it: building + entrance + room, e.g. 1幢1单元101. */
export function formatAddress(building: string, entrance: string | null, room: string): string {
  return `${building}${entrance ?? ''}${room}`;
}
