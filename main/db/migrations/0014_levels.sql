CREATE TABLE `exchange_sent` (
	`office_id` text NOT NULL,
	`record_key` text NOT NULL,
	`acknowledged_hash` text,
	`sent_hash` text,
	`sent_in` integer,
	PRIMARY KEY(`office_id`, `record_key`)
);
--> statement-breakpoint
CREATE TABLE `issue_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`issue_id` text NOT NULL,
	`kind` text NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`due` text,
	`text` text DEFAULT '' NOT NULL,
	`at` text NOT NULL,
	`author` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `issue_answers_issue` ON `issue_answers` (`office_id`,`issue_id`,`at`);--> statement-breakpoint
CREATE TABLE `office_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`sent_on` text NOT NULL,
	`author` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `offices` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`self` integer DEFAULT false NOT NULL,
	`above_name` text,
	`code` text NOT NULL,
	`public_key` text,
	`private_key` text,
	`last_imported` integer DEFAULT 0 NOT NULL,
	`last_imported_hash` text,
	`last_received_at` text,
	`last_sent` integer DEFAULT 0 NOT NULL,
	`acknowledged` integer DEFAULT 0 NOT NULL,
	`silent_days` integer DEFAULT 30 NOT NULL,
	`via_office_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offices_name` ON `offices` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `offices_self` ON `offices` (`self`) WHERE "offices"."self" = 1;--> statement-breakpoint
CREATE TABLE `received_packages` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`sequence` integer NOT NULL,
	`text` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `received_packages_sequence` ON `received_packages` (`office_id`,`sequence`);--> statement-breakpoint
CREATE TABLE `received_records` (
	`office_id` text NOT NULL,
	`kind` text NOT NULL,
	`record_id` text NOT NULL,
	`community_id` text,
	`body` text NOT NULL,
	`sequence` integer NOT NULL,
	`received_at` text NOT NULL,
	PRIMARY KEY(`office_id`, `kind`, `record_id`)
);
--> statement-breakpoint
CREATE INDEX `received_records_kind` ON `received_records` (`kind`,`office_id`);--> statement-breakpoint
CREATE TABLE `rollup_quarters` (
	`quarter` text PRIMARY KEY NOT NULL,
	`rows` text NOT NULL,
	`total` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `communities` ADD `type` text DEFAULT '其他' NOT NULL;--> statement-breakpoint
ALTER TABLE `issue_events` ADD `office_id` text;--> statement-breakpoint
-- Hand-written: a 小区's type is edited with its other fields, so it counts for the community's revision too.
DROP TRIGGER `communities_revision`;--> statement-breakpoint
CREATE TRIGGER `communities_revision` AFTER UPDATE ON `communities` WHEN new.`revision` = old.`revision` AND (new.`name` IS NOT old.`name` OR new.`address` IS NOT old.`address` OR new.`street_office` IS NOT old.`street_office` OR new.`community_office` IS NOT old.`community_office` OR new.`developer` IS NOT old.`developer` OR new.`settings` IS NOT old.`settings` OR new.`type` IS NOT old.`type`) BEGIN
  UPDATE `communities` SET `revision` = old.`revision` + 1 WHERE `id` = new.`id`;
END;--> statement-breakpoint
-- An upper office's answers and notices are records once made: a correction is another answer.
CREATE TRIGGER `issue_answers_no_update` BEFORE UPDATE ON `issue_answers` BEGIN
  SELECT RAISE(ABORT, '对上报问题的答复不能修改');
END;--> statement-breakpoint
CREATE TRIGGER `issue_answers_no_delete` BEFORE DELETE ON `issue_answers` BEGIN
  SELECT RAISE(ABORT, '对上报问题的答复不能删除');
END;--> statement-breakpoint
CREATE TRIGGER `office_notices_no_update` BEFORE UPDATE ON `office_notices` BEGIN
  SELECT RAISE(ABORT, '已发出的通知不能修改');
END;--> statement-breakpoint
CREATE TRIGGER `office_notices_no_delete` BEFORE DELETE ON `office_notices` BEGIN
  SELECT RAISE(ABORT, '已发出的通知不能删除');
END;
