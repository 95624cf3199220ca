/**
 * The contract: every method the renderer (or any client) may call, declared
 * once with its input and output schemas. Main implements each one in
 * main/router.ts; both transports (IPC, HTTP) validate against this table.
 */
import { z } from 'zod';
import './zod-locale';
import { filePayload, id } from './fields';
import type { Permission } from '../domain/permissions';
import * as register from './register';
import * as system from './system';
import * as meetings from './meetings';
import * as votes from './votes';
import * as office from './office';
import * as fund from './treasury/fund';
import * as intake from './treasury/intake';
import * as repairs from './treasury/repairs';
import * as revenue from './treasury/revenue';
import * as reports from './treasury/reports';

/**
 * Which community a call acts on, for the permission check (main/security/access.ts finds it):
 * - 'office': no single community — office-wide actions, or lists main narrows to the caller's communities;
 * - { input }: the input's field holding the community's id (communityId, or id for community.*);
 * - { record, field }: the input's field holding the id of a record of that kind; main looks up its community.
 */
export type CommunityLocator =
  | 'office'
  | { input: string }
  | { record: RecordKind; field: string };

/** The kinds of record whose community main can look up from an id. */
export type RecordKind =
  | 'part' | 'person' | 'meeting' | 'minutes' | 'action' | 'matter' | 'attachment' | 'vote' | 'entry' | 'statementRow'
  | 'repair' | 'contract' | 'body' | 'candidate' | 'issue' | 'mediation' | 'review';

export interface Access {
  permission: Permission;
  community: CommunityLocator;
}

interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** Callable without a session (first start, login, health). */
  public?: boolean;
  /** The permission the call needs and the community it acts on (shared/domain/permissions.ts); signed-in methods only. */
  access?: Access;
}

function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

const empty = z.object({}).strict();
const done = z.object({ ok: z.literal(true) });
const byId = z.object({ id });

export const methods = {
  'system.health': method({ input: empty, output: system.health, public: true }),

  'auth.status': method({ input: empty, output: system.authStatus, public: true }),
  'auth.setup': method({ input: system.setupInput, output: system.sessionWithCode, public: true }),
  'auth.login': method({ input: system.loginInput, output: system.sessionOut, public: true }),
  'auth.recover': method({ input: system.recoverInput, output: system.sessionWithCode, public: true }),
  'auth.logout': method({ input: empty, output: done }),
  /** The screen locked after idle minutes: the session's other calls are refused with SCREEN_LOCKED until auth.unlock. */
  'auth.lock': method({ input: empty, output: done }),
  'auth.unlock': method({ input: system.unlockInput, output: done }),

  'backup.list': method({ input: empty, output: z.array(system.backupListItem) }),
  'backup.create': method({ input: empty, output: system.backupInfo }),
  /** Deletes backups made before encryption (they hold full IDs and phones); refuses any other file. */
  'backup.deletePlaintext': method({ input: system.deletePlaintextBackups, output: z.object({ deleted: z.array(z.string()) }) }),

  /** The recovery code unwraps the database's data key onto this PC (public: the app is locked until then). */
  'dataKey.unlock': method({ input: system.recoveryCodeInput, output: done, public: true }),
  'dataKey.status': method({ input: empty, output: system.dataKeyStatus }),
  /** Wrap the data key with the logged-in administrator's current recovery code. */
  'dataKey.protect': method({ input: system.recoveryCodeInput, output: done }),

  'audit.list': method({ input: system.auditQuery, output: z.object({ total: z.number().int(), rows: z.array(system.auditRow) }) }),
  'audit.authors': method({ input: empty, output: system.auditAuthors, access: { permission: 'office.audit', community: 'office' } }),
  /** The filtered log as xlsx (personal data masked as on the screen). */
  'audit.export': method({ input: system.auditFilter, output: filePayload, access: { permission: 'office.audit', community: 'office' } }),

  'community.list': method({ input: empty, output: z.array(register.communityListItem) }),
  'community.get': method({ input: byId, output: register.community }),
  'community.create': method({ input: register.communityFields, output: register.community }),
  'community.update': method({ input: register.communityUpdate, output: register.community }),
  'community.buildings': method({ input: byId, output: z.array(register.building) }),

  'roster.page': method({ input: register.rosterQuery, output: register.rosterPage }),
  'roster.electorate': method({ input: register.scope, output: register.electorate }),
  'roster.template': method({ input: empty, output: filePayload }),
  'roster.previewImport': method({ input: register.importInput, output: register.importPreview }),
  'roster.import': method({ input: register.importInput, output: register.importResult }),
  /** The file's rows with the faulty ones marked and a column saying what is wrong, as xlsx. */
  'roster.importErrors': method({ input: register.importInput, output: filePayload }),
  /** A running preview's or import's progress, by the ticket its caller gave; null for another user's or an unknown ticket. */
  'roster.importProgress': method({ input: z.object({ ticket: register.importTicket }), output: register.importProgress }),
  'roster.export': method({ input: register.scope, output: filePayload }),

  'part.get': method({ input: byId, output: register.partDetail }),
  'part.create': method({ input: register.partFields, output: register.partDetail }),
  'part.update': method({ input: register.partUpdate, output: register.partDetail }),
  'part.setOwners': method({ input: register.setOwnersInput, output: register.partDetail }),

  'person.get': method({ input: byId, output: register.personDetail }),
  'person.create': method({ input: register.personFields, output: register.personDetail }),
  'person.update': method({ input: register.personUpdate, output: register.personDetail }),
  'person.search': method({ input: register.personSearch, output: z.array(register.maskedOwner) }),

  'holiday.year': method({ input: system.holidayYearQuery, output: system.holidayYear }),
  'holiday.setDay': method({ input: system.holidaySetDay, output: system.holidayYear }),
  'holiday.import': method({ input: z.object({ file: filePayload }), output: system.holidayImportResult }),
  'holiday.template': method({ input: empty, output: filePayload }),

  'meeting.list': method({ input: meetings.meetingListQuery, output: z.array(meetings.meetingListItem) }),
  'meeting.get': method({ input: byId, output: meetings.meeting }),
  'meeting.create': method({ input: meetings.meetingFields, output: meetings.meeting }),
  'meeting.update': method({ input: meetings.meetingUpdate, output: meetings.meeting }),
  'meeting.setAttendees': method({ input: meetings.setAttendeesInput, output: meetings.meeting }),
  'meeting.recordResults': method({ input: meetings.recordResultsInput, output: meetings.meeting }),
  'meeting.postDecisions': method({ input: meetings.postDecisionsInput, output: meetings.meeting }),
  'meeting.body': method({ input: meetings.meetingBodyQuery, output: meetings.meetingBody }),
  'meeting.reminders': method({ input: z.object({ communityId: id }), output: meetings.reminders }),

  'minutes.list': method({ input: z.object({ meetingId: id }), output: z.array(meetings.minutesVersion) }),
  'minutes.get': method({ input: byId, output: meetings.minutesVersion }),
  'minutes.saveDraft': method({ input: meetings.saveMinutesInput, output: meetings.minutesVersion }),
  'minutes.approve': method({ input: byId, output: meetings.minutesVersion }),
  'minutes.correct': method({ input: meetings.correctMinutesInput, output: meetings.minutesVersion }),
  'minutes.diff': method({ input: meetings.diffInput, output: meetings.diffOutput }),

  'action.list': method({ input: meetings.actionQuery, output: z.array(meetings.actionRow) }),
  'action.complete': method({ input: meetings.completeActionInput, output: meetings.actionRow }),

  'attachment.list': method({ input: meetings.attachmentOwner, output: z.array(meetings.attachment) }),
  'attachment.add': method({ input: meetings.addAttachmentInput, output: meetings.attachment }),
  'attachment.open': method({ input: byId, output: meetings.openAttachmentOutput }),

  'workflow.list': method({ input: empty, output: z.array(meetings.workflow) }),
  'workflow.save': method({ input: meetings.workflowInput, output: meetings.workflow }),
  'workflow.setDefault': method({ input: z.object({ key: z.string().min(1).max(64) }), output: z.array(meetings.workflow) }),

  'matter.list': method({ input: z.object({ communityId: id }), output: z.array(meetings.matterListItem) }),
  'matter.get': method({ input: byId, output: meetings.matterDetail }),
  'matter.create': method({ input: meetings.matterFields, output: meetings.matterDetail }),
  'matter.update': method({ input: meetings.matterUpdate, output: meetings.matterDetail }),
  'matter.advance': method({ input: meetings.advanceInput, output: meetings.matterDetail }),

  'vote.list': method({ input: z.object({ communityId: id }), output: z.array(votes.voteListItem) }),
  'vote.get': method({ input: byId, output: votes.voteDetail }),
  'vote.create': method({ input: votes.voteCreate, output: votes.voteDetail }),
  'vote.refreeze': method({ input: votes.refreezeInput, output: votes.voteDetail }),
  'vote.subjects': method({ input: votes.subjectQuery, output: votes.subjectPage }),
  'vote.tally': method({ input: byId, output: votes.voteTally }),
  'vote.close': method({ input: byId, output: votes.voteDetail }),
  'vote.postResult': method({ input: votes.postResultInput, output: votes.voteDetail }),
  'vote.resultParts': method({ input: byId, output: votes.resultParts }),
  'ballot.record': method({ input: votes.recordBallotInput, output: votes.recordBallotResult }),
  'ballot.replace': method({ input: votes.replaceBallotInput, output: votes.recordBallotResult }),
  'ballot.previewImport': method({ input: votes.ballotImportInput, output: votes.ballotImportPreview }),
  'ballot.import': method({ input: votes.ballotImportInput, output: votes.ballotImportResult }),
  /** Double entry: the second clerk's entry, the differences, and settling one. */
  'ballot.check': method({ input: votes.checkBallotInput, output: votes.checkResult }),
  'vote.differences': method({ input: byId, output: z.array(votes.differenceRow) }),
  'vote.settlement': method({ input: votes.settlementQuery, output: votes.settlementPage }),
  'ballot.settle': method({ input: votes.settleInput, output: votes.differenceCount }),

  /** The treasurer's books: accounts, the three forms, reversals, closing months. */
  'ledger.books': method({ input: z.object({ communityId: id }), output: fund.books }),
  'ledger.record': method({ input: fund.recordInput, output: fund.entry }),
  'ledger.reverse': method({ input: fund.reverseInput, output: fund.entry }),
  'ledger.entry': method({ input: byId, output: fund.entry }),
  'ledger.entries': method({ input: fund.entryQuery, output: fund.entryPage }),
  'ledger.closeMonth': method({ input: fund.closeMonthInput, output: fund.books }),
  'fund.households': method({ input: fund.householdQuery, output: fund.householdPage }),
  'fund.balance': method({ input: z.object({ communityId: id }), output: fund.fundBalance }),
  'fund.subLedger': method({ input: z.object({ partId: id }), output: fund.subLedger }),
  'fund.deposit': method({ input: fund.depositInput, output: fund.entry }),
  'fund.apportion': method({ input: fund.apportionInput, output: fund.apportionment }),
  'fund.previewEarnings': method({ input: fund.earningsInput, output: fund.earningsResult }),
  'fund.shareEarnings': method({ input: fund.earningsInput, output: fund.earningsResult }),
  'fund.openingTemplate': method({ input: z.object({ communityId: id }), output: filePayload }),
  'fund.previewOpening': method({ input: intake.openingInput, output: intake.openingPreview }),
  'fund.importOpening': method({ input: intake.openingInput, output: intake.openingResult }),
  'fund.previewStatement': method({ input: intake.bankImportInput, output: intake.statementPreview }),
  'fund.importStatement': method({ input: intake.bankImportInput, output: intake.statementResult }),
  'fund.statementRows': method({ input: intake.statementRowsQuery, output: intake.postedStatementPage }),
  'fund.reclassifyStatementRow': method({ input: intake.reclassifyInput, output: intake.postedStatementRow }),
  'fund.unidentified': method({ input: z.object({ communityId: id }), output: z.array(intake.unidentifiedItem) }),
  'fund.claimUnidentified': method({ input: intake.claimInput, output: fund.entry }),
  'fund.reconciliation': method({ input: intake.reconciliationInput, output: intake.reconciliation }),
  'fund.statements': method({ input: reports.statementQuery, output: reports.householdStatements }),
  'fund.summary': method({ input: revenue.periodQuery, output: reports.fundSummary }),
  'ledger.export': method({ input: z.object({ communityId: id }), output: filePayload }),

  'repair.list': method({ input: z.object({ communityId: id }), output: z.array(repairs.projectSummary) }),
  'repair.get': method({ input: byId, output: repairs.projectDetail }),
  'repair.create': method({ input: repairs.projectFields, output: repairs.projectDetail }),
  'repair.notice': method({ input: repairs.projectNotice, output: repairs.projectDetail }),
  'repair.pay': method({ input: repairs.projectPayment, output: repairs.projectDetail }),
  'repair.previewCharge': method({ input: repairs.chargePreviewInput, output: repairs.chargePreview }),
  'repair.charge': method({ input: repairs.chargeInput, output: repairs.projectDetail }),

  'revenue.record': method({ input: revenue.revenueInput, output: fund.entry }),
  'revenue.summary': method({ input: revenue.periodQuery, output: revenue.revenueSummary }),
  'revenue.previewTransfer': method({ input: revenue.transferInput, output: revenue.transferPreview }),
  'revenue.transfer': method({ input: revenue.transferInput, output: fund.entry }),

  'budget.get': method({ input: z.object({ communityId: id, year: z.number().int().min(2000).max(2100) }), output: revenue.budgetReport }),
  'budget.set': method({ input: revenue.budgetInput, output: revenue.budgetReport }),
  'budget.spend': method({ input: revenue.spendInput, output: fund.entry }),

  'company.list': method({ input: z.object({ text: z.string().trim().max(100).default('') }), output: z.array(office.company) }),
  'company.save': method({ input: office.companyFields.extend({ id: id.optional() }), output: office.company }),
  'contract.list': method({ input: z.object({ communityId: id.optional() }), output: z.array(office.contractSummary) }),
  'contract.get': method({ input: byId, output: office.contractDetail }),
  'contract.create': method({ input: office.contractFields, output: office.contractDetail }),
  'contract.update': method({ input: office.contractUpdate, output: office.contractDetail }),
  'contract.record': method({ input: office.contractEventInput, output: office.contractDetail }),
  'contract.dismissal': method({ input: office.dismissalInput, output: office.dismissalResult }),
  'contract.evaluations': method({ input: z.object({ contractId: id }), output: z.array(office.evaluation) }),
  'contract.evaluate': method({ input: office.evaluationInput, output: office.evaluation }),

  'body.list': method({ input: z.object({ communityId: id }), output: z.array(office.body) }),
  'body.create': method({ input: office.bodyFields, output: office.body }),
  'body.update': method({ input: office.bodyUpdate, output: office.body }),
  'candidate.list': method({ input: z.object({ communityId: id }), output: z.array(office.candidate) }),
  'candidate.create': method({ input: office.candidateFields, output: office.candidate }),
  'candidate.check': method({ input: office.candidateCheckInput, output: office.candidate }),
  'coverage.list': method({ input: empty, output: z.array(office.coverage) }),

  'issue.list': method({ input: office.issueQuery, output: z.array(office.issueSummary) }),
  'issue.get': method({ input: byId, output: office.issueDetail }),
  'issue.create': method({ input: office.issueFields, output: office.issueDetail }),
  'issue.update': method({ input: office.issueUpdate, output: office.issueDetail }),
  'issue.dispatch': method({ input: office.dispatchInput, output: office.issueDetail }),
  'issue.plan': method({ input: office.planInput, output: office.issueDetail }),
  'issue.status': method({ input: office.statusInput, output: office.issueDetail }),
  'issue.feedback': method({ input: office.feedbackInput, output: office.issueDetail }),
  'issue.escalate': method({ input: office.escalateInput, output: office.issueDetail }),
  'issue.stats': method({ input: revenue.periodQuery, output: office.issueStats }),
  'issue.export': method({ input: z.object({ communityId: id }), output: filePayload }),
  'mediation.list': method({ input: z.object({ communityId: id }), output: z.array(office.mediation) }),
  'mediation.create': method({ input: office.mediationFields, output: office.mediation }),
  'mediation.update': method({ input: office.mediationUpdate, output: office.mediation }),

  /** Desktop app: the shown print view to a PDF file (printToPDF); browser mode answers available: false. */
  'print.savePdf': method({
    input: z.object({ fileName: z.string().trim().min(1).max(120).regex(/^[^\\/:*?"<>|]+$/, { error: '文件名不能含有 \\ / : * ? " < > |' }) }),
    output: z.object({ available: z.boolean(), file: z.string().nullable() }),
  }),
  'search.query': method({ input: meetings.searchInput, output: z.object({ hits: z.array(meetings.searchHit) }) }),
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

/** `wrote`: the call committed to the database (audited writes), so what a screen read before may be stale. */
export type InvokeResponse =
  | { ok: true; result: unknown; wrote?: true }
  | { ok: false; error: import('./errors').ErrorEnvelope; wrote?: true };
