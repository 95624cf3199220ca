/** Placeholder until this screen is built. */
export function ContractsPage(_props: { communityId: string }) {
  return null;
}
