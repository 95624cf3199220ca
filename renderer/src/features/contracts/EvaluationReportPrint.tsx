/** Placeholder until this screen is built. */
export function EvaluationReportPrint(_props: { contractId: string; year: number }) {
  return null;
}
