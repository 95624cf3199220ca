/** Placeholder until this screen is built. */
export function IssuePage(_props: { communityId: string; issueId: string }) {
  return null;
}
