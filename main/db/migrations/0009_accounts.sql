CREATE TABLE `user_grants` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`community_id` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `user_grants_user` ON `user_grants` (`user_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `company_id` text;--> statement-breakpoint
ALTER TABLE `users` ADD `key_wrap` text;--> statement-breakpoint
-- Written by hand: the administrator(s) the earlier versions created become 管理员 over every community
-- (community_id null), which is what they could do before accounts had roles.
INSERT INTO `user_grants` (`id`, `user_id`, `role`, `community_id`)
  SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' || substr(h, 18, 3) || '-' || substr(h, 21, 12)), id, 'admin', NULL
  FROM (SELECT `id`, hex(randomblob(16)) AS h FROM `users` WHERE `role` = 'admin');
