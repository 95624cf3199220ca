/** Placeholder until this screen is built. */
export function CoveragePage(_props: Record<string, never>) {
  return null;
}
