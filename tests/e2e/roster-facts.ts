/**
 * What the screens should show for a generated roster, computed here from the
 * rows themselves — independently of the app's services — following
 * docs/domain.md §4: one subject per distinct set of owners of delivered parts, all
 * developer-held parts (未售, 已售未交付) together as one, parking left out
 * unless the community counts it.
 */
import { maskDocument, maskPhone } from '../../shared/domain/identity';
import type { RosterExportRow } from '../fixtures/roster-generator';

export function addressOf(r: RosterExportRow): string {
  return `${r.building}${r.entrance ?? ''}${r.room}`;
}

export function hundredths(area: string): number {
  const [whole, frac = ''] = area.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export function twoDecimals(h: number): string {
  return `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;
}

/** "1234567.80" → "1,234,567.80" as the screens group it. */
export function grouped(area: string): string {
  const [whole, frac] = area.split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

const split = (text: string) => (text === '' ? [] : text.split('、'));

export function expectedElectorate(rows: readonly RosterExportRow[], opts: { building?: string; countParking?: boolean } = {}) {
  const subjects = new Set<string>();
  let developer = false;
  let area = 0;
  for (const r of rows) {
    if (opts.building !== undefined && r.building !== opts.building) continue;
    if (r.type === '车位' && !opts.countParking) continue;
    area += hundredths(r.area);
    if (r.deliveryStatus !== '已交付') {
      developer = true;
      continue;
    }
    // Every person of the generated rosters has their own phone: the set of phones is the set of owners.
    subjects.add([...split(r.phones)].sort().join('+'));
  }
  return { count: subjects.size + (developer ? 1 : 0), area: twoDecimals(area) };
}

/**
 * The rows the roster search should find: the text in the address, in the name of a current owner or in
 * the visible digits of their masked phone or document, or the text being their whole phone or document
 * (unsold parts have no owner; the name on them is the developer's). The full numbers are stored only
 * sealed, so a part of one that the mask hides finds nothing.
 */
export function expectedSearch(rows: readonly RosterExportRow[], text: string): RosterExportRow[] {
  return rows.filter((r) => {
    if (addressOf(r).includes(text)) return true;
    if (r.deliveryStatus === '未售') return false;
    const visible = [...split(r.owners), ...split(r.phones).map(maskPhone), ...split(r.documents).map(maskDocument)];
    return visible.some((v) => v.includes(text)) || [...split(r.phones), ...split(r.documents)].includes(text.toUpperCase());
  });
}
