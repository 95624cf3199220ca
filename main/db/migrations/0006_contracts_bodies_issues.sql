CREATE TABLE `body_candidates` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`kind` text NOT NULL,
	`person_id` text,
	`name` text NOT NULL,
	`recommended_by` text NOT NULL,
	`publicity_start` text,
	`publicity_end` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `body_candidates_community` ON `body_candidates` (`community_id`,`kind`);--> statement-breakpoint
CREATE TABLE `body_members` (
	`id` text PRIMARY KEY NOT NULL,
	`body_id` text NOT NULL,
	`person_id` text,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`party_member` integer DEFAULT 0 NOT NULL,
	`on_party_branch` integer DEFAULT 0 NOT NULL,
	`on_residents_committee` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`body_id`) REFERENCES `community_bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `body_members_body` ON `body_members` (`body_id`);--> statement-breakpoint
CREATE TABLE `candidate_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`candidate_id` text NOT NULL,
	`check_key` text NOT NULL,
	`passed` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`checked_by` text NOT NULL,
	`checked_at` text NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `body_candidates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `candidate_checks_candidate` ON `candidate_checks` (`candidate_id`,`check_key`);--> statement-breakpoint
CREATE TABLE `community_bodies` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`kind` text NOT NULL,
	`elected_on` text NOT NULL,
	`term_years` integer NOT NULL,
	`filed_on` text,
	`first_meeting_on` text,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `community_bodies_community` ON `community_bodies` (`community_id`,`kind`);--> statement-breakpoint
CREATE TABLE `companies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`credit_code` text NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `companies_name_unique` ON `companies` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `companies_credit_code_unique` ON `companies` (`credit_code`);--> statement-breakpoint
CREATE TABLE `contract_evaluations` (
	`id` text PRIMARY KEY NOT NULL,
	`contract_id` text NOT NULL,
	`quarter` text NOT NULL,
	`items` text NOT NULL,
	`score` integer NOT NULL,
	`satisfaction` integer,
	`surveyed` integer DEFAULT 0 NOT NULL,
	`complaints` integer NOT NULL,
	`collection_rate` integer,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`contract_id`) REFERENCES `service_contracts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contract_evaluations_quarter` ON `contract_evaluations` (`contract_id`,`quarter`);--> statement-breakpoint
CREATE TABLE `issue_events` (
	`id` text PRIMARY KEY NOT NULL,
	`issue_id` text NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`from_value` text,
	`to_value` text,
	`reason` text DEFAULT '' NOT NULL,
	`author` text NOT NULL,
	FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `issue_events_issue` ON `issue_events` (`issue_id`,`at`);--> statement-breakpoint
CREATE TABLE `issues` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`reported_at` text NOT NULL,
	`source` text NOT NULL,
	`reporter` text DEFAULT '' NOT NULL,
	`category` text NOT NULL,
	`building_id` text,
	`part_id` text,
	`place` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`responsible_party` text DEFAULT '' NOT NULL,
	`responsible_person` text DEFAULT '' NOT NULL,
	`plan_due_at` text NOT NULL,
	`plan` text DEFAULT '' NOT NULL,
	`planned_at` text,
	`resolution_due` text,
	`status` text NOT NULL,
	`level` text NOT NULL,
	`closed_at` text,
	`feedback` text DEFAULT '' NOT NULL,
	`satisfaction` text,
	`visited_at` text,
	`matter_id` text,
	`meeting_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`part_id`) REFERENCES `parts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`matter_id`) REFERENCES `matters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issues_number` ON `issues` (`community_id`,`number`);--> statement-breakpoint
CREATE INDEX `issues_status` ON `issues` (`community_id`,`status`);--> statement-breakpoint
CREATE TABLE `mediations` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`issue_id` text,
	`parties` text NOT NULL,
	`mediator` text NOT NULL,
	`sessions` text DEFAULT '[]' NOT NULL,
	`outcome` text DEFAULT '' NOT NULL,
	`agreement` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mediations_community` ON `mediations` (`community_id`);--> statement-breakpoint
CREATE TABLE `service_contracts` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`company_id` text NOT NULL,
	`kind` text NOT NULL,
	`vote_id` text,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`non_renewal_notice_days` integer DEFAULT 90 NOT NULL,
	`dismissal_notice_days` integer DEFAULT 60 NOT NULL,
	`indefinite_notice_days` integer DEFAULT 60 NOT NULL,
	`fees` text DEFAULT '[]' NOT NULL,
	`service_level` text DEFAULT '' NOT NULL,
	`deposit` integer DEFAULT 0 NOT NULL,
	`signatories` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`non_renewal_notice_on` text,
	`owners_decision` text,
	`owners_decision_on` text,
	`termination_notice_on` text,
	`ended_on` text,
	`end_reason` text DEFAULT '' NOT NULL,
	`handed_over_on` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vote_id`) REFERENCES `votes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `service_contracts_community` ON `service_contracts` (`community_id`,`end_date`);--> statement-breakpoint
CREATE INDEX `service_contracts_company` ON `service_contracts` (`company_id`);--> statement-breakpoint
-- The issue ledger's history and the candidates' vetting are records of who did what when: never edited or deleted.
CREATE TRIGGER `issue_events_no_update` BEFORE UPDATE ON `issue_events` BEGIN
  SELECT RAISE(ABORT, '问题的办理记录不能修改');
END;
--> statement-breakpoint
CREATE TRIGGER `issue_events_no_delete` BEFORE DELETE ON `issue_events` BEGIN
  SELECT RAISE(ABORT, '问题的办理记录不能删除');
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_checks_no_update` BEFORE UPDATE ON `candidate_checks` BEGIN
  SELECT RAISE(ABORT, '候选人的核查记录不能修改，请重新核查');
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_checks_no_delete` BEFORE DELETE ON `candidate_checks` BEGIN
  SELECT RAISE(ABORT, '候选人的核查记录不能删除');
END;
