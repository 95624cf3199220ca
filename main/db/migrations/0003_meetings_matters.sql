CREATE TABLE `action_items` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`minutes_id` text NOT NULL,
	`text` text NOT NULL,
	`party` text DEFAULT '' NOT NULL,
	`person` text DEFAULT '' NOT NULL,
	`due` text DEFAULT '' NOT NULL,
	`done_date` text,
	`current` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`minutes_id`) REFERENCES `minutes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_items_open` ON `action_items` (`community_id`,`current`,`done_date`,`due`);--> statement-breakpoint
CREATE TABLE `agenda_items` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`matter_id` text,
	`for_vote` integer DEFAULT false NOT NULL,
	`in_notice` integer DEFAULT true NOT NULL,
	`yes_votes` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`matter_id`) REFERENCES `matters`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agenda_meeting` ON `agenda_items` (`meeting_id`,`position`);--> statement-breakpoint
CREATE INDEX `agenda_matter` ON `agenda_items` (`matter_id`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`owner_type` text NOT NULL,
	`owner_id` text NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`added_at` text NOT NULL,
	`added_by` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_owner` ON `attachments` (`owner_type`,`owner_id`);--> statement-breakpoint
CREATE TABLE `attendees` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`position` integer NOT NULL,
	`party` text NOT NULL,
	`name` text NOT NULL,
	`role` text DEFAULT '' NOT NULL,
	`is_member` integer DEFAULT false NOT NULL,
	`present` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attendees_meeting` ON `attendees` (`meeting_id`,`position`);--> statement-breakpoint
CREATE TABLE `matter_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`matter_id` text NOT NULL,
	`step_key` text NOT NULL,
	`date` text NOT NULL,
	`skipped` integer DEFAULT false NOT NULL,
	`skip_reason` text,
	`meeting_id` text,
	`posting_start` text,
	`posting_end` text,
	`filing_body` text,
	`notice_text` text DEFAULT '' NOT NULL,
	`document` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`matter_id`) REFERENCES `matters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `matter_steps_key` ON `matter_steps` (`matter_id`,`step_key`);--> statement-breakpoint
CREATE INDEX `matter_steps_meeting` ON `matter_steps` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `matters` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`workflow_id` text NOT NULL,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`raised_by` text DEFAULT '' NOT NULL,
	`raised_on` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workflow_id`) REFERENCES `workflows`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `matters_community` ON `matters` (`community_id`,`raised_on`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`kind` text NOT NULL,
	`form` text,
	`title` text NOT NULL,
	`date` text NOT NULL,
	`start_time` text DEFAULT '' NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`convener` text DEFAULT '' NOT NULL,
	`notice_date` text,
	`members_total` integer,
	`status` text DEFAULT 'planned' NOT NULL,
	`posted_date` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meetings_community_date` ON `meetings` (`community_id`,`date`);--> statement-breakpoint
CREATE TABLE `minutes` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`content` text NOT NULL,
	`supersedes_id` text,
	`correction_reason` text DEFAULT '' NOT NULL,
	`approved_at` text,
	`approved_by` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `minutes_version` ON `minutes` (`meeting_id`,`version`);--> statement-breakpoint
CREATE TABLE `rule_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`rule` text NOT NULL,
	`message` text NOT NULL,
	`reason` text NOT NULL,
	`author` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rule_overrides_entity` ON `rule_overrides` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `workflows` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`version` integer NOT NULL,
	`steps` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workflows_version` ON `workflows` (`key`,`version`);