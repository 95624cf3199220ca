/** Placeholder until this screen is built. */
export function ContractPage(_props: { communityId: string; contractId: string }) {
  return null;
}
