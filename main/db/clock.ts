/** Time in one place, so that tests can reason about it. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Today's date in the office's time zone (default Asia/Shanghai), YYYY-MM-DD. */
export function todayInOffice(timeZone = 'Asia/Shanghai', at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * The office's day of a stored moment (`created_at` and the like are UTC ISO): from 16:00 UTC on, the office in
 * Asia/Shanghai is already on the next day, so slicing the ISO string would name yesterday.
 */
export function officeDayOf(iso: string, timeZone = 'Asia/Shanghai'): string {
  return todayInOffice(timeZone, new Date(iso));
}

/** A file-name-safe stamp: 20261122-142530-123 (UTC). */
export function fileStamp(at = new Date()): string {
  return at.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\.(\d{3})Z$/, '-$1');
}

/** Now on the office's wall clock, 'YYYY-MM-DDTHH:mm' (the issue ledger's times; no daylight saving in China). */
export function nowInOffice(timeZone = 'Asia/Shanghai', at = new Date()): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
