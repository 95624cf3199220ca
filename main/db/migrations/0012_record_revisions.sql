ALTER TABLE `communities` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `parts` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `persons` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `matters` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `minutes` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `community_bodies` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `issues` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `mediations` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `service_contracts` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint

-- Hand-written below: each editable record counts its revisions (issue 17, no lost updates; main/db/schema/columns.ts).
-- A row's revision goes up when a column an edit form writes changes, by whatever path; the WHEN clause also keeps
-- the trigger's own UPDATE from firing it again. A meeting's agenda, a body's members and an account's grants are
-- rows of their own, rewritten by the save: adding or removing one counts for the record they belong to.
CREATE TRIGGER `communities_revision` AFTER UPDATE ON `communities` WHEN new.`revision` = old.`revision` AND (new.`name` IS NOT old.`name` OR new.`address` IS NOT old.`address` OR new.`street_office` IS NOT old.`street_office` OR new.`community_office` IS NOT old.`community_office` OR new.`developer` IS NOT old.`developer` OR new.`settings` IS NOT old.`settings`) BEGIN
  UPDATE `communities` SET `revision` = old.`revision` + 1 WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `parts_revision` AFTER UPDATE ON `parts` WHEN new.`revision` = old.`revision` AND (new.`building_id` IS NOT old.`building_id` OR new.`entrance_id` IS NOT old.`entrance_id` OR new.`room` IS NOT old.`room` OR new.`type` IS NOT old.`type` OR new.`area` IS NOT old.`area` OR new.`area_source` IS NOT old.`area_source` OR new.`delivery_status` IS NOT old.`delivery_status`) BEGIN
  UPDATE `parts` SET `revision` = old.`revision` + 1 WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `persons_revision` AFTER UPDATE ON `persons` WHEN new.`revision` = old.`revision` AND (new.`name` IS NOT old.`name` OR new.`document_kind` IS NOT old.`document_kind` OR new.`document_hash` IS NOT old.`document_hash` OR new.`phone_hash` IS NOT old.`phone_hash`) BEGIN
  UPDATE `persons` SET `revision` = old.`revision` + 1 WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `matters_revision` AFTER UPDATE ON `matters` WHEN new.`revision` = old.`revision` AND (new.`title` IS NOT old.`title` OR new.`category` IS NOT old.`category` OR new.`description` IS NOT old.`description` OR new.`raised_by` IS NOT old.`raised_by`) BEGIN
  UPDATE `matters` SET `revision` = old.`revision` + 1 WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `meetings_revision` AFTER UPDATE ON `meetings` WHEN new.`revision` = old.`revision` AND (new.`kind` IS NOT old.`kind` OR new.`form` IS NOT old.`form` OR new.`title` IS NOT old.`title` OR new.`date` IS NOT old.`date` OR new.`start_time` IS NOT old.`start_time` OR new.`place` IS NOT old.`place` OR new.`convener` IS NOT old.`convener` OR new.`notice_date` IS NOT old.`notice_date` OR new.`members_total` IS NOT old.`members_total`) BEGIN
  UPDATE `meetings` SET `revision` = old.`revision` + 1 WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `minutes_revision` AFTER UPDATE ON `minutes` WHEN new.`revision` = old.`revision` AND (new.`content` IS NOT old.`content`) BEGIN
  UPDATE `minutes` SET `revision` = old.`revision` + 1 WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `companies_revision` AFTER UPDATE ON `companies` WHEN new.`revision` = old.`revision` AND (new.`name` IS NOT old.`name` OR new.`credit_code` IS NOT old.`credit_code` OR new.`contact` IS NOT old.`contact` OR new.`phone` IS NOT old.`phone`) BEGIN
  UPDATE `companies` SET `revision` = old.`revision` + 1 WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `service_contracts_revision` AFTER UPDATE ON `service_contracts` WHEN new.`revision` = old.`revision` AND (new.`company_id` IS NOT old.`company_id` OR new.`kind` IS NOT old.`kind` OR new.`vote_id` IS NOT old.`vote_id` OR new.`start_date` IS NOT old.`start_date` OR new.`end_date` IS NOT old.`end_date` OR new.`non_renewal_notice_days` IS NOT old.`non_renewal_notice_days` OR new.`dismissal_notice_days` IS NOT old.`dismissal_notice_days` OR new.`indefinite_notice_days` IS NOT old.`indefinite_notice_days` OR new.`fees` IS NOT old.`fees` OR new.`service_level` IS NOT old.`service_level` OR new.`deposit` IS NOT old.`deposit` OR new.`signatories` IS NOT old.`signatories` OR new.`note` IS NOT old.`note`) BEGIN
  UPDATE `service_contracts` SET `revision` = old.`revision` + 1 WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `community_bodies_revision` AFTER UPDATE ON `community_bodies` WHEN new.`revision` = old.`revision` AND (new.`elected_on` IS NOT old.`elected_on` OR new.`term_years` IS NOT old.`term_years` OR new.`filed_on` IS NOT old.`filed_on` OR new.`first_meeting_on` IS NOT old.`first_meeting_on` OR new.`note` IS NOT old.`note`) BEGIN
  UPDATE `community_bodies` SET `revision` = old.`revision` + 1 WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `issues_revision` AFTER UPDATE ON `issues` WHEN new.`revision` = old.`revision` AND (new.`title` IS NOT old.`title` OR new.`source` IS NOT old.`source` OR new.`reporter` IS NOT old.`reporter` OR new.`category` IS NOT old.`category` OR new.`building_id` IS NOT old.`building_id` OR new.`part_id` IS NOT old.`part_id` OR new.`place` IS NOT old.`place` OR new.`description` IS NOT old.`description` OR new.`resolution_due` IS NOT old.`resolution_due` OR new.`matter_id` IS NOT old.`matter_id` OR new.`meeting_id` IS NOT old.`meeting_id`) BEGIN
  UPDATE `issues` SET `revision` = old.`revision` + 1 WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `mediations_revision` AFTER UPDATE ON `mediations` WHEN new.`revision` = old.`revision` AND (new.`issue_id` IS NOT old.`issue_id` OR new.`parties` IS NOT old.`parties` OR new.`mediator` IS NOT old.`mediator` OR new.`sessions` IS NOT old.`sessions` OR new.`outcome` IS NOT old.`outcome` OR new.`agreement` IS NOT old.`agreement`) BEGIN
  UPDATE `mediations` SET `revision` = old.`revision` + 1 WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `users_revision` AFTER UPDATE ON `users` WHEN new.`revision` = old.`revision` AND (new.`display_name` IS NOT old.`display_name` OR new.`role` IS NOT old.`role` OR new.`company_id` IS NOT old.`company_id`) BEGIN
  UPDATE `users` SET `revision` = old.`revision` + 1 WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `agenda_items_insert_revision` AFTER INSERT ON `agenda_items` BEGIN
  UPDATE `meetings` SET `revision` = `revision` + 1 WHERE `id` = new.`meeting_id`;
END;--> statement-breakpoint
CREATE TRIGGER `agenda_items_delete_revision` AFTER DELETE ON `agenda_items` BEGIN
  UPDATE `meetings` SET `revision` = `revision` + 1 WHERE `id` = old.`meeting_id`;
END;--> statement-breakpoint
CREATE TRIGGER `body_members_insert_revision` AFTER INSERT ON `body_members` BEGIN
  UPDATE `community_bodies` SET `revision` = `revision` + 1 WHERE `id` = new.`body_id`;
END;--> statement-breakpoint
CREATE TRIGGER `body_members_delete_revision` AFTER DELETE ON `body_members` BEGIN
  UPDATE `community_bodies` SET `revision` = `revision` + 1 WHERE `id` = old.`body_id`;
END;--> statement-breakpoint
CREATE TRIGGER `user_grants_insert_revision` AFTER INSERT ON `user_grants` BEGIN
  UPDATE `users` SET `revision` = `revision` + 1 WHERE `id` = new.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `user_grants_delete_revision` AFTER DELETE ON `user_grants` BEGIN
  UPDATE `users` SET `revision` = `revision` + 1 WHERE `id` = old.`user_id`;
END;
