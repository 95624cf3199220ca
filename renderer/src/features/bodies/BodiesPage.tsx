/** Placeholder until this screen is built. */
export function BodiesPage(_props: { communityId: string }) {
  return null;
}
