CREATE TABLE `offices` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`self` integer DEFAULT false NOT NULL,
	`above_name` text,
	`code` text NOT NULL,
	`public_key` text,
	`private_key` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offices_name` ON `offices` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `offices_self` ON `offices` (`self`) WHERE "offices"."self" = 1;