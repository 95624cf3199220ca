CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`action` text NOT NULL,
	`permission` text NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`summary` text NOT NULL,
	`input` text NOT NULL,
	`status` text NOT NULL,
	`requested_at` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_by_user_id` text,
	`decided_at` text,
	`decided_by` text,
	`decided_by_user_id` text,
	`reason` text,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reviews_community` ON `reviews` (`community_id`,`status`);--> statement-breakpoint
CREATE INDEX `reviews_subject` ON `reviews` (`subject_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_pending_subject` ON `reviews` (`action`,`subject_id`) WHERE status = 'pending';--> statement-breakpoint
-- A review is decided once: after that its row is the record of who asked, who decided and why, never changed; while
-- it waits only its decision may be written, never what was asked. Never deleted.
CREATE TRIGGER `reviews_decided_no_update` BEFORE UPDATE ON `reviews` WHEN OLD.`status` <> 'pending' BEGIN SELECT RAISE(ABORT, '已处理的复核记录不能修改'); END;
--> statement-breakpoint
CREATE TRIGGER `reviews_ask_no_update` BEFORE UPDATE ON `reviews`
  WHEN NEW.`id` IS NOT OLD.`id` OR NEW.`community_id` IS NOT OLD.`community_id` OR NEW.`action` IS NOT OLD.`action`
    OR NEW.`permission` IS NOT OLD.`permission` OR NEW.`subject_kind` IS NOT OLD.`subject_kind` OR NEW.`subject_id` IS NOT OLD.`subject_id`
    OR NEW.`summary` IS NOT OLD.`summary` OR NEW.`input` IS NOT OLD.`input` OR NEW.`requested_at` IS NOT OLD.`requested_at`
    OR NEW.`requested_by` IS NOT OLD.`requested_by` OR NEW.`requested_by_user_id` IS NOT OLD.`requested_by_user_id`
  BEGIN SELECT RAISE(ABORT, '复核记录所提交的内容不能修改'); END;
--> statement-breakpoint
CREATE TRIGGER `reviews_no_delete` BEFORE DELETE ON `reviews` BEGIN SELECT RAISE(ABORT, '复核记录不能删除'); END;
