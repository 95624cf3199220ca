/**
 * The contract: every method the renderer (or any client) may call, declared
 * once with its input and output schemas. Main implements each one in
 * main/router.ts; both transports (IPC, HTTP) validate against this table.
 */
import { z } from 'zod';
import './zod-locale';
import { filePayload, id } from './fields';
import * as f from './fund';
import * as g from './governance';
import * as o from './office';
import * as t from './treasury';
import * as s from './schemas';
import * as v from './votes';

interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** Callable without a session (first start, login, health). */
  public?: boolean;
}

function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

const empty = z.object({}).strict();
const done = z.object({ ok: z.literal(true) });
const byId = z.object({ id });

export const methods = {
  'system.health': method({ input: empty, output: s.health, public: true }),

  'auth.status': method({ input: empty, output: s.authStatus, public: true }),
  'auth.setup': method({ input: s.setupInput, output: s.sessionWithCode, public: true }),
  'auth.login': method({ input: s.loginInput, output: s.sessionOut, public: true }),
  'auth.recover': method({ input: s.recoverInput, output: s.sessionWithCode, public: true }),
  'auth.logout': method({ input: empty, output: done }),

  'backup.list': method({ input: empty, output: z.array(s.backupListItem) }),
  'backup.create': method({ input: empty, output: s.backupInfo }),
  /** Deletes backups made before encryption (they hold full IDs and phones); refuses any other file. */
  'backup.deletePlaintext': method({ input: s.deletePlaintextBackups, output: z.object({ deleted: z.array(z.string()) }) }),

  /** The recovery code unwraps the database's data key onto this PC (public: the app is locked until then). */
  'dataKey.unlock': method({ input: s.recoveryCodeInput, output: done, public: true }),
  'dataKey.status': method({ input: empty, output: s.dataKeyStatus }),
  /** Wrap the data key with the logged-in administrator's current recovery code. */
  'dataKey.protect': method({ input: s.recoveryCodeInput, output: done }),

  'audit.list': method({ input: s.auditQuery, output: z.object({ total: z.number().int(), rows: z.array(s.auditRow) }) }),

  'community.list': method({ input: empty, output: z.array(s.communityListItem) }),
  'community.get': method({ input: byId, output: s.community }),
  'community.create': method({ input: s.communityFields, output: s.community }),
  'community.update': method({ input: s.communityUpdate, output: s.community }),
  'community.buildings': method({ input: byId, output: z.array(s.building) }),

  'roster.page': method({ input: s.rosterQuery, output: s.rosterPage }),
  'roster.electorate': method({ input: s.scope, output: s.electorate }),
  'roster.template': method({ input: empty, output: filePayload }),
  'roster.previewImport': method({ input: s.importInput, output: s.importPreview }),
  'roster.import': method({ input: s.importInput, output: s.importResult }),
  'roster.export': method({ input: s.scope, output: filePayload }),

  'part.get': method({ input: byId, output: s.partDetail }),
  'part.create': method({ input: s.partFields, output: s.partDetail }),
  'part.update': method({ input: s.partUpdate, output: s.partDetail }),
  'part.setOwners': method({ input: s.setOwnersInput, output: s.partDetail }),

  'person.get': method({ input: byId, output: s.personDetail }),
  'person.create': method({ input: s.personFields, output: s.personDetail }),
  'person.update': method({ input: s.personUpdate, output: s.personDetail }),
  'person.search': method({ input: s.personSearch, output: z.array(s.maskedOwner) }),

  'holiday.year': method({ input: s.holidayYearQuery, output: s.holidayYear }),
  'holiday.setDay': method({ input: s.holidaySetDay, output: s.holidayYear }),
  'holiday.import': method({ input: z.object({ file: filePayload }), output: s.holidayImportResult }),
  'holiday.template': method({ input: empty, output: filePayload }),

  'meeting.list': method({ input: g.meetingListQuery, output: z.array(g.meetingListItem) }),
  'meeting.get': method({ input: byId, output: g.meeting }),
  'meeting.create': method({ input: g.meetingFields, output: g.meeting }),
  'meeting.update': method({ input: g.meetingUpdate, output: g.meeting }),
  'meeting.setAttendees': method({ input: g.setAttendeesInput, output: g.meeting }),
  'meeting.recordResults': method({ input: g.recordResultsInput, output: g.meeting }),
  'meeting.postDecisions': method({ input: g.postDecisionsInput, output: g.meeting }),
  'meeting.reminders': method({ input: z.object({ communityId: id }), output: g.reminders }),

  'minutes.list': method({ input: z.object({ meetingId: id }), output: z.array(g.minutesVersion) }),
  'minutes.get': method({ input: byId, output: g.minutesVersion }),
  'minutes.saveDraft': method({ input: g.saveMinutesInput, output: g.minutesVersion }),
  'minutes.approve': method({ input: byId, output: g.minutesVersion }),
  'minutes.correct': method({ input: g.correctMinutesInput, output: g.minutesVersion }),
  'minutes.diff': method({ input: g.diffInput, output: g.diffOutput }),

  'action.list': method({ input: g.actionQuery, output: z.array(g.actionRow) }),
  'action.complete': method({ input: g.completeActionInput, output: g.actionRow }),

  'attachment.list': method({ input: g.attachmentOwner, output: z.array(g.attachment) }),
  'attachment.add': method({ input: g.addAttachmentInput, output: g.attachment }),
  'attachment.open': method({ input: byId, output: g.openAttachmentOutput }),

  'workflow.list': method({ input: empty, output: z.array(g.workflow) }),
  'workflow.save': method({ input: g.workflowInput, output: g.workflow }),
  'workflow.setDefault': method({ input: z.object({ key: z.string().min(1).max(64) }), output: z.array(g.workflow) }),

  'matter.list': method({ input: z.object({ communityId: id }), output: z.array(g.matterListItem) }),
  'matter.get': method({ input: byId, output: g.matterDetail }),
  'matter.create': method({ input: g.matterFields, output: g.matterDetail }),
  'matter.update': method({ input: g.matterUpdate, output: g.matterDetail }),
  'matter.advance': method({ input: g.advanceInput, output: g.matterDetail }),

  'vote.list': method({ input: z.object({ communityId: id }), output: z.array(v.voteListItem) }),
  'vote.get': method({ input: byId, output: v.voteDetail }),
  'vote.create': method({ input: v.voteCreate, output: v.voteDetail }),
  'vote.refreeze': method({ input: v.refreezeInput, output: v.voteDetail }),
  'vote.subjects': method({ input: v.subjectQuery, output: v.subjectPage }),
  'vote.tally': method({ input: byId, output: v.voteTally }),
  'vote.close': method({ input: byId, output: v.voteDetail }),
  'vote.postResult': method({ input: v.postResultInput, output: v.voteDetail }),
  'vote.resultParts': method({ input: byId, output: v.resultParts }),
  'ballot.record': method({ input: v.recordBallotInput, output: v.recordBallotResult }),
  'ballot.replace': method({ input: v.replaceBallotInput, output: v.recordBallotResult }),
  'ballot.previewImport': method({ input: v.ballotImportInput, output: v.ballotImportPreview }),
  'ballot.import': method({ input: v.ballotImportInput, output: v.ballotImportResult }),
  /** Double entry: the second clerk's entry, the differences, and settling one. */
  'ballot.check': method({ input: v.checkBallotInput, output: v.differenceCount }),
  'vote.differences': method({ input: byId, output: z.array(v.differenceRow) }),
  'ballot.settle': method({ input: v.settleInput, output: v.differenceCount }),

  /** The treasurer's books (issue 5): accounts, the three forms, reversals, closing months. */
  'ledger.books': method({ input: z.object({ communityId: id }), output: f.books }),
  'ledger.record': method({ input: f.recordInput, output: f.entry }),
  'ledger.reverse': method({ input: f.reverseInput, output: f.entry }),
  'ledger.entry': method({ input: byId, output: f.entry }),
  'ledger.entries': method({ input: f.entryQuery, output: f.entryPage }),
  'ledger.closeMonth': method({ input: f.closeMonthInput, output: f.books }),
  'fund.households': method({ input: f.householdQuery, output: f.householdPage }),
  'fund.balance': method({ input: z.object({ communityId: id }), output: f.fundBalance }),
  'fund.subLedger': method({ input: z.object({ partId: id }), output: f.subLedger }),
  'fund.deposit': method({ input: f.depositInput, output: f.entry }),
  'fund.apportion': method({ input: f.apportionInput, output: f.apportionment }),
  'fund.previewEarnings': method({ input: f.earningsInput, output: f.earningsResult }),
  'fund.shareEarnings': method({ input: f.earningsInput, output: f.earningsResult }),
  'fund.openingTemplate': method({ input: z.object({ communityId: id }), output: filePayload }),
  'fund.previewOpening': method({ input: t.openingInput, output: t.openingPreview }),
  'fund.importOpening': method({ input: t.openingInput, output: t.openingResult }),
  'fund.previewStatement': method({ input: t.bankImportInput, output: t.statementPreview }),
  'fund.importStatement': method({ input: t.bankImportInput, output: t.statementResult }),
  'fund.statementRows': method({ input: t.statementRowsQuery, output: t.postedStatementPage }),
  'fund.reclassifyStatementRow': method({ input: t.reclassifyInput, output: t.postedStatementRow }),
  'fund.unidentified': method({ input: z.object({ communityId: id }), output: z.array(t.unidentifiedItem) }),
  'fund.claimUnidentified': method({ input: t.claimInput, output: f.entry }),
  'fund.reconciliation': method({ input: t.reconciliationInput, output: t.reconciliation }),
  'fund.statements': method({ input: t.statementQuery, output: t.householdStatements }),
  'fund.summary': method({ input: t.periodQuery, output: t.fundSummary }),
  'ledger.export': method({ input: z.object({ communityId: id }), output: filePayload }),

  'repair.list': method({ input: z.object({ communityId: id }), output: z.array(t.projectSummary) }),
  'repair.get': method({ input: byId, output: t.projectDetail }),
  'repair.create': method({ input: t.projectFields, output: t.projectDetail }),
  'repair.notice': method({ input: t.projectNotice, output: t.projectDetail }),
  'repair.pay': method({ input: t.projectPayment, output: t.projectDetail }),
  'repair.previewCharge': method({ input: t.chargePreviewInput, output: t.chargePreview }),
  'repair.charge': method({ input: t.chargeInput, output: t.projectDetail }),

  'revenue.record': method({ input: t.revenueInput, output: f.entry }),
  'revenue.summary': method({ input: t.periodQuery, output: t.revenueSummary }),
  'revenue.previewTransfer': method({ input: t.transferInput, output: t.transferPreview }),
  'revenue.transfer': method({ input: t.transferInput, output: f.entry }),

  'budget.get': method({ input: z.object({ communityId: id, year: z.number().int().min(2000).max(2100) }), output: t.budgetReport }),
  'budget.set': method({ input: t.budgetInput, output: t.budgetReport }),
  'budget.spend': method({ input: t.spendInput, output: f.entry }),

  'company.list': method({ input: z.object({ text: z.string().trim().max(100).default('') }), output: z.array(o.company) }),
  'company.save': method({ input: o.companyFields.extend({ id: id.optional() }), output: o.company }),
  'contract.list': method({ input: z.object({ communityId: id.optional() }), output: z.array(o.contractSummary) }),
  'contract.get': method({ input: byId, output: o.contractDetail }),
  'contract.create': method({ input: o.contractFields, output: o.contractDetail }),
  'contract.update': method({ input: o.contractUpdate, output: o.contractDetail }),
  'contract.record': method({ input: o.contractEventInput, output: o.contractDetail }),
  'contract.dismissal': method({ input: o.dismissalInput, output: o.dismissalResult }),
  'contract.evaluations': method({ input: z.object({ contractId: id }), output: z.array(o.evaluation) }),
  'contract.evaluate': method({ input: o.evaluationInput, output: o.evaluation }),

  'body.list': method({ input: z.object({ communityId: id }), output: z.array(o.body) }),
  'body.create': method({ input: o.bodyFields, output: o.body }),
  'body.update': method({ input: o.bodyUpdate, output: o.body }),
  'candidate.list': method({ input: z.object({ communityId: id }), output: z.array(o.candidate) }),
  'candidate.create': method({ input: o.candidateFields, output: o.candidate }),
  'candidate.check': method({ input: o.candidateCheckInput, output: o.candidate }),
  'coverage.list': method({ input: empty, output: z.array(o.coverage) }),

  'issue.list': method({ input: o.issueQuery, output: z.array(o.issueSummary) }),
  'issue.get': method({ input: byId, output: o.issueDetail }),
  'issue.create': method({ input: o.issueFields, output: o.issueDetail }),
  'issue.update': method({ input: o.issueUpdate, output: o.issueDetail }),
  'issue.dispatch': method({ input: o.dispatchInput, output: o.issueDetail }),
  'issue.plan': method({ input: o.planInput, output: o.issueDetail }),
  'issue.status': method({ input: o.statusInput, output: o.issueDetail }),
  'issue.feedback': method({ input: o.feedbackInput, output: o.issueDetail }),
  'issue.escalate': method({ input: o.escalateInput, output: o.issueDetail }),
  'issue.stats': method({ input: t.periodQuery, output: o.issueStats }),
  'issue.export': method({ input: z.object({ communityId: id }), output: filePayload }),
  'mediation.list': method({ input: z.object({ communityId: id }), output: z.array(o.mediation) }),
  'mediation.create': method({ input: o.mediationFields, output: o.mediation }),
  'mediation.update': method({ input: o.mediationUpdate, output: o.mediation }),

  /** Desktop app: the shown print view to a PDF file (printToPDF); browser mode answers available: false. */
  'print.savePdf': method({
    input: z.object({ fileName: z.string().trim().min(1).max(120).regex(/^[^\\/:*?"<>|]+$/, { error: '文件名不能含有 \\ / : * ? " < > |' }) }),
    output: z.object({ available: z.boolean(), file: z.string().nullable() }),
  }),
  'search.query': method({ input: g.searchInput, output: z.object({ hits: z.array(g.searchHit) }) }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(methods, value);
}

/** What a client sends: the method, its input, and the session from login. */
export interface InvokeRequest {
  method: string;
  input: unknown;
  session?: string;
}

export type InvokeResponse =
  | { ok: true; result: unknown }
  | { ok: false; error: import('./errors').ErrorEnvelope };
