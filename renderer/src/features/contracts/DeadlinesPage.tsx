/** Placeholder until this screen is built. */
export function DeadlinesPage(_props: Record<string, never>) {
  return null;
}
