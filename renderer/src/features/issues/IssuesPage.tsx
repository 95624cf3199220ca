/** Placeholder until this screen is built. */
export function IssuesPage(_props: { communityId: string }) {
  return null;
}
