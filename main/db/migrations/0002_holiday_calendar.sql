CREATE TABLE `holiday_days` (
	`date` text PRIMARY KEY NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`year`) REFERENCES `holiday_years`(`year`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `holiday_days_year` ON `holiday_days` (`year`);--> statement-breakpoint
CREATE TABLE `holiday_years` (
	`year` integer PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`updated_at` text NOT NULL
);
