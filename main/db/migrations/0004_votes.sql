CREATE TABLE `ballot_checks` (
	`vote_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`valid` integer NOT NULL,
	`invalid_reason` text DEFAULT '' NOT NULL,
	`choices` text NOT NULL,
	`entered_by` text NOT NULL,
	`entered_at` text NOT NULL,
	FOREIGN KEY (`vote_id`) REFERENCES `votes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `vote_subjects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ballot_checks_subject` ON `ballot_checks` (`vote_id`,`subject_id`);--> statement-breakpoint
CREATE TABLE `ballot_choices` (
	`ballot_id` text NOT NULL,
	`vote_id` text NOT NULL,
	`item_id` text NOT NULL,
	`choice` text NOT NULL,
	`valid` integer NOT NULL,
	`current` integer DEFAULT true NOT NULL,
	`area` integer NOT NULL,
	FOREIGN KEY (`ballot_id`) REFERENCES `ballots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vote_id`) REFERENCES `votes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `vote_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ballot_choices_pk` ON `ballot_choices` (`ballot_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `ballot_choices_tally` ON `ballot_choices` (`vote_id`,`current`,`item_id`,`valid`,`choice`,`area`);--> statement-breakpoint
CREATE TABLE `ballots` (
	`id` text PRIMARY KEY NOT NULL,
	`vote_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`channel` text NOT NULL,
	`valid` integer NOT NULL,
	`invalid_reason` text DEFAULT '' NOT NULL,
	`proxy_holder` text DEFAULT '' NOT NULL,
	`proxy_document` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`entered_by` text NOT NULL,
	`entered_at` text NOT NULL,
	`superseded_by` text,
	`replace_reason` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`vote_id`) REFERENCES `votes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `vote_subjects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ballots_current_subject` ON `ballots` (`vote_id`,`subject_id`) WHERE "ballots"."superseded_by" is null;--> statement-breakpoint
CREATE INDEX `ballots_current_valid` ON `ballots` (`vote_id`,`valid`) WHERE "ballots"."superseded_by" is null;--> statement-breakpoint
CREATE TABLE `vote_amendments` (
	`id` text PRIMARY KEY NOT NULL,
	`vote_id` text NOT NULL,
	`reason` text NOT NULL,
	`ballot_id` text NOT NULL,
	`tally_before` text NOT NULL,
	`tally_after` text NOT NULL,
	`author` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`vote_id`) REFERENCES `votes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ballot_id`) REFERENCES `ballots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vote_amendments_vote` ON `vote_amendments` (`vote_id`);--> statement-breakpoint
CREATE TABLE `vote_item_subjects` (
	`item_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`area` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `vote_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `vote_subjects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vote_item_subjects_pk` ON `vote_item_subjects` (`item_id`,`subject_id`);--> statement-breakpoint
CREATE TABLE `vote_items` (
	`id` text PRIMARY KEY NOT NULL,
	`vote_id` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`category` integer NOT NULL,
	`category_name` text DEFAULT '' NOT NULL,
	`threshold` text DEFAULT 'majority' NOT NULL,
	`scope` text DEFAULT '[]' NOT NULL,
	`scope_label` text DEFAULT '' NOT NULL,
	`matter_id` text,
	`electorate_count` integer NOT NULL,
	`electorate_area` integer NOT NULL,
	`breakdown` text DEFAULT '{}' NOT NULL,
	`passed` integer,
	FOREIGN KEY (`vote_id`) REFERENCES `votes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`matter_id`) REFERENCES `matters`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vote_items_vote` ON `vote_items` (`vote_id`,`position`);--> statement-breakpoint
CREATE TABLE `vote_subject_parts` (
	`subject_id` text NOT NULL,
	`vote_id` text NOT NULL,
	`part_id` text NOT NULL,
	`address` text NOT NULL,
	`building_id` text NOT NULL,
	`entrance_id` text,
	`building_name` text NOT NULL,
	`entrance_name` text DEFAULT '' NOT NULL,
	`room` text NOT NULL,
	`sort_key` text NOT NULL,
	`area` integer NOT NULL,
	FOREIGN KEY (`subject_id`) REFERENCES `vote_subjects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vote_id`) REFERENCES `votes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`part_id`) REFERENCES `parts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vote_subject_parts_pk` ON `vote_subject_parts` (`subject_id`,`part_id`);--> statement-breakpoint
CREATE INDEX `vote_subject_parts_vote_part` ON `vote_subject_parts` (`vote_id`,`part_id`);--> statement-breakpoint
CREATE TABLE `vote_subjects` (
	`id` text PRIMARY KEY NOT NULL,
	`vote_id` text NOT NULL,
	`code` text NOT NULL,
	`subject_key` text NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`addresses` text NOT NULL,
	`area` integer NOT NULL,
	FOREIGN KEY (`vote_id`) REFERENCES `votes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vote_subjects_code` ON `vote_subjects` (`vote_id`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `vote_subjects_key` ON `vote_subjects` (`vote_id`,`subject_key`);--> statement-breakpoint
CREATE TABLE `vote_tally` (
	`item_id` text NOT NULL,
	`valid` integer NOT NULL,
	`choice` text NOT NULL,
	`count` integer NOT NULL,
	`area` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `vote_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vote_tally_key` ON `vote_tally` (`item_id`,`valid`,`choice`);--> statement-breakpoint
CREATE TABLE `votes` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`title` text NOT NULL,
	`opens` text NOT NULL,
	`closes` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`blank_rule` text NOT NULL,
	`invalid_participates` integer NOT NULL,
	`count_parking` integer NOT NULL,
	`double_entry` integer DEFAULT false NOT NULL,
	`frozen_at` text NOT NULL,
	`freeze_reason` text DEFAULT '' NOT NULL,
	`closed_at` text,
	`closed_by` text,
	`posted_date` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `votes_community` ON `votes` (`community_id`,`opens`);--> statement-breakpoint
ALTER TABLE `matter_steps` ADD `vote_id` text REFERENCES votes(id);--> statement-breakpoint
-- vote_tally is a cache of the current choices' totals, kept by the database itself: every
-- insert of a current choice adds to it, retiring a choice (current 1 → 0) subtracts.
CREATE TRIGGER `ballot_choices_tally_insert` AFTER INSERT ON `ballot_choices` WHEN new.`current` = 1 BEGIN
  INSERT OR IGNORE INTO `vote_tally` (`item_id`, `valid`, `choice`, `count`, `area`) VALUES (new.`item_id`, new.`valid`, new.`choice`, 0, 0);
  UPDATE `vote_tally` SET `count` = `count` + 1, `area` = `area` + new.`area`
    WHERE `item_id` = new.`item_id` AND `valid` = new.`valid` AND `choice` = new.`choice`;
END;
--> statement-breakpoint
CREATE TRIGGER `ballot_choices_tally_retire` AFTER UPDATE OF `current` ON `ballot_choices` WHEN old.`current` = 1 AND new.`current` = 0 BEGIN
  UPDATE `vote_tally` SET `count` = `count` - 1, `area` = `area` - old.`area`
    WHERE `item_id` = old.`item_id` AND `valid` = old.`valid` AND `choice` = old.`choice`;
END;
