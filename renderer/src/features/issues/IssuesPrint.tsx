/** Placeholder until this screen is built. */
export function IssuesPrint(_props: { communityId: string; from: string; to: string }) {
  return null;
}
