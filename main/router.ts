/**
 * The router: binds each contract method to its service, once. Both transports
 * (Electron IPC, HTTP in browser mode) and the CLI go through handle(), which
 * checks the session, validates input with the method's zod schema, runs the
 * handler and validates its output.
 */
import type { z } from 'zod';
import { AppError, fieldProblem, type Problem } from '../shared/contract/errors';
import {
  isIdempotencyKey, isMethodName, methods, type AnyMethodSpec, type InvokeRequest, type InvokeResponse, type MethodName, type MethodOutput, type ParsedInput,
} from '../shared/contract/methods';
import { createBackup } from './db/backups';
import type { BusyWait, CallOrigin, OfficeHosting } from './app-types';
import { faultMessage, faultOf } from './db/faults';
import { authorOf, PASSWORD_CHANGE_MESSAGE, type AuthService } from './services/system/auth';
import { createUser, listUsers, resetPassword, setActive, updateUser } from './services/system/accounts';
import {
  authorize, communityOfRecord, issueOfCompany, locatorValues, NO_CALLER, servedBy, TRUSTED_CALLER, type AccessScope, type Caller,
} from './security/access';
import { may } from '../shared/domain/permissions';
import { auditAuthors, exportAudit, listAudit } from './services/system/audit';
import { createCommunity, getCommunity, listBuildings, listCommunities, updateCommunity } from './services/register/communities';
import { auditView, callWrites, write, type Actor, type CallWrites, type ServiceContext } from './services/context';
import { answerFor, storeAnswer } from './services/system/idempotency';
import { electorateOf } from './services/register/electorate';
import { holidayTemplate, holidayYear, importHolidays, setHolidayDay } from './services/system/holidays';
import { createPart, getPart, setOwners, updatePart } from './services/register/parts';
import { createPerson, searchPersons, updatePerson, viewPerson } from './services/register/persons';
import { keyStatus, protectWithRecoveryCode, unlockDataKey, type KeyPlace } from './security/data-key';
import { deletePlaintextBackups, listBackupsMarked } from './security/plaintext-backups';
import { exportRoster, rosterTemplate } from './services/register/roster-export';
import { importRoster, previewRosterImport, rosterImportErrors } from './services/register/roster-import';
import { importProgressOf } from './services/register/import-progress';
import { rosterPage } from './services/register/roster-query';
import { communityDossier } from './services/register/dossier';
import { dossierWorkbook, exportDossier } from './services/register/dossier-workbook';
import { addAttachment, listAttachments, openAttachment } from './services/system/attachments';
import {
  createMeeting, getMeeting, listMeetings, meetingReminders, postDecisions, recordResults, setAttendees, updateMeeting,
} from './services/meetings/meetings';
import { meetingBodyAsOf } from './services/meetings/meetings-body';
import { advanceMatter, createMatter, getMatter, listMatters, updateMatter } from './services/meetings/matters';
import { approveMinutes, completeAction, correctMinutes, diffMinutes, getMinutes, listActions, listMinutes, saveDraft } from './services/meetings/minutes';
import { searchGovernance } from './services/system/search-governance';
import { listWorkflows, saveWorkflow, setDefaultWorkflow } from './services/meetings/workflows';
import { importBallots, previewBallotImport } from './services/votes/ballot-import';
import { recordBallot, replaceBallot } from './services/votes/ballots';
import { tallyVote } from './services/votes/vote-tally';
import { differences, recordCheck, settleDifference, settlement } from './services/votes/double-entry';
import { booksOf, entryPage, getEntry, recordEntry } from './services/treasury/ledger';
import { apportionByArea, fundBalance, householdPage, recordDeposit, subLedgerOf } from './services/treasury/fund';
import { shareEarnings } from './services/treasury/interest';
import { importOpening, openingTemplate, previewOpening } from './services/treasury/fund-opening';
import { importStatement, previewStatement, reclassifyStatementRow, statementRowsPage } from './services/treasury/bank-statement';
import { claimUnidentified, unidentifiedItems } from './services/treasury/suspense';
import { reconcile } from './services/treasury/reconciliation';
import { fundSummary, householdStatements } from './services/treasury/fund-reports';
import { exportLedgers } from './services/treasury/ledger-export';
import { createProject, getProject, listProjects, payProject, previewCharge, recordProjectNotice } from './services/treasury/repairs';
import { recordRevenue, revenueSummary, previewTransfer, transferToFund } from './services/treasury/revenue';
import { budgetReport, setBudget, spendBudget } from './services/treasury/budget';
import { listCompanies, saveCompany, createContract, dismissalOf, getContract, listContracts, recordContractEvent, updateContract } from './services/office/service-contracts';
import { listEvaluations, saveEvaluation } from './services/office/contract-evaluations';
import { checkCandidate, coverageList, createBody, createCandidate, listBodies, listCandidates, updateBody } from './services/office/bodies';
import {
  createIssue, dispatchIssue, escalateIssue, exportIssues, getIssue, issueStatistics, listIssues, planIssue, recordFeedback, setIssueStatus, updateIssue,
} from './services/office/issues';
import { createMediation, listMediations, updateMediation } from './services/office/mediations';
import { createVote, getVote, listVotes, postVoteResult, refreezeVote, resultPartsOf, voteSubjects } from './services/votes/votes';
import { copyDossier } from './services/levels/dossier-copy';
import { exportPackage, importPackage } from './services/levels/exchange';
import { answerIssue, inbox, listNotices, sendNotice } from './services/levels/inbox';
import { initOffice, officeOverview, registerOffice, setSilentDays, silentDaysOf } from './services/levels/offices';
import { exportRollupList, rollup, rollupForScreen, rollupList } from './services/levels/rollup';
import { actOrAsk, confirmReview, listReviews, rejectReview } from './services/system/reviews';

export interface Call {
  actor: Actor;
  session: string | undefined;
  /** Who is calling: their grants and company (main/security/access.ts); the CLI is 管理员 over all. */
  caller: Caller;
  /** What the caller sees through the method's permission: the router narrows lists with it. */
  scope: AccessScope;
  /** This PC's person, or another PC through the office server (main/app-types.ts CallOrigin). */
  origin: CallOrigin;
}

type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>, call: Call) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export interface RouterDeps {
  ctx: ServiceContext;
  auth: AuthService;
  /** Detailed (path, problems, backup) for a signed-in or trusted caller; only "usable or not" for anyone else. */
  health: (detailed: boolean, origin: CallOrigin) => MethodOutput<'system.health'>;
  /** Where this database's data key is kept (dataKey.* methods). */
  keyPlace: KeyPlace;
  /** Shows an attachment's copy in the system's file manager (desktop app only); never opens it. */
  showInFolder?: ((filePath: string) => void) | undefined;
  /** Save the shown page as PDF (desktop app only). */
  savePdf?: ((suggestedName: string) => Promise<string | null>) | undefined;
  /** This database served to the office's other PCs (desktop app and browser mode: main/transport/workstation.ts). */
  officeHosting?: OfficeHosting | undefined;
}

function handlers({ ctx, auth, health, keyPlace, showInFolder, savePdf, officeHosting }: RouterDeps): Handlers {
  return {
    'system.health': (_i, call) => health(call.actor.userId !== null, call.origin),
    'auth.status': (_i, call) => {
      const user = auth.userFor(call.session);
      return { needsSetup: auth.needsSetup(), user, mustChangePassword: user?.mustChangePassword ?? false, locked: auth.isLocked(call.session) };
    },
    'auth.setup': (input, call) => {
      // The first administrator is made at the server (its screen or the CLI on its data folder), never from another PC.
      if (call.origin === 'network') throw new AppError('REFUSED', FIRST_ADMIN_AT_SERVER);
      return auth.setup(input);
    },
    'auth.login': (input) => auth.login(input),
    'auth.recover': (input) => auth.recover(input),
    'auth.logout': (_i, call) => (auth.logout(call.session), { ok: true as const }),
    'auth.changePassword': (input, call) => auth.changePassword(call.session, input),

    'user.list': () => listUsers(ctx),
    'user.create': (input, call) => createUser(ctx, call.actor, input),
    'user.update': (input, call) => updateUser(ctx, call.actor, input),
    'user.resetPassword': (input, call) => resetPassword(ctx, auth, call.actor, input.id),
    'user.disable': (input, call) => setActive(ctx, auth, call.actor, input.id, false),
    'user.enable': (input, call) => setActive(ctx, auth, call.actor, input.id, true),

    'auth.lock': (_i, call) => (auth.lock(call.session), { ok: true as const }),
    'auth.unlock': async (input, call) => (await auth.unlock(call.session, input.password), { ok: true as const }),

    'backup.list': () => listBackupsMarked(ctx.backupDir),
    'backup.create': (_i, call) => createBackup(ctx.sqlite, ctx.backupDir, 'manual').then((b) => {
      // A backup changes no record, but who took it and when belongs in the log.
      write(ctx, call.actor, (tx) => tx.audit({ action: 'backup', entity: 'database', entityId: null, after: { file: b.file } }));
      return b;
    }),
    'backup.deletePlaintext': (input, call) => deletePlaintextBackups(ctx, call.actor, input.files),
    'audit.list': (input) => listAudit(ctx.sqlite, input),
    'audit.authors': () => auditAuthors(ctx.sqlite),
    'audit.export': (input) => exportAudit(ctx.sqlite, input),

    // Unlocked already: the code is still checked, and the key file on this PC rewritten from it.
    'dataKey.unlock': async (input, call) => {
      await unlockDataKey(ctx.sqlite, keyPlace.dbPath, keyPlace.protector, input.recoveryCode);
      write(ctx, call.actor, (tx) => tx.audit({ action: 'unlock-data-key', entity: 'database', entityId: null, after: { keyId: ctx.keys.keyId } }));
      return { ok: true as const };
    },
    'dataKey.status': () => keyStatus(ctx.sqlite, keyPlace),
    'dataKey.protect': (input, call) => protectWithRecoveryCode(ctx, call.actor, input.recoveryCode),

    'community.list': (_i, call) => call.scope.narrow(listCommunities(ctx), (c) => c.id),
    'community.get': (input) => getCommunity(ctx, input.id),
    'community.create': (input, call) => createCommunity(ctx, call.actor, input),
    'community.update': (input, call) => updateCommunity(ctx, call.actor, input),
    'community.buildings': (input) => listBuildings(ctx, input.id),
    'community.dossier': (input) => communityDossier(ctx, input.communityId),
    'community.dossierXlsx': (input) => exportDossier(ctx, input.communityId),

    'roster.page': (input) => rosterPage(ctx, input),
    'roster.electorate': (input) => electorateOf(ctx, input),
    'roster.template': () => rosterTemplate(),
    'roster.previewImport': (input, call) => previewRosterImport(ctx, call.actor, input),
    'roster.import': (input, call) => importRoster(ctx, call.actor, input),
    'roster.importErrors': (input, call) => rosterImportErrors(ctx, call.actor, input),
    'roster.importProgress': (input, call) => importProgressOf(input.ticket, call.actor),
    'roster.export': (input) => exportRoster(ctx, input),

    'part.get': (input) => getPart(ctx, input.id),
    'part.create': (input, call) => createPart(ctx, call.actor, input),
    'part.update': (input, call) => updatePart(ctx, call.actor, input),
    'part.setOwners': (input, call) => setOwners(ctx, call.actor, input),

    'person.get': (input, call) => viewPerson(ctx, call.actor, input.id, (communityId) => may(call.caller.grants, 'personal.full', communityId)),
    'person.create': (input, call) => createPerson(ctx, call.actor, input, may(call.caller.grants, 'personal.full', input.communityId)),
    'person.update': (input, call) => updatePerson(ctx, call.actor, input, may(call.caller.grants, 'personal.full', personCommunity(ctx, input.id))),
    'person.search': (input) => searchPersons(ctx, input),

    'holiday.year': (input) => holidayYear(ctx, input.year),
    'holiday.setDay': (input, call) => setHolidayDay(ctx, call.actor, input),
    'holiday.import': (input, call) => importHolidays(ctx, call.actor, input.file),
    'holiday.template': () => holidayTemplate(),

    'meeting.list': (input) => listMeetings(ctx, input),
    'meeting.get': (input) => getMeeting(ctx, input.id),
    'meeting.create': (input, call) => createMeeting(ctx, call.actor, input),
    'meeting.update': (input, call) => updateMeeting(ctx, call.actor, input),
    'meeting.setAttendees': (input, call) => setAttendees(ctx, call.actor, input),
    'meeting.recordResults': (input, call) => recordResults(ctx, call.actor, input),
    'meeting.postDecisions': (input, call) => postDecisions(ctx, call.actor, input),
    'meeting.body': (input) => meetingBodyAsOf(ctx, input),
    'meeting.reminders': (input) => meetingReminders(ctx, input.communityId),

    'minutes.list': (input) => listMinutes(ctx, input.meetingId),
    'minutes.get': (input) => getMinutes(ctx, input.id),
    'minutes.saveDraft': (input, call) => saveDraft(ctx, call.actor, input),
    'minutes.approve': (input, call) => approveMinutes(ctx, call.actor, input.id),
    'minutes.correct': (input, call) => correctMinutes(ctx, call.actor, input),
    'minutes.diff': (input) => diffMinutes(ctx, input.fromId, input.toId),

    'action.list': (input) => listActions(ctx, input),
    'action.complete': (input, call) => completeAction(ctx, call.actor, input),

    'attachment.list': (input) => listAttachments(ctx, input.ownerType, input.ownerId),
    'attachment.add': (input, call) => addAttachment(ctx, call.actor, input),
    'attachment.open': (input, call) => openAttachment(ctx, input.id, call.origin === 'local' ? showInFolder : undefined),

    'workflow.list': () => listWorkflows(ctx),
    'workflow.save': (input, call) => saveWorkflow(ctx, call.actor, input),
    'workflow.setDefault': (input, call) => setDefaultWorkflow(ctx, call.actor, input.key),

    'matter.list': (input) => listMatters(ctx, input.communityId),
    'matter.get': (input) => getMatter(ctx, input.id),
    'matter.create': (input, call) => createMatter(ctx, call.actor, input),
    'matter.update': (input, call) => updateMatter(ctx, call.actor, input),
    'matter.advance': (input, call) => advanceMatter(ctx, call.actor, input),

    'vote.list': (input) => listVotes(ctx, input.communityId),
    'vote.get': (input) => getVote(ctx, input.id),
    'vote.create': (input, call) => createVote(ctx, call.actor, input),
    'vote.refreeze': (input, call) => refreezeVote(ctx, call.actor, input),
    'vote.subjects': (input, call) => {
      const full = may(call.caller.grants, 'personal.full', communityOfRecord(ctx, 'vote', input.voteId));
      const page = voteSubjects(ctx, input, full);
      // The proxies' authorisations shown in full: who saw whose, as for a person's page.
      const proxies = page.rows.flatMap((r) => (r.ballot && r.ballot.proxyDocument !== '' ? [{ ballotId: r.ballot.id, proxyHolder: r.ballot.proxyHolder }] : []));
      if (full && proxies.length > 0) auditView(ctx, call.actor, { action: 'view-full-document', entity: 'vote', entityId: input.voteId, after: { proxies } });
      return page;
    },
    'vote.tally': (input) => tallyVote(ctx, input.id),
    // The four reviewed actions act at once, or wait for a second person when their community has 复核 on (services/system/reviews.ts).
    'vote.close': (input, call) => actOrAsk(ctx, call.actor, 'vote.close', input),
    'vote.postResult': (input, call) => postVoteResult(ctx, call.actor, input),
    'vote.resultParts': (input) => resultPartsOf(ctx, input.id),
    'ballot.record': (input, call) => recordBallot(ctx, call.actor, input),
    'ballot.replace': (input, call) => replaceBallot(ctx, call.actor, input),
    'ballot.previewImport': (input) => previewBallotImport(ctx, input),
    'ballot.import': (input, call) => importBallots(ctx, call.actor, input),
    'ballot.check': (input, call) => recordCheck(ctx, call.actor, input),
    'vote.differences': (input) => differences(ctx, input.id),
    'vote.settlement': (input) => settlement(ctx, input),
    'ballot.settle': (input, call) => settleDifference(ctx, call.actor, input),

    'ledger.books': (input) => booksOf(ctx, input.communityId),
    'ledger.record': (input, call) => recordEntry(ctx, call.actor, input),
    'ledger.reverse': (input, call) => actOrAsk(ctx, call.actor, 'ledger.reverse', input),
    'ledger.entry': (input) => getEntry(ctx, input.id),
    'ledger.entries': (input) => entryPage(ctx, input),
    'ledger.closeMonth': (input, call) => actOrAsk(ctx, call.actor, 'ledger.closeMonth', input),
    'fund.households': (input) => householdPage(ctx, input),
    'fund.balance': (input) => fundBalance(ctx, input.communityId),
    'fund.subLedger': (input) => subLedgerOf(ctx, input.partId),
    'fund.deposit': (input, call) => recordDeposit(ctx, call.actor, input),
    'fund.apportion': (input) => apportionByArea(ctx, input),
    'fund.previewEarnings': (input, call) => shareEarnings(ctx, call.actor, input, false),
    'fund.shareEarnings': (input, call) => shareEarnings(ctx, call.actor, input, true),
    'fund.openingTemplate': (input) => openingTemplate(ctx, input.communityId),
    'fund.previewOpening': (input) => previewOpening(ctx, input),
    'fund.importOpening': (input, call) => importOpening(ctx, call.actor, input),
    'fund.previewStatement': (input) => previewStatement(ctx, input),
    'fund.importStatement': (input, call) => importStatement(ctx, call.actor, input),
    'fund.statementRows': (input) => statementRowsPage(ctx, input),
    'fund.reclassifyStatementRow': (input, call) => reclassifyStatementRow(ctx, call.actor, input),
    'fund.unidentified': (input) => unidentifiedItems(ctx, input.communityId),
    'fund.claimUnidentified': (input, call) => claimUnidentified(ctx, call.actor, input),
    'fund.reconciliation': (input) => reconcile(ctx, input),
    'fund.statements': (input) => householdStatements(ctx, input),
    'fund.summary': (input) => fundSummary(ctx, input),
    'ledger.export': (input) => exportLedgers(ctx, input.communityId),

    'repair.list': (input) => listProjects(ctx, input.communityId),
    'repair.get': (input) => getProject(ctx, input.id),
    'repair.create': (input, call) => createProject(ctx, call.actor, input),
    'repair.notice': (input, call) => recordProjectNotice(ctx, call.actor, input),
    'repair.pay': (input, call) => payProject(ctx, call.actor, input),
    'repair.previewCharge': (input) => previewCharge(ctx, input),
    'repair.charge': (input, call) => actOrAsk(ctx, call.actor, 'repair.charge', input),

    'revenue.record': (input, call) => recordRevenue(ctx, call.actor, input),
    'revenue.summary': (input) => revenueSummary(ctx, input),
    'revenue.previewTransfer': (input) => previewTransfer(ctx, input),
    'revenue.transfer': (input, call) => transferToFund(ctx, call.actor, input),

    'budget.get': (input) => budgetReport(ctx, input.communityId, input.year),
    'budget.set': (input, call) => setBudget(ctx, call.actor, input),
    'budget.spend': (input, call) => spendBudget(ctx, call.actor, input),

    // Companies are the office's, shown whole to whoever reads contracts anywhere; a 物业联络员 sees only their own.
    'company.list': (input, call) => {
      const rows = listCompanies(ctx, input.text);
      return call.scope.whole === 'all' || call.scope.whole.length > 0 ? rows : rows.filter((c) => c.id === call.caller.companyId);
    },
    'company.save': (input, call) => saveCompany(ctx, call.actor, input),
    'contract.list': (input, call) => call.scope.narrow(listContracts(ctx, input.communityId), (c) => c.communityId, (c) => c.companyId === call.caller.companyId),
    'contract.get': (input) => getContract(ctx, input.id),
    'contract.create': (input, call) => createContract(ctx, call.actor, input),
    'contract.update': (input, call) => updateContract(ctx, call.actor, input),
    'contract.record': (input, call) => recordContractEvent(ctx, call.actor, input),
    'contract.dismissal': (input) => dismissalOf(ctx, input.id, input.noticeDate),
    'contract.evaluations': (input) => listEvaluations(ctx, input.contractId),
    'contract.evaluate': (input, call) => saveEvaluation(ctx, call.actor, input),

    'body.list': (input) => listBodies(ctx, input.communityId),
    'body.create': (input, call) => createBody(ctx, call.actor, input),
    'body.update': (input, call) => updateBody(ctx, call.actor, input),
    'candidate.list': (input) => listCandidates(ctx, input.communityId),
    'candidate.create': (input, call) => createCandidate(ctx, call.actor, input),
    'candidate.check': (input, call) => checkCandidate(ctx, call.actor, input),
    'coverage.list': (_i, call) => call.scope.narrow(coverageList(ctx), (c) => c.communityId),

    'issue.list': (input, call) => {
      const rows = listIssues(ctx, input);
      if (call.scope.everything || call.caller.companyId === null) return call.scope.narrow(rows, (r) => r.communityId);
      const served = servedBy(ctx, call.caller.companyId);
      return call.scope.narrow(rows, (r) => r.communityId, (r) => issueOfCompany(served, r));
    },
    'issue.get': (input) => getIssue(ctx, input.id),
    'issue.create': (input, call) => createIssue(ctx, call.actor, input),
    'issue.update': (input, call) => updateIssue(ctx, call.actor, input),
    'issue.dispatch': (input, call) => dispatchIssue(ctx, call.actor, input),
    'issue.plan': (input, call) => planIssue(ctx, call.actor, input),
    'issue.status': (input, call) => setIssueStatus(ctx, call.actor, input),
    'issue.feedback': (input, call) => recordFeedback(ctx, call.actor, input),
    'issue.escalate': (input, call) => escalateIssue(ctx, call.actor, input),
    'issue.stats': (input) => issueStatistics(ctx, input),
    'issue.export': (input) => exportIssues(ctx, input.communityId),
    'mediation.list': (input) => listMediations(ctx, input.communityId),
    'mediation.create': (input, call) => createMediation(ctx, call.actor, input),
    'mediation.update': (input, call) => updateMediation(ctx, call.actor, input),

    'print.savePdf': async (input, call) => {
      if (!savePdf || call.origin !== 'local') return { available: false, file: null };
      const file = await savePdf(input.fileName);
      if (file) write(ctx, call.actor, (tx) => tx.audit({ action: 'save-pdf', entity: 'printout', entityId: null, after: { title: input.fileName, file } }));
      return { available: true, file };
    },

    // This PC's choice is its shell's (main/transport/workstation.ts answers these before any database does).
    'office.init': (input, call) => initOffice(ctx, call.actor, input),
    'office.register': (input, call) => {
      const { name, level } = registerOffice(ctx, call.actor, input);
      return { name, level };
    },
    'office.overview': () => officeOverview(ctx),
    'office.setSilentDays': (input, call) => {
      setSilentDays(ctx, call.actor, input.days);
      return { ok: true as const };
    },
    'exchange.export': (input, call) => exportPackage(ctx, call.actor, input.to),
    'exchange.import': (input, call) => importPackage(ctx, call.actor, input.text),
    // A 社区 office's own 小区 through the caller's communities; an upper office's copies are read whole.
    'rollup.get': (input, call) => rollup(ctx, input.by, (id) => call.scope.sees(id)),
    'rollup.screen': (input, call) => rollupForScreen(ctx, input.by, (id) => call.scope.sees(id), call.scope.everything, silentDaysOf(ctx)),
    'rollup.list': (input, call) => rollupList(ctx, input, (id) => call.scope.sees(id)),
    'rollup.export': (input, call) => exportRollupList(ctx, input, (id) => call.scope.sees(id)),
    'rollup.dossier': (input) => copyDossier(ctx, input.officeName, input.communityId),
    'rollup.dossierXlsx': (input) => dossierWorkbook(copyDossier(ctx, input.officeName, input.communityId)),
    'inbox.list': () => inbox(ctx),
    'inbox.answer': (input, call) => answerIssue(ctx, call.actor, input),
    'notice.list': () => listNotices(ctx),
    'notice.send': (input, call) => sendNotice(ctx, call.actor, input),
    'workstation.status': shellOnly,
    'workstation.connect': shellOnly,
    'workstation.disconnect': shellOnly,
    // Serving this database to others: who may was checked above (office.settings); here only at this PC, and audited.
    'workstation.host': async (input, call) => {
      if (!officeHosting || call.origin !== 'local') return shellOnly();
      const status = await officeHosting.start(input.listen);
      try {
        write(ctx, call.actor, (tx) => tx.audit({ action: 'office-server-start', entity: 'database', entityId: null, after: { listen: input.listen, addresses: status.hosting?.addresses ?? [] } }));
      } catch (error) {
        // Serving without its audit row would be a server nobody can account for: stopped again.
        await officeHosting.stop();
        throw error;
      }
      return status;
    },
    'workstation.stopHosting': async (_i, call) => {
      if (!officeHosting || call.origin !== 'local') return shellOnly();
      const status = await officeHosting.stop();
      write(ctx, call.actor, (tx) => tx.audit({ action: 'office-server-stop', entity: 'database', entityId: null }));
      return status;
    },

    'search.query': (input) => ({ hits: searchGovernance(ctx, input.communityId, input.text) }),

    'review.list': (input, call) => listReviews(ctx, call.actor, call.caller.grants, input),
    'review.confirm': (input, call) => confirmReview(ctx, call.actor, call.caller.grants, input.id),
    'review.reject': (input, call) => rejectReview(ctx, call.actor, call.caller.grants, input),
  };
}


/** The workstation.* calls reaching a database: the CLI, a test's bare app, or another PC through the office server. */
export const SHELL_ONLY = '这项操作由本机的三方办程序处理（桌面程序或 npm run web），不能通过命令行或办公室服务器进行。';
function shellOnly(): never {
  throw new AppError('REFUSED', SHELL_ONLY);
}

export const FIRST_ADMIN_AT_SERVER = '办公室服务器还没有管理员：第一个管理员只能在服务器电脑上创建（在服务器的屏幕上，或在服务器上运行 npm run -s cli -- --data-dir 数据文件夹 user add … --role 管理员），不能从其他电脑创建。';

/** The person's community for the answer's masking; an unknown person is the service's to refuse. */
function personCommunity(ctx: ServiceContext, id: string): string | null {
  return communityOfRecord(ctx, 'person', id);
}

/** Zod issues as the contract's problems: a field's by its path, the input's as a whole when it has none. */
function validationError(error: z.ZodError): AppError {
  const details = error.issues.map((i): Problem => (i.path.length > 0 ? fieldProblem(i.path.join('.'), i.message) : { kind: 'input', message: i.message }));
  return new AppError('VALIDATION', details.map((d) => d.message).join('；'), details);
}

export interface RouterOptions {
  /** Fixed author for trusted local callers without a session (the CLI). */
  fixedAuthor?: string | undefined;
  /** What to do about a damaged file: the newest sound backup and the restore command. */
  damageAdvice?: () => string;
  /** How long a call waits for another writer, and who is told meanwhile (main/app-types.ts). */
  busyWait?: BusyWait | undefined;
}

const DEFAULT_BUSY_WAIT: BusyWait = { limitMs: 15_000 };
/** Between two tries of a call refused as BUSY (each try also waits SQLite's busy_timeout). */
const BUSY_PAUSE_MS = 500;

/**
 * Run a call; while another writer holds the database and the call has not yet
 * committed anything, wait (without blocking other calls) and run it again, up
 * to the wait's limit. Then BUSY, saying how long it waited. `writes` counts
 * what the call committed, for the response's `wrote`.
 */
async function withBusyRetry<T>(wait: BusyWait, writes: CallWrites, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await callWrites.run(writes, run);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'BUSY') || writes.commits > 0) throw error;
      const waited = Date.now() - started;
      if (waited >= wait.limitMs) throw new AppError('BUSY', faultMessage('busy', { waitedMs: waited }));
      wait.onWait?.(waited, wait.limitMs);
      await new Promise((resolve) => setTimeout(resolve, BUSY_PAUSE_MS));
    }
  }
}

/** What a session opened with a temporary password may call (besides the public methods). */
const PASSWORD_CHANGE_ALLOWS: ReadonlySet<MethodName> = new Set(['auth.changePassword', 'auth.logout', 'auth.status']);
/** What a session whose screen is locked may still call: its state, the unlock itself, and leaving. */
const WHILE_LOCKED = new Set<MethodName>(['system.health', 'auth.status', 'auth.lock', 'auth.unlock', 'auth.logout']);

export function createRouter(deps: RouterDeps, options: RouterOptions = {}) {
  const table = handlers(deps);
  /**
   * Requests with a key still running here: the same request sent again meanwhile (the client saw the connection
   * break while this process kept working) waits for the first run's answer instead of running beside it.
   */
  const running = new Map<string, { method: string; session: string | undefined; answer: Promise<InvokeResponse> }>();

  return async function handle(request: InvokeRequest, origin: CallOrigin = 'local'): Promise<InvokeResponse> {
    const key = request.idempotencyKey;
    if (key === undefined) return run(request, origin);
    const first = running.get(key);
    if (first) {
      if (first.method !== request.method || first.session !== request.session) return run(request, origin);
      return first.answer;
    }
    const answer = run(request, origin);
    running.set(key, { method: request.method, session: request.session, answer });
    try {
      return await answer;
    } finally {
      running.delete(key);
    }
  };

  async function run(request: InvokeRequest, origin: CallOrigin): Promise<InvokeResponse> {
    const writes: CallWrites = { commits: 0, changed: 0 };
    const response = await answer(request, origin, writes);
    // The call wrote with a key: its answer is kept for a retry of the same request (services/system/idempotency.ts).
    if (writes.key?.recorded) {
      try {
        storeAnswer(deps.ctx.db, writes.key, response);
      } catch (error) {
        // The write stands; a retry is told it was done (ALREADY_DONE) instead of getting this answer.
        console.error(`[router] ${request.method}: the answer for its idempotency key was not stored`, error);
      }
    }
    return response;
  }

  async function answer(request: InvokeRequest, origin: CallOrigin, writes: CallWrites): Promise<InvokeResponse> {
    // A call that changed data says so, even when it failed later: the screens' cached reads are then stale (renderer/src/api/queries.ts).
    const wrote = <R extends InvokeResponse>(response: R): R => (writes.changed > 0 ? { ...response, wrote: true } : response);
    try {
      if (!isMethodName(request.method)) throw new AppError('NOT_FOUND', `未知的操作：${String(request.method)}`);
      const spec: AnyMethodSpec = methods[request.method];
      let actor: Actor;
      let caller: Caller;
      if (options.fixedAuthor) {
        actor = { author: options.fixedAuthor, userId: null };
        caller = TRUSTED_CALLER;
      } else {
        const user = deps.auth.userFor(request.session);
        if (!user && !spec.public) throw new AppError('UNAUTHENTICATED', '登录已过期或尚未登录，请重新登录');
        // A temporary password opens only the way to change it. Public methods stay open: they need no session,
        // so refusing them to one would keep nothing from anybody.
        if (user?.mustChangePassword && !spec.public && !PASSWORD_CHANGE_ALLOWS.has(request.method)) {
          throw new AppError('PASSWORD_CHANGE_REQUIRED', PASSWORD_CHANGE_MESSAGE);
        }
        actor = user ? { author: authorOf(user), userId: user.id } : { author: '未登录', userId: null };
        caller = user ? { grants: user.grants, companyId: user.companyId } : NO_CALLER;
        if (user && deps.auth.isLocked(request.session) && !WHILE_LOCKED.has(request.method)) {
          throw new AppError('SCREEN_LOCKED', '屏幕已锁定，请输入密码解锁');
        }
      }
      if (request.idempotencyKey !== undefined) {
        if (!isIdempotencyKey(request.idempotencyKey)) throw new AppError('VALIDATION', '请求标识 idempotencyKey 应为 16–64 个字母、数字、_ 或 -');
        const call = { key: request.idempotencyKey, userId: actor.userId, method: request.method };
        // Done before (the answer was lost on the way): answered as then, not run again.
        const earlier = answerFor(deps.ctx.db, call);
        if (earlier) return earlier;
        writes.key = { ...call, recorded: false };
      }
      // Permission before validation (main/security/access.ts says why): the service never runs for a refused call.
      const raw: unknown = request.input ?? {};
      let scope = authorize(deps.ctx, spec.access, raw, caller, false);
      const parsed = spec.input.safeParse(raw);
      if (!parsed.success) throw validationError(parsed.error);
      // Asked again on the parsed input where it could name another record than the one checked (a default filled in).
      const before = locatorValues(spec.access, raw);
      const after = locatorValues(spec.access, parsed.data);
      if (before.some((v, i) => typeof v !== 'string' || v !== after[i])) scope = authorize(deps.ctx, spec.access, parsed.data, caller, true);
      const handler = table[request.method] as (input: unknown, call: Call) => unknown;
      const result = await withBusyRetry(options.busyWait ?? DEFAULT_BUSY_WAIT, writes, async () => handler(parsed.data, { actor, session: request.session, caller, scope, origin }));
      // Outputs are checked too: a drift between a service and the contract is a bug to catch here.
      const checked = spec.output.safeParse(result);
      if (!checked.success) {
        console.error(`[router] ${request.method} output does not match the contract`, checked.error.issues.slice(0, 5));
        throw new AppError('INTERNAL', '程序内部错误：返回的数据格式不符，请联系技术人员');
      }
      return wrote({ ok: true, result: checked.data });
    } catch (error) {
      if (error instanceof AppError) return wrote({ ok: false, error: error.toEnvelope() });
      // A full disk, a read-only folder, a locked or damaged file: named for what it is (main/db/faults.ts).
      const fault = faultOf(error, { dataDir: deps.ctx.dataDir, damageAdvice: options.damageAdvice });
      if (fault) return wrote({ ok: false, error: fault.toEnvelope() });
      console.error(`[router] ${String(request.method)} failed`, error);
      return wrote({ ok: false, error: { code: 'INTERNAL', message: '程序内部错误，操作未完成，数据没有改变。请联系技术人员。' } });
    }
  }
}
