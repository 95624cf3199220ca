CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`author` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `buildings` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`name` text NOT NULL,
	`sort_key` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `buildings_name` ON `buildings` (`community_id`,`name`);--> statement-breakpoint
CREATE TABLE `communities` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`street_office` text DEFAULT '' NOT NULL,
	`community_office` text DEFAULT '' NOT NULL,
	`developer` text DEFAULT '' NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `communities_name_unique` ON `communities` (`name`);--> statement-breakpoint
CREATE TABLE `entrances` (
	`id` text PRIMARY KEY NOT NULL,
	`building_id` text NOT NULL,
	`name` text NOT NULL,
	`sort_key` text NOT NULL,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entrances_name` ON `entrances` (`building_id`,`name`);--> statement-breakpoint
CREATE TABLE `ownerships` (
	`id` text PRIMARY KEY NOT NULL,
	`part_id` text NOT NULL,
	`person_id` text NOT NULL,
	`start_date` text,
	`end_date` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`part_id`) REFERENCES `parts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ownerships_part` ON `ownerships` (`part_id`,`end_date`);--> statement-breakpoint
CREATE INDEX `ownerships_person` ON `ownerships` (`person_id`);--> statement-breakpoint
CREATE TABLE `parts` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`building_id` text NOT NULL,
	`entrance_id` text,
	`entrance_key` text DEFAULT '' NOT NULL,
	`room` text NOT NULL,
	`address` text NOT NULL,
	`sort_key` text NOT NULL,
	`type` text NOT NULL,
	`area` integer NOT NULL,
	`area_source` text NOT NULL,
	`delivery_status` text NOT NULL,
	`owner_key` text DEFAULT '' NOT NULL,
	`owner_names` text DEFAULT '' NOT NULL,
	`search_text` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entrance_id`) REFERENCES `entrances`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parts_address` ON `parts` (`building_id`,`entrance_key`,`room`);--> statement-breakpoint
CREATE INDEX `parts_community_sort` ON `parts` (`community_id`,`sort_key`);--> statement-breakpoint
CREATE INDEX `parts_entrance` ON `parts` (`entrance_id`);--> statement-breakpoint
CREATE INDEX `parts_electorate` ON `parts` (`community_id`,`owner_key`,`delivery_status`,`type`,`area`,`building_id`,`entrance_id`);--> statement-breakpoint
CREATE TABLE `persons` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`name` text NOT NULL,
	`document` text,
	`document_kind` text,
	`phone` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `persons_document` ON `persons` (`community_id`,`document`) WHERE "persons"."document" is not null;--> statement-breakpoint
CREATE INDEX `persons_name` ON `persons` (`community_id`,`name`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`recovery_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);