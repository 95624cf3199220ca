/** Time in one place, so that tests can reason about it. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Today's date in the office's time zone (default Asia/Shanghai), YYYY-MM-DD. */
export function todayInOffice(timeZone = 'Asia/Shanghai', at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A file-name-safe stamp: 20261122-142530-123 (UTC). */
export function fileStamp(at = new Date()): string {
  return at.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\.(\d{3})Z$/, '-$1');
}
