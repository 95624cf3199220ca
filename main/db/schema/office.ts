/**
 * The office's records of the property service, the community's bodies and residents' issues
 * (main/services/office/, shared/contract/office.ts; docs/domain.md §6, §7): property-service companies,
 * their contracts and the quarterly evaluations of the service, the community's bodies with their members
 * and the candidates vetted for them, the issue ledger (问题台账) with its history, and mediations. A
 * contract may name the owners' vote that chose the company; an issue may be taken up as a matter or at a
 * meeting.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { revision, timestamps } from './columns';
import { matters, meetings } from './meetings';
import { buildings, communities, parts, persons } from './register';
import { votes } from './votes';

/** A property-service company, known by its unified social credit code (GB 32100). */
export const companies = sqliteTable('companies', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  creditCode: text('credit_code').notNull().unique(),
  contact: text('contact').notNull().default(''),
  phone: text('phone').notNull().default(''),
  ...timestamps,
  ...revision,
});

/**
 * A property-service contract. Its notice periods are the statute's (90 / 60
 * days) unless the contract agrees others. The events that end it (a company's
 * notice of non-renewal, the owners' dismissal notice, the end, the handover)
 * are dated columns set once; the terms are edited with an audit row.
 */
export const serviceContracts = sqliteTable('service_contracts', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  companyId: text('company_id').notNull().references(() => companies.id),
  kind: text('kind').notNull(), // preliminary | bidding | vote
  voteId: text('vote_id').references(() => votes.id),
  startDate: text('start_date').notNull(),
  endDate: text('end_date').notNull(),
  nonRenewalNoticeDays: integer('non_renewal_notice_days').notNull().default(90),
  dismissalNoticeDays: integer('dismissal_notice_days').notNull().default(60),
  indefiniteNoticeDays: integer('indefinite_notice_days').notNull().default(60),
  /** JSON: [{partType, fee}] with fee in fen per m² per month. */
  fees: text('fees').notNull().default('[]'),
  serviceLevel: text('service_level').notNull().default(''),
  deposit: integer('deposit').notNull().default(0),
  signatories: text('signatories').notNull().default(''),
  note: text('note').notNull().default(''),
  nonRenewalNoticeOn: text('non_renewal_notice_on'),
  /** The owners' decision at expiry: renew | replace, and its date. */
  ownersDecision: text('owners_decision'),
  ownersDecisionOn: text('owners_decision_on'),
  /** A written notice ending the contract: the owners' dismissal in the term, either side's after expiry. */
  terminationNoticeOn: text('termination_notice_on'),
  endedOn: text('ended_on'),
  endReason: text('end_reason').notNull().default(''),
  handedOverOn: text('handed_over_on'),
  ...timestamps,
  ...revision,
}, (t) => [index('service_contracts_community').on(t.communityId, t.endDate), index('service_contracts_company').on(t.companyId)]);

/** A quarter's service-quality evaluation: the weighted checklist as scored, satisfaction, complaints, collection. */
export const contractEvaluations = sqliteTable('contract_evaluations', {
  id: text('id').primaryKey(),
  contractId: text('contract_id').notNull().references(() => serviceContracts.id),
  quarter: text('quarter').notNull(), // YYYY-Qn
  /** JSON: [{name, weight, score}] — weights and scores as integers. */
  items: text('items').notNull(),
  /** The weighted score in tenths of a point, rounded half up (shared/domain/evaluation.ts); the exact one is recomputed from items. */
  score: integer('score').notNull(),
  /** Survey results in basis points (10000 = 100 %), null when no survey was entered. */
  satisfaction: integer('satisfaction'),
  surveyed: integer('surveyed').notNull().default(0),
  complaints: integer('complaints').notNull(),
  /** Fee collection rate in basis points, null when unknown. */
  collectionRate: integer('collection_rate'),
  note: text('note').notNull().default(''),
  ...timestamps,
}, (t) => [uniqueIndex('contract_evaluations_quarter').on(t.contractId, t.quarter)]);

/** A body of the community (业委会, 议事会, 监事会, 党支部) for one term. */
export const communityBodies = sqliteTable('community_bodies', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  kind: text('kind').notNull(), // owners_committee | council | supervisory | party_branch
  /** The term runs from the election for term_years (its end: shared/domain/committees.ts termEnd). */
  electedOn: text('elected_on').notNull(),
  termYears: integer('term_years').notNull(),
  filedOn: text('filed_on'),
  firstMeetingOn: text('first_meeting_on'),
  note: text('note').notNull().default(''),
  ...timestamps,
  ...revision,
}, (t) => [index('community_bodies_community').on(t.communityId, t.kind)]);

export const bodyMembers = sqliteTable('body_members', {
  id: text('id').primaryKey(),
  bodyId: text('body_id').notNull().references(() => communityBodies.id),
  personId: text('person_id').references(() => persons.id),
  name: text('name').notNull(),
  role: text('role').notNull(), // 主任 | 副主任 | 委员 | 书记 | …
  partyMember: integer('party_member').notNull().default(0),
  onPartyBranch: integer('on_party_branch').notNull().default(0),
  onResidentsCommittee: integer('on_residents_committee').notNull().default(0),
  ...timestamps,
}, (t) => [index('body_members_body').on(t.bodyId)]);

/** A candidate for a body's election, vetted (关键人选把关) check by check. */
export const bodyCandidates = sqliteTable('body_candidates', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  kind: text('kind').notNull(),
  personId: text('person_id').references(() => persons.id),
  name: text('name').notNull(),
  recommendedBy: text('recommended_by').notNull(), // party | residents_committee | self | owners
  publicityStart: text('publicity_start'),
  publicityEnd: text('publicity_end'),
  ...timestamps,
}, (t) => [index('body_candidates_community').on(t.communityId, t.kind)]);

/** One check of a candidate: who checked what, when, and the result. Insert-only; the newest per check counts. */
export const candidateChecks = sqliteTable('candidate_checks', {
  id: text('id').primaryKey(),
  candidateId: text('candidate_id').notNull().references(() => bodyCandidates.id),
  check: text('check_key').notNull(), // owns_part | no_arrears | not_defaulter | no_conflict
  passed: integer('passed').notNull(),
  note: text('note').notNull().default(''),
  checkedBy: text('checked_by').notNull(),
  checkedAt: text('checked_at').notNull(),
}, (t) => [index('candidate_checks_candidate').on(t.candidateId, t.check)]);

/** 问题台账: a resident's issue, numbered per community. Its history is in issue_events. */
export const issues = sqliteTable('issues', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  number: integer('number').notNull(),
  title: text('title').notNull(),
  reportedAt: text('reported_at').notNull(), // office-local 'YYYY-MM-DDTHH:mm' (shared/domain/issue-ledger.ts)
  source: text('source').notNull(),
  reporter: text('reporter').notNull().default(''),
  category: text('category').notNull(),
  buildingId: text('building_id').references(() => buildings.id),
  partId: text('part_id').references(() => parts.id),
  place: text('place').notNull().default(''),
  description: text('description').notNull().default(''),
  responsibleParty: text('responsible_party').notNull().default(''),
  responsiblePerson: text('responsible_person').notNull().default(''),
  planDueAt: text('plan_due_at').notNull(),
  plan: text('plan').notNull().default(''),
  plannedAt: text('planned_at'),
  resolutionDue: text('resolution_due'),
  status: text('status').notNull(), // 登记 | 已派单 | 处理中 | 已办结 | 已回访
  level: text('level').notNull(), // 楼栋 | 小区 | 社区 | 街道
  closedAt: text('closed_at'),
  feedback: text('feedback').notNull().default(''),
  satisfaction: text('satisfaction'),
  visitedAt: text('visited_at'),
  matterId: text('matter_id').references(() => matters.id),
  meetingId: text('meeting_id').references(() => meetings.id),
  ...timestamps,
  ...revision,
}, (t) => [
  uniqueIndex('issues_number').on(t.communityId, t.number),
  index('issues_status').on(t.communityId, t.status),
]);

/** The issue's history: dispatch, status changes, escalations with their reason. Insert-only. */
export const issueEvents = sqliteTable('issue_events', {
  id: text('id').primaryKey(),
  issueId: text('issue_id').notNull().references(() => issues.id),
  at: text('at').notNull(),
  kind: text('kind').notNull(), // status | escalate | plan | feedback
  fromValue: text('from_value'),
  toValue: text('to_value'),
  reason: text('reason').notNull().default(''),
  author: text('author').notNull(),
  /** The office above that wrote this event (its answer to an escalated issue, arrived in a package); null: this office. */
  officeId: text('office_id'),
}, (t) => [index('issue_events_issue').on(t.issueId, t.at)]);

/** 物业纠纷人民调解: a mediation between residents and the property company (or among residents). */
export const mediations = sqliteTable('mediations', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  issueId: text('issue_id').references(() => issues.id),
  parties: text('parties').notNull(),
  mediator: text('mediator').notNull(),
  /** JSON: [{date, summary}] */
  sessions: text('sessions').notNull().default('[]'),
  outcome: text('outcome').notNull().default(''), // '' (ongoing) | 调解成功 | 调解不成
  agreement: text('agreement').notNull().default(''),
  ...timestamps,
  ...revision,
}, (t) => [index('mediations_community').on(t.communityId)]);
