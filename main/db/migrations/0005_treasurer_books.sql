CREATE TABLE `account_balances` (
	`account_id` text PRIMARY KEY NOT NULL,
	`debit_sum` integer NOT NULL,
	`lines` integer NOT NULL,
	`entries` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `ledger_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `budget_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`year` integer NOT NULL,
	`name` text NOT NULL,
	`amount` integer NOT NULL,
	`position` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `budget_lines_name` ON `budget_lines` (`community_id`,`year`,`name`);--> statement-breakpoint
CREATE TABLE `fund_parts` (
	`part_id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`initial_due` integer NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`part_id`) REFERENCES `parts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fund_parts_community` ON `fund_parts` (`community_id`);--> statement-breakpoint
CREATE TABLE `journal_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`number` integer NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`memo` text DEFAULT '' NOT NULL,
	`counterparty` text DEFAULT '' NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	`reverses_id` text,
	`settles_id` text,
	`reason` text DEFAULT '' NOT NULL,
	`revenue_kind` text,
	`contract` text DEFAULT '' NOT NULL,
	`project_id` text,
	`budget_line_id` text,
	`amount` integer NOT NULL,
	`accounts` text NOT NULL,
	`address` text,
	`search_text` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reverses_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`settles_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `repair_projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`budget_line_id`) REFERENCES `budget_lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journal_entries_number` ON `journal_entries` (`community_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `journal_entries_reverses` ON `journal_entries` (`reverses_id`) WHERE "journal_entries"."reverses_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `journal_entries_settles` ON `journal_entries` (`settles_id`) WHERE "journal_entries"."settles_id" is not null;--> statement-breakpoint
CREATE INDEX `journal_entries_project` ON `journal_entries` (`project_id`) WHERE "journal_entries"."project_id" is not null;--> statement-breakpoint
CREATE INDEX `journal_entries_date` ON `journal_entries` (`community_id`,`date`,`number`);--> statement-breakpoint
CREATE TABLE `journal_lines` (
	`id` integer PRIMARY KEY NOT NULL,
	`entry_id` text NOT NULL,
	`community_id` text NOT NULL,
	`account_id` text NOT NULL,
	`part_id` text,
	`category` text,
	`date` text NOT NULL,
	`number` integer NOT NULL,
	`amount` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `ledger_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`part_id`) REFERENCES `parts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `journal_lines_entry` ON `journal_lines` (`entry_id`,`account_id`);--> statement-breakpoint
CREATE INDEX `journal_lines_account` ON `journal_lines` (`account_id`,`date`,`number`);--> statement-breakpoint
CREATE INDEX `journal_lines_part` ON `journal_lines` (`part_id`,`date`,`number`) WHERE "journal_lines"."part_id" is not null;--> statement-breakpoint
CREATE TABLE `ledger_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`role` text NOT NULL,
	`sub_ledger` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_accounts_code` ON `ledger_accounts` (`community_id`,`code`);--> statement-breakpoint
CREATE INDEX `ledger_accounts_role` ON `ledger_accounts` (`community_id`,`role`);--> statement-breakpoint
CREATE TABLE `ledger_closes` (
	`community_id` text NOT NULL,
	`month` text NOT NULL,
	`closed_at` text NOT NULL,
	`closed_by` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_closes_month` ON `ledger_closes` (`community_id`,`month`);--> statement-breakpoint
CREATE TABLE `ledger_openings` (
	`community_id` text PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL,
	`bank_balance` integer NOT NULL,
	`suspense` integer NOT NULL,
	`suspense_note` text DEFAULT '' NOT NULL,
	`entry_id` text NOT NULL,
	`file_name` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `part_fund_balances` (
	`part_id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`deposited` integer NOT NULL,
	`earnings` integer NOT NULL,
	`charges` integer NOT NULL,
	`transfers` integer NOT NULL,
	`balance` integer NOT NULL,
	FOREIGN KEY (`part_id`) REFERENCES `parts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `part_fund_balances_community` ON `part_fund_balances` (`community_id`);--> statement-breakpoint
CREATE TABLE `repair_projects` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`title` text NOT NULL,
	`scope` text NOT NULL,
	`scope_label` text NOT NULL,
	`basis` text NOT NULL,
	`estimate` integer NOT NULL,
	`contractor` text DEFAULT '' NOT NULL,
	`approval` text NOT NULL,
	`vote_id` text,
	`emergency_review_date` text,
	`emergency_street_date` text,
	`emergency_note` text DEFAULT '' NOT NULL,
	`notice_date` text,
	`final_cost` integer,
	`overrun_reason` text DEFAULT '' NOT NULL,
	`audit_note` text DEFAULT '' NOT NULL,
	`charge_entry_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vote_id`) REFERENCES `votes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`charge_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `repair_projects_community` ON `repair_projects` (`community_id`);--> statement-breakpoint
-- Posted entries are never edited or deleted; a correction is a reversal and a new entry.
CREATE TRIGGER `journal_entries_no_update` BEFORE UPDATE ON `journal_entries` BEGIN
  SELECT RAISE(ABORT, '已记账的凭证不能修改，请做冲销后重新记账');
END;
--> statement-breakpoint
CREATE TRIGGER `journal_entries_no_delete` BEFORE DELETE ON `journal_entries` BEGIN
  SELECT RAISE(ABORT, '已记账的凭证不能删除，请做冲销');
END;
--> statement-breakpoint
CREATE TRIGGER `journal_lines_no_update` BEFORE UPDATE ON `journal_lines` BEGIN
  SELECT RAISE(ABORT, '已记账的分录不能修改，请做冲销后重新记账');
END;
--> statement-breakpoint
CREATE TRIGGER `journal_lines_no_delete` BEFORE DELETE ON `journal_lines` BEGIN
  SELECT RAISE(ABORT, '已记账的分录不能删除，请做冲销');
END;
--> statement-breakpoint
-- The fund equals the sum of its sub-ledgers because every fund line names its part, and only fund lines do.
CREATE TRIGGER `journal_lines_sub_ledger` BEFORE INSERT ON `journal_lines`
  WHEN (new.`part_id` IS NULL) = (SELECT `sub_ledger` FROM `ledger_accounts` WHERE `id` = new.`account_id`) BEGIN
  SELECT RAISE(ABORT, '维修资金分录必须记到具体房屋的分户账，其他科目不记分户');
END;
--> statement-breakpoint
-- account_balances and part_fund_balances are caches of the lines, kept by the database itself
-- (lines are insert-only, so inserting is the only way a balance moves).
CREATE TRIGGER `journal_lines_balances` AFTER INSERT ON `journal_lines` BEGIN
  INSERT INTO `account_balances` (`account_id`, `debit_sum`, `lines`, `entries`) VALUES (new.`account_id`, new.`amount`, 1, 1)
    ON CONFLICT (`account_id`) DO UPDATE SET `debit_sum` = `debit_sum` + new.`amount`, `lines` = `lines` + 1,
      -- an entry counts once per account, at its first line there
      `entries` = `entries` + NOT EXISTS (SELECT 1 FROM `journal_lines` l WHERE l.`entry_id` = new.`entry_id` AND l.`account_id` = new.`account_id` AND l.`id` < new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `journal_lines_part_balances` AFTER INSERT ON `journal_lines` WHEN new.`part_id` IS NOT NULL BEGIN
  INSERT INTO `part_fund_balances` (`part_id`, `community_id`, `deposited`, `earnings`, `charges`, `transfers`, `balance`)
    VALUES (new.`part_id`, new.`community_id`, 0, 0, 0, 0, 0) ON CONFLICT (`part_id`) DO NOTHING;
  UPDATE `part_fund_balances` SET
    `deposited` = `deposited` + CASE new.`category` WHEN 'deposit' THEN -new.`amount` ELSE 0 END,
    `earnings` = `earnings` + CASE new.`category` WHEN 'earning' THEN -new.`amount` ELSE 0 END,
    `charges` = `charges` + CASE new.`category` WHEN 'charge' THEN new.`amount` ELSE 0 END,
    `transfers` = `transfers` + CASE new.`category` WHEN 'transfer' THEN -new.`amount` ELSE 0 END,
    `balance` = `balance` - new.`amount`
    WHERE `part_id` = new.`part_id`;
END;
--> statement-breakpoint
-- Every community has its books: the default chart (shared/domain/ledger.ts DEFAULT_CHART; a test keeps
-- the two equal) for the communities already there, and for each new one as it is inserted.
CREATE TABLE `default_chart` (`code` text PRIMARY KEY, `name` text NOT NULL, `kind` text NOT NULL, `role` text NOT NULL, `sub_ledger` integer NOT NULL);
--> statement-breakpoint
INSERT INTO `default_chart` VALUES
    ('1001', '维修资金专户存款', 'asset', 'fund-bank', 0),
    ('1002', '公共收益账户存款', 'asset', 'revenue-bank', 0),
    ('2001', '住宅专项维修资金（分户）', 'liability', 'fund', 1),
    ('2003', '待查明款项', 'liability', 'suspense', 0),
    ('2101', '应付维修款', 'liability', 'payable', 0),
    ('4001', '公共收益', 'income', 'revenue', 0),
    ('5001', '公共收益合理成本', 'expense', 'revenue-cost', 0),
    ('5002', '公共收益转入维修资金', 'expense', 'revenue-transfer', 0),
    ('5101', '业主委员会经费支出', 'expense', 'committee-expense', 0);
--> statement-breakpoint
INSERT INTO `ledger_accounts` (`id`, `community_id`, `code`, `name`, `kind`, `role`, `sub_ledger`, `created_at`)
  SELECT lower(hex(randomblob(16))), c.`id`, d.`code`, d.`name`, d.`kind`, d.`role`, d.`sub_ledger`, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM `communities` c, `default_chart` d;
--> statement-breakpoint
CREATE TRIGGER `communities_chart` AFTER INSERT ON `communities` BEGIN
  INSERT INTO `ledger_accounts` (`id`, `community_id`, `code`, `name`, `kind`, `role`, `sub_ledger`, `created_at`)
    SELECT lower(hex(randomblob(16))), new.`id`, `code`, `name`, `kind`, `role`, `sub_ledger`, new.`created_at` FROM `default_chart`;
END;
