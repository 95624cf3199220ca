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
import * as dossier from './dossier';
import * as system from './system';
import * as meetings from './meetings';
import * as votes from './votes';
import * as office from './office';
import * as fund from './treasury/fund';
import * as intake from './treasury/intake';
import * as repairs from './treasury/repairs';
import * as revenue from './treasury/revenue';
import * as reports from './treasury/reports';
import * as reviews from './reviews';
import * as workstation from './workstation';
import * as levels from './levels';

/**
 * Which community a call acts on, for the permission check (main/security/access.ts finds it):
 * - 'office': no single community — office-wide actions, or lists main narrows to the caller's communities;
 * - 'new': a community not created yet — only a grant over all communities may create one (any narrower grant
 *   would not cover the community it made);
 * - { input }: the input's field holding the community's id (communityId, or id for community.*); `absent` says
 *   what a call without that field acts on: 'office' (a list over the caller's communities) or 'new' (the roster
 *   import that creates its community); without `absent` the field is required;
 * - { record, field }: the input's field holding the id of a record of that kind; main looks up its community;
 * - { recordOfType, field }: the same, the record's kind named by another field of the input (an attachment's
 *   owner: a meeting, minutes or a matter).
 */
export type CommunityLocator =
  | 'office'
  | 'new'
  | { input: string; absent?: 'office' | 'new' }
  | { record: RecordKind; field: string }
  | { recordOfType: string; field: string };

/** The kinds of record whose community main can look up from an id. */
export type RecordKind =
  | 'part' | 'person' | 'meeting' | 'minutes' | 'action' | 'matter' | 'attachment' | 'vote' | 'ballot' | 'entry' | 'statementRow'
  | 'repair' | 'contract' | 'body' | 'candidate' | 'issue' | 'mediation' | 'review';

/**
 * The permission a call needs and the community it acts on. `permission: 'any'` is any role over the community
 * (its name, rules and buildings, which every screen of it reads). `liaisonRows`: a 物业联络员 may call it and main
 * narrows the rows to their company's (issues dispatched to it, its contracts); a method without it that reads a
 * community's issues or contracts as a whole (statistics, exports) is refused to a caller who holds the permission
 * only as 物业联络员. 'signed-in': anyone signed in, about their own session or work (logout, their import's
 * progress, the holiday calendar every deadline is counted on, saving a page already shown).
 */
export type Access =
  | { permission: Permission | 'any'; community: CommunityLocator; liaisonRows?: true }
  | 'signed-in';

/**
 * A method is public (callable without a session: first start, login, health) or declares its access — the
 * type makes a signed-in method without `access` a compile error, and tests/unit/contract-access.test.ts checks
 * the same at run time.
 */
type MethodSpec<I extends z.ZodType, O extends z.ZodType> = { input: I; output: O } & (
  | { public: true; access?: undefined }
  | { public?: undefined; access: Access }
);

/** Any method's spec, as the router reads it. */
export type AnyMethodSpec = MethodSpec<z.ZodType, z.ZodType>;

/** The spec as written (public or with its access), so that the table's type says which each method is. */
function method<S extends MethodSpec<z.ZodType, z.ZodType>>(spec: S): S {
  return spec;
}

/** Office-wide, or a list main narrows to the caller's communities. */
function officeWide(permission: Permission | 'any', extra: { liaisonRows?: true } = {}): Access {
  return { permission, community: 'office', ...extra };
}

/** On the community named by the input's field. */
function inCommunity(permission: Permission | 'any', field = 'communityId', extra: { liaisonRows?: true } = {}): Access {
  return { permission, community: { input: field }, ...extra };
}

/** On the community of the record whose id is the input's field. */
function onRecord(permission: Permission, record: RecordKind, field = 'id'): Access {
  return { permission, community: { record, field } };
}

const empty = z.object({}).strict();
const done = z.object({ ok: z.literal(true) });
const byId = z.object({ id });

export const methods = {
  'system.health': method({ input: empty, output: system.health, public: true }),

  'auth.status': method({ input: empty, output: system.authStatus, public: true }),
  'auth.setup': method({ input: system.setupInput, output: system.sessionWithCode, public: true }),
  'auth.login': method({ input: system.loginInput, output: system.loginOut, public: true }),
  'auth.recover': method({ input: system.recoverInput, output: system.sessionWithCode, public: true }),
  'auth.logout': method({ input: empty, output: done, access: 'signed-in' }),
  /** One's own password, knowing the current one; the only call a temporary password allows (besides logout and status). */
  'auth.changePassword': method({ input: system.changePasswordInput, output: system.changePasswordOut, access: 'signed-in' }),
  /** The screen locked after idle minutes: the session's other calls are refused with SCREEN_LOCKED until auth.unlock. */
  'auth.lock': method({ input: empty, output: done, access: 'signed-in' }),
  'auth.unlock': method({ input: system.unlockInput, output: done, access: 'signed-in' }),

  // Accounts (issue 16): never deleted, only disabled, so the audit log keeps every name.
  'user.list': method({ input: empty, output: z.array(system.userRow), access: { permission: 'office.accounts', community: 'office' } }),
  'user.create': method({ input: system.userCreate, output: system.temporaryPasswordOut, access: { permission: 'office.accounts', community: 'office' } }),
  'user.update': method({ input: system.userUpdate, output: system.userRow, access: { permission: 'office.accounts', community: 'office' } }),
  'user.resetPassword': method({ input: byId, output: system.temporaryPasswordOut, access: { permission: 'office.accounts', community: 'office' } }),
  'user.disable': method({ input: byId, output: system.userActiveOut, access: { permission: 'office.accounts', community: 'office' } }),
  'user.enable': method({ input: byId, output: system.userActiveOut, access: { permission: 'office.accounts', community: 'office' } }),

  'backup.list': method({ input: empty, output: z.array(system.backupListItem), access: officeWide('office.backup') }),
  'backup.create': method({ input: empty, output: system.backupInfo, access: officeWide('office.backup') }),
  /** Deletes backups made before encryption (they hold full IDs and phones); refuses any other file. */
  'backup.deletePlaintext': method({ input: system.deletePlaintextBackups, output: z.object({ deleted: z.array(z.string()) }), access: officeWide('office.backup') }),

  /** The recovery code unwraps the database's data key onto this PC (public: the app is locked until then). */
  'dataKey.unlock': method({ input: system.recoveryCodeInput, output: done, public: true }),
  'dataKey.status': method({ input: empty, output: system.dataKeyStatus, access: officeWide('office.backup') }),
  /** Wrap the data key with the logged-in administrator's current recovery code. */
  'dataKey.protect': method({ input: system.recoveryCodeInput, output: done, access: officeWide('office.backup') }),

  'audit.list': method({ input: system.auditQuery, output: z.object({ total: z.number().int(), rows: z.array(system.auditRow) }), access: officeWide('office.audit') }),
  'audit.authors': method({ input: empty, output: system.auditAuthors, access: officeWide('office.audit') }),
  /** The filtered log as xlsx (personal data masked as on the screen). */
  'audit.export': method({ input: system.auditFilter, output: filePayload, access: officeWide('office.audit') }),

  'community.list': method({ input: empty, output: z.array(register.communityListItem), access: officeWide('any') }),
  'community.get': method({ input: byId, output: register.community, access: inCommunity('any', 'id') }),
  'community.create': method({ input: register.communityFields, output: register.community, access: { permission: 'community.settings', community: 'new' } }),
  'community.update': method({ input: register.communityUpdate, output: register.community, access: inCommunity('community.settings', 'id') }),
  'community.buildings': method({ input: byId, output: z.array(register.building), access: inCommunity('any', 'id') }),
  /**
   * 一小区一档 (issue 18): the community's records for an inspection, section by section (shared/contract/dossier.ts),
   * for its print view; the same as xlsx, one sheet per section. register.read: every role holding it reads all the
   * sections' kinds too (the fund only as books.summary gives it), and a 物业联络员, who sees only their company's
   * rows, holds none of it.
   */
  'community.dossier': method({ input: z.object({ communityId: id }), output: dossier.dossier, access: inCommunity('register.read') }),
  'community.dossierXlsx': method({ input: z.object({ communityId: id }), output: filePayload, access: inCommunity('register.read') }),

  'roster.page': method({ input: register.rosterQuery, output: register.rosterPage, access: inCommunity('register.read') }),
  'roster.electorate': method({ input: register.scope, output: register.electorate, access: inCommunity('register.read') }),
  'roster.template': method({ input: empty, output: filePayload, access: officeWide('register.write') }),
  'roster.previewImport': method({ input: register.importInput, output: register.importPreview, access: { permission: 'register.write', community: { input: 'communityId', absent: 'new' } } }),
  'roster.import': method({ input: register.importInput, output: register.importResult, access: { permission: 'register.write', community: { input: 'communityId', absent: 'new' } } }),
  /** The file's rows with the faulty ones marked and a column saying what is wrong, as xlsx. */
  'roster.importErrors': method({ input: register.importInput, output: filePayload, access: { permission: 'register.write', community: { input: 'communityId', absent: 'new' } } }),
  /** A running preview's or import's progress, by the ticket its caller gave; null for another user's or an unknown ticket. */
  'roster.importProgress': method({ input: z.object({ ticket: register.importTicket }), output: register.importProgress, access: 'signed-in' }),
  'roster.export': method({ input: register.scope, output: filePayload, access: inCommunity('register.read') }),

  'part.get': method({ input: byId, output: register.partDetail, access: onRecord('register.read', 'part') }),
  'part.create': method({ input: register.partFields, output: register.partDetail, access: inCommunity('register.write') }),
  'part.update': method({ input: register.partUpdate, output: register.partDetail, access: onRecord('register.write', 'part') }),
  'part.setOwners': method({ input: register.setOwnersInput, output: register.partDetail, access: onRecord('register.write', 'part', 'partId') }),

  'person.get': method({ input: byId, output: register.personDetail, access: onRecord('register.read', 'person') }),
  'person.create': method({ input: register.personFields, output: register.personDetail, access: inCommunity('register.write') }),
  'person.update': method({ input: register.personUpdate, output: register.personDetail, access: onRecord('register.write', 'person') }),
  'person.search': method({ input: register.personSearch, output: z.array(register.maskedOwner), access: inCommunity('register.read') }),

  'holiday.year': method({ input: system.holidayYearQuery, output: system.holidayYear, access: 'signed-in' }),
  'holiday.setDay': method({ input: system.holidaySetDay, output: system.holidayYear, access: officeWide('office.settings') }),
  'holiday.import': method({ input: z.object({ file: filePayload }), output: system.holidayImportResult, access: officeWide('office.settings') }),
  'holiday.template': method({ input: empty, output: filePayload, access: officeWide('office.settings') }),

  'meeting.list': method({ input: meetings.meetingListQuery, output: z.array(meetings.meetingListItem), access: inCommunity('meetings.read') }),
  'meeting.get': method({ input: byId, output: meetings.meeting, access: onRecord('meetings.read', 'meeting') }),
  'meeting.create': method({ input: meetings.meetingFields, output: meetings.meeting, access: inCommunity('meetings.write') }),
  'meeting.update': method({ input: meetings.meetingUpdate, output: meetings.meeting, access: onRecord('meetings.write', 'meeting') }),
  'meeting.setAttendees': method({ input: meetings.setAttendeesInput, output: meetings.meeting, access: onRecord('meetings.write', 'meeting') }),
  'meeting.recordResults': method({ input: meetings.recordResultsInput, output: meetings.meeting, access: onRecord('meetings.write', 'meeting') }),
  'meeting.postDecisions': method({ input: meetings.postDecisionsInput, output: meetings.meeting, access: onRecord('meetings.write', 'meeting') }),
  'meeting.body': method({ input: meetings.meetingBodyQuery, output: meetings.meetingBody, access: inCommunity('meetings.read') }),
  'meeting.reminders': method({ input: z.object({ communityId: id }), output: meetings.reminders, access: inCommunity('meetings.read') }),

  'minutes.list': method({ input: z.object({ meetingId: id }), output: z.array(meetings.minutesVersion), access: onRecord('meetings.read', 'meeting', 'meetingId') }),
  'minutes.get': method({ input: byId, output: meetings.minutesVersion, access: onRecord('meetings.read', 'minutes') }),
  'minutes.saveDraft': method({ input: meetings.saveMinutesInput, output: meetings.minutesVersion, access: onRecord('meetings.write', 'meeting', 'meetingId') }),
  'minutes.approve': method({ input: byId, output: meetings.minutesVersion, access: onRecord('meetings.write', 'minutes') }),
  'minutes.correct': method({ input: meetings.correctMinutesInput, output: meetings.minutesVersion, access: onRecord('meetings.write', 'minutes') }),
  'minutes.diff': method({ input: meetings.diffInput, output: meetings.diffOutput, access: onRecord('meetings.read', 'minutes', 'fromId') }),

  'action.list': method({ input: meetings.actionQuery, output: z.array(meetings.actionRow), access: inCommunity('meetings.read') }),
  'action.complete': method({ input: meetings.completeActionInput, output: meetings.actionRow, access: onRecord('meetings.write', 'action') }),

  'attachment.list': method({ input: meetings.attachmentOwner, output: z.array(meetings.attachment), access: { permission: 'meetings.read', community: { recordOfType: 'ownerType', field: 'ownerId' } } }),
  'attachment.add': method({ input: meetings.addAttachmentInput, output: meetings.attachment, access: { permission: 'meetings.write', community: { recordOfType: 'ownerType', field: 'ownerId' } } }),
  'attachment.open': method({ input: byId, output: meetings.openAttachmentOutput, access: onRecord('meetings.read', 'attachment') }),

  'workflow.list': method({ input: empty, output: z.array(meetings.workflow), access: officeWide('meetings.read') }),
  'workflow.save': method({ input: meetings.workflowInput, output: meetings.workflow, access: officeWide('office.settings') }),
  'workflow.setDefault': method({ input: z.object({ key: z.string().min(1).max(64) }), output: z.array(meetings.workflow), access: officeWide('office.settings') }),

  'matter.list': method({ input: z.object({ communityId: id }), output: z.array(meetings.matterListItem), access: inCommunity('meetings.read') }),
  'matter.get': method({ input: byId, output: meetings.matterDetail, access: onRecord('meetings.read', 'matter') }),
  'matter.create': method({ input: meetings.matterFields, output: meetings.matterDetail, access: inCommunity('meetings.write') }),
  'matter.update': method({ input: meetings.matterUpdate, output: meetings.matterDetail, access: onRecord('meetings.write', 'matter') }),
  'matter.advance': method({ input: meetings.advanceInput, output: meetings.matterDetail, access: onRecord('meetings.write', 'matter') }),

  'vote.list': method({ input: z.object({ communityId: id }), output: z.array(votes.voteListItem), access: inCommunity('votes.read') }),
  'vote.get': method({ input: byId, output: votes.voteDetail, access: onRecord('votes.read', 'vote') }),
  'vote.create': method({ input: votes.voteCreate, output: votes.voteDetail, access: inCommunity('votes.write') }),
  'vote.refreeze': method({ input: votes.refreezeInput, output: votes.voteDetail, access: onRecord('votes.write', 'vote') }),
  'vote.subjects': method({ input: votes.subjectQuery, output: votes.subjectPage, access: onRecord('votes.read', 'vote', 'voteId') }),
  'vote.tally': method({ input: byId, output: votes.voteTally, access: onRecord('votes.read', 'vote') }),
  'vote.close': method({ input: byId, output: votes.voteDetail.extend(reviews.awaitingReview), access: onRecord('votes.write', 'vote') }),
  'vote.postResult': method({ input: votes.postResultInput, output: votes.voteDetail, access: onRecord('votes.write', 'vote') }),
  'vote.resultParts': method({ input: byId, output: votes.resultParts, access: onRecord('votes.read', 'vote') }),
  'ballot.record': method({ input: votes.recordBallotInput, output: votes.recordBallotResult, access: onRecord('votes.write', 'vote', 'voteId') }),
  'ballot.replace': method({ input: votes.replaceBallotInput, output: votes.recordBallotResult, access: onRecord('votes.write', 'ballot', 'ballotId') }),
  'ballot.previewImport': method({ input: votes.ballotImportInput, output: votes.ballotImportPreview, access: onRecord('votes.write', 'vote', 'voteId') }),
  'ballot.import': method({ input: votes.ballotImportInput, output: votes.ballotImportResult, access: onRecord('votes.write', 'vote', 'voteId') }),
  /** Double entry: the second clerk's entry, the differences, and settling one. */
  'ballot.check': method({ input: votes.checkBallotInput, output: votes.checkResult, access: onRecord('votes.write', 'vote', 'voteId') }),
  'vote.differences': method({ input: byId, output: z.array(votes.differenceRow), access: onRecord('votes.read', 'vote') }),
  'vote.settlement': method({ input: votes.settlementQuery, output: votes.settlementPage, access: onRecord('votes.read', 'vote') }),
  'ballot.settle': method({ input: votes.settleInput, output: votes.differenceCount, access: onRecord('votes.write', 'vote', 'voteId') }),

  /** The treasurer's books: accounts, the three forms, reversals, closing months. */
  'ledger.books': method({ input: z.object({ communityId: id }), output: fund.books, access: inCommunity('books.read') }),
  'ledger.record': method({ input: fund.recordInput, output: fund.entry, access: inCommunity('books.write') }),
  'ledger.reverse': method({ input: fund.reverseInput, output: fund.entry.extend(reviews.awaitingReview), access: onRecord('books.write', 'entry') }),
  'ledger.entry': method({ input: byId, output: fund.entry, access: onRecord('books.read', 'entry') }),
  'ledger.entries': method({ input: fund.entryQuery, output: fund.entryPage, access: inCommunity('books.read') }),
  'ledger.closeMonth': method({ input: fund.closeMonthInput, output: fund.books.extend(reviews.awaitingReview), access: inCommunity('books.write') }),
  'fund.households': method({ input: fund.householdQuery, output: fund.householdPage, access: inCommunity('books.read') }),
  'fund.balance': method({ input: z.object({ communityId: id }), output: fund.fundBalance, access: inCommunity('books.summary') }),
  'fund.subLedger': method({ input: z.object({ partId: id }), output: fund.subLedger, access: onRecord('books.read', 'part', 'partId') }),
  'fund.deposit': method({ input: fund.depositInput, output: fund.entry, access: onRecord('books.write', 'part', 'partId') }),
  'fund.apportion': method({ input: fund.apportionInput, output: fund.apportionment, access: inCommunity('books.summary') }),
  'fund.previewEarnings': method({ input: fund.earningsInput, output: fund.earningsResult, access: inCommunity('books.write') }),
  'fund.shareEarnings': method({ input: fund.earningsInput, output: fund.earningsResult, access: inCommunity('books.write') }),
  'fund.openingTemplate': method({ input: z.object({ communityId: id }), output: filePayload, access: inCommunity('books.write') }),
  'fund.previewOpening': method({ input: intake.openingInput, output: intake.openingPreview, access: inCommunity('books.write') }),
  'fund.importOpening': method({ input: intake.openingInput, output: intake.openingResult, access: inCommunity('books.write') }),
  'fund.previewStatement': method({ input: intake.bankImportInput, output: intake.statementPreview, access: inCommunity('books.write') }),
  'fund.importStatement': method({ input: intake.bankImportInput, output: intake.statementResult, access: inCommunity('books.write') }),
  'fund.statementRows': method({ input: intake.statementRowsQuery, output: intake.postedStatementPage, access: inCommunity('books.read') }),
  'fund.reclassifyStatementRow': method({ input: intake.reclassifyInput, output: intake.postedStatementRow, access: onRecord('books.write', 'statementRow') }),
  'fund.unidentified': method({ input: z.object({ communityId: id }), output: z.array(intake.unidentifiedItem), access: inCommunity('books.read') }),
  'fund.claimUnidentified': method({ input: intake.claimInput, output: fund.entry, access: onRecord('books.write', 'entry', 'entryId') }),
  'fund.reconciliation': method({ input: intake.reconciliationInput, output: intake.reconciliation, access: inCommunity('books.read') }),
  'fund.statements': method({ input: reports.statementQuery, output: reports.householdStatements, access: inCommunity('books.read') }),
  'fund.summary': method({ input: revenue.periodQuery, output: reports.fundSummary, access: inCommunity('books.summary') }),
  'ledger.export': method({ input: z.object({ communityId: id }), output: filePayload, access: inCommunity('books.read') }),

  'repair.list': method({ input: z.object({ communityId: id }), output: z.array(repairs.projectSummary), access: inCommunity('books.summary') }),
  'repair.get': method({ input: byId, output: repairs.projectDetail, access: onRecord('books.summary', 'repair') }),
  'repair.create': method({ input: repairs.projectFields, output: repairs.projectDetail, access: inCommunity('books.write') }),
  'repair.notice': method({ input: repairs.projectNotice, output: repairs.projectDetail, access: onRecord('books.write', 'repair', 'projectId') }),
  'repair.pay': method({ input: repairs.projectPayment, output: repairs.projectDetail, access: onRecord('books.write', 'repair', 'projectId') }),
  'repair.previewCharge': method({ input: repairs.chargePreviewInput, output: repairs.chargePreview, access: onRecord('books.read', 'repair', 'projectId') }),
  'repair.charge': method({ input: repairs.chargeInput, output: repairs.projectDetail.extend(reviews.awaitingReview), access: onRecord('books.write', 'repair', 'projectId') }),

  'revenue.record': method({ input: revenue.revenueInput, output: fund.entry, access: inCommunity('books.write') }),
  'revenue.summary': method({ input: revenue.periodQuery, output: revenue.revenueSummary, access: inCommunity('books.summary') }),
  'revenue.previewTransfer': method({ input: revenue.transferInput, output: revenue.transferPreview, access: inCommunity('books.write') }),
  'revenue.transfer': method({ input: revenue.transferInput, output: fund.entry, access: inCommunity('books.write') }),

  'budget.get': method({ input: z.object({ communityId: id, year: z.number().int().min(2000).max(2100) }), output: revenue.budgetReport, access: inCommunity('books.summary') }),
  'budget.set': method({ input: revenue.budgetInput, output: revenue.budgetReport, access: inCommunity('books.write') }),
  'budget.spend': method({ input: revenue.spendInput, output: fund.entry, access: inCommunity('books.write') }),

  'company.list': method({ input: z.object({ text: z.string().trim().max(100).default('') }), output: z.array(office.company), access: officeWide('contracts.read', { liaisonRows: true }) }),
  'company.save': method({ input: office.companySave, output: office.company, access: officeWide('contracts.write') }),
  'contract.list': method({ input: z.object({ communityId: id.optional() }), output: z.array(office.contractSummary), access: { permission: 'contracts.read', community: { input: 'communityId', absent: 'office' }, liaisonRows: true } }),
  'contract.get': method({ input: byId, output: office.contractDetail, access: onRecord('contracts.read', 'contract') }),
  'contract.create': method({ input: office.contractFields, output: office.contractDetail, access: inCommunity('contracts.write') }),
  'contract.update': method({ input: office.contractUpdate, output: office.contractDetail, access: onRecord('contracts.write', 'contract') }),
  'contract.record': method({ input: office.contractEventInput, output: office.contractDetail, access: onRecord('contracts.write', 'contract', 'contractId') }),
  'contract.dismissal': method({ input: office.dismissalInput, output: office.dismissalResult, access: onRecord('contracts.read', 'contract') }),
  'contract.evaluations': method({ input: z.object({ contractId: id }), output: z.array(office.evaluation), access: onRecord('contracts.read', 'contract', 'contractId') }),
  'contract.evaluate': method({ input: office.evaluationInput, output: office.evaluation, access: onRecord('contracts.write', 'contract', 'contractId') }),

  'body.list': method({ input: z.object({ communityId: id }), output: z.array(office.body), access: inCommunity('bodies.read') }),
  'body.create': method({ input: office.bodyFields, output: office.body, access: inCommunity('bodies.write') }),
  'body.update': method({ input: office.bodyUpdate, output: office.body, access: onRecord('bodies.write', 'body') }),
  'candidate.list': method({ input: z.object({ communityId: id }), output: z.array(office.candidate), access: inCommunity('bodies.read') }),
  'candidate.create': method({ input: office.candidateFields, output: office.candidate, access: inCommunity('bodies.write') }),
  'candidate.check': method({ input: office.candidateCheckInput, output: office.candidate, access: onRecord('bodies.write', 'candidate', 'candidateId') }),
  'coverage.list': method({ input: empty, output: z.array(office.coverage), access: officeWide('bodies.read') }),

  'issue.list': method({ input: office.issueQuery, output: z.array(office.issueSummary), access: inCommunity('issues.read', 'communityId', { liaisonRows: true }) }),
  'issue.get': method({ input: byId, output: office.issueDetail, access: onRecord('issues.read', 'issue') }),
  'issue.create': method({ input: office.issueFields, output: office.issueDetail, access: inCommunity('issues.write') }),
  'issue.update': method({ input: office.issueUpdate, output: office.issueDetail, access: onRecord('issues.write', 'issue') }),
  'issue.dispatch': method({ input: office.dispatchInput, output: office.issueDetail, access: onRecord('issues.write', 'issue') }),
  'issue.plan': method({ input: office.planInput, output: office.issueDetail, access: onRecord('issues.handle', 'issue') }),
  'issue.status': method({ input: office.statusInput, output: office.issueDetail, access: onRecord('issues.handle', 'issue') }),
  'issue.feedback': method({ input: office.feedbackInput, output: office.issueDetail, access: onRecord('issues.write', 'issue') }),
  'issue.escalate': method({ input: office.escalateInput, output: office.issueDetail, access: onRecord('issues.write', 'issue') }),
  'issue.stats': method({ input: revenue.periodQuery, output: office.issueStats, access: inCommunity('issues.read') }),
  'issue.export': method({ input: z.object({ communityId: id }), output: filePayload, access: inCommunity('issues.read') }),
  'mediation.list': method({ input: z.object({ communityId: id }), output: z.array(office.mediation), access: inCommunity('mediations.read') }),
  'mediation.create': method({ input: office.mediationFields, output: office.mediation, access: inCommunity('mediations.write') }),
  'mediation.update': method({ input: office.mediationUpdate, output: office.mediation, access: onRecord('mediations.write', 'mediation') }),

  /**
   * 复核 (two-person control): what waits for whom, and its decision. The four reviewed methods (vote.close,
   * ledger.closeMonth, ledger.reverse, repair.charge) answer with `review` set when their community has 复核 on
   * and they waited instead of acting (shared/contract/reviews.ts says why an optional field, not a second shape).
   * The router checks only that the caller may see the community's votes (every role that can confirm anything
   * holds it); one declaration cannot name the permission a review needs, which is the reviewed action's own
   * (votes.write or books.write) and is stored with it, so the service checks that one and refuses with FORBIDDEN.
   */
  'review.list': method({ input: reviews.reviewQuery, output: z.array(reviews.reviewRow), access: { permission: 'votes.read', community: 'office' } }),
  'review.confirm': method({ input: byId, output: reviews.reviewRow, access: { permission: 'votes.read', community: { record: 'review', field: 'id' } } }),
  /** Rejected by a second person with the permission, or withdrawn by the person who asked; the reason is kept. */
  'review.reject': method({ input: reviews.rejectInput, output: reviews.reviewRow, access: { permission: 'votes.read', community: { record: 'review', field: 'id' } } }),

  /** Desktop app: the shown print view to a PDF file (printToPDF); browser mode answers available: false. */
  'print.savePdf': method({
    input: z.object({ fileName: z.string().trim().min(1).max(120).regex(/^[^\\/:*?"<>|]+$/, { error: '文件名不能含有 \\ / : * ? " < > |' }) }),
    output: z.object({ available: z.boolean(), file: z.string().nullable() }),
    // Saving the page already shown: whoever could see the page may keep it.
    access: 'signed-in',
  }),
  /**
   * The three levels of offices (issue 18, docs/domain.md §10): this office and those it exchanges signed packages
   * with (the administrator's); the roll-up, its lists and the escalated issues as the level above reads them
   * (组织建设's reading, like the coverage list: never a property company's liaison); answers and notices are the
   * issue ledger's writers'.
   */
  'office.init': method({ input: levels.officeInit, output: levels.officeOut, access: officeWide('office.settings') }),
  'office.register': method({ input: levels.officeRegister, output: levels.registeredOut, access: officeWide('office.settings') }),
  'office.overview': method({ input: empty, output: levels.officeOverview, access: officeWide('bodies.read') }),
  'office.setSilentDays': method({ input: levels.silentDaysInput, output: done, access: officeWide('office.settings') }),
  'exchange.export': method({ input: levels.exchangeExportInput, output: levels.exchangeExportOut, access: officeWide('office.settings') }),
  'exchange.import': method({ input: levels.exchangeImportInput, output: levels.exchangeImportOut, access: officeWide('office.settings') }),
  'rollup.get': method({ input: levels.rollupInput, output: levels.rollupOut, access: officeWide('bodies.read') }),
  'rollup.screen': method({ input: levels.rollupInput, output: levels.rollupScreen, access: officeWide('bodies.read') }),
  'rollup.list': method({ input: levels.rollupListInput, output: levels.rollupListOut, access: officeWide('bodies.read') }),
  'rollup.export': method({ input: levels.rollupListInput, output: filePayload, access: officeWide('bodies.read') }),
  'rollup.dossier': method({ input: levels.copyDossierInput, output: dossier.dossier, access: officeWide('bodies.read') }),
  'rollup.dossierXlsx': method({ input: levels.copyDossierInput, output: filePayload, access: officeWide('bodies.read') }),
  'inbox.list': method({ input: empty, output: levels.inboxOut, access: officeWide('bodies.read') }),
  'inbox.answer': method({ input: levels.answerInput, output: levels.inboxItem, access: officeWide('issues.write') }),
  'notice.list': method({ input: empty, output: levels.noticeList, access: officeWide('bodies.read') }),
  'notice.send': method({ input: levels.noticeInput, output: levels.noticeList, access: officeWide('issues.write') }),
  /**
   * This PC's choice (issue 17), answered by its shell (main/transport/workstation.ts), never by a database. Status,
   * connecting and going back to this PC's own data are open before sign-in: they are the first screen's, and a
   * person whose server is gone must be able to leave it. Serving others is a setting of this PC's own database.
   */
  'workstation.status': method({ input: empty, output: workstation.status, public: true }),
  'workstation.connect': method({ input: workstation.connectInput, output: workstation.status, public: true }),
  'workstation.disconnect': method({ input: empty, output: workstation.status, public: true }),
  'workstation.host': method({ input: workstation.hostInput, output: workstation.status, access: officeWide('office.settings') }),
  'workstation.stopHosting': method({ input: empty, output: workstation.status, access: officeWide('office.settings') }),
  'search.query': method({ input: meetings.searchInput, output: z.object({ hits: z.array(meetings.searchHit) }), access: inCommunity('meetings.read') }),
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

/**
 * What a client sends: the method, its input, the session from login, and a key naming this one request
 * (`idempotencyKey`): a request sent again with the same key after the connection broke does not run again —
 * main answers with what the first run answered (main/router.ts, main/services/system/idempotency.ts).
 */
export interface InvokeRequest {
  method: string;
  input: unknown;
  session?: string;
  idempotencyKey?: string;
}

/** An idempotency key: 16–64 characters of A–Z, a–z, 0–9, _ and - (a UUID without its dashes is 32). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && IDEMPOTENCY_KEY_PATTERN.test(value);
}

/** `wrote`: the call committed to the database (audited writes), so what a screen read before may be stale. */
export type InvokeResponse =
  | { ok: true; result: unknown; wrote?: true }
  | { ok: false; error: import('./errors').ErrorEnvelope; wrote?: true };
