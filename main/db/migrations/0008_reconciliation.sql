CREATE TABLE `interest_shares` (
	`share_entry_id` text NOT NULL,
	`item_entry_id` text NOT NULL,
	FOREIGN KEY (`share_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interest_shares_pair` ON `interest_shares` (`share_entry_id`,`item_entry_id`);--> statement-breakpoint
CREATE INDEX `interest_shares_item` ON `interest_shares` (`item_entry_id`);--> statement-breakpoint
CREATE TABLE `statement_files` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`first_date` text NOT NULL,
	`last_date` text NOT NULL,
	`closing_balance` integer,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `statement_files_sha256` ON `statement_files` (`community_id`,`sha256`);--> statement-breakpoint
CREATE INDEX `statement_files_date` ON `statement_files` (`community_id`,`last_date`);--> statement-breakpoint
CREATE TABLE `statement_postings` (
	`entry_id` text PRIMARY KEY NOT NULL,
	`statement_row_id` text NOT NULL,
	`class` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`statement_row_id`) REFERENCES `statement_rows`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `statement_postings_row` ON `statement_postings` (`statement_row_id`);--> statement-breakpoint
CREATE TABLE `statement_rows` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`file_id` text,
	`position` integer,
	`date` text NOT NULL,
	`amount` integer NOT NULL,
	`payer` text NOT NULL,
	`memo` text NOT NULL,
	`balance` integer,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`file_id`) REFERENCES `statement_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `statement_rows_position` ON `statement_rows` (`file_id`,`position`);--> statement-breakpoint
CREATE INDEX `statement_rows_identity` ON `statement_rows` (`community_id`,`date`,`amount`);--> statement-breakpoint
CREATE TABLE `suspense_claims` (
	`id` integer PRIMARY KEY NOT NULL,
	`entry_id` text NOT NULL,
	`item_entry_id` text NOT NULL,
	`part_id` text,
	`amount` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`part_id`) REFERENCES `parts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `suspense_claims_entry` ON `suspense_claims` (`entry_id`);--> statement-breakpoint
CREATE INDEX `suspense_claims_item` ON `suspense_claims` (`item_entry_id`);--> statement-breakpoint
-- The fund's bank account holds more than the fund (shared/domain/ledger.ts FUND_BANK_LIABILITIES): interest
-- received and not yet shared, and common revenue owed to the revenue account. Two accounts join the default chart
-- (DEFAULT_CHART; a test keeps the two equal) and every community's books.
INSERT INTO `default_chart` VALUES
    ('2002', '待分配增值收益', 'liability', 'interest', 0),
    ('2102', '代收公共收益', 'liability', 'revenue-due', 0);
--> statement-breakpoint
INSERT INTO `ledger_accounts` (`id`, `community_id`, `code`, `name`, `kind`, `role`, `sub_ledger`, `created_at`)
  SELECT lower(hex(randomblob(16))), c.`id`, d.`code`, d.`name`, d.`kind`, d.`role`, d.`sub_ledger`, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM `communities` c, `default_chart` d
  WHERE d.`code` IN ('2002', '2102') AND NOT EXISTS (SELECT 1 FROM `ledger_accounts` a WHERE a.`community_id` = c.`id` AND a.`code` = d.`code`);
--> statement-breakpoint
-- Statement rows posted by earlier versions (a deposit or an unidentified receipt whose reference is `银行流水:` and the
-- memo's first 55 characters) count as posted: each becomes a remembered row (no file, no position; its id is its
-- entry's) with its posting, whether or not the entry was reversed since.
INSERT INTO `statement_rows` (`id`, `community_id`, `file_id`, `position`, `date`, `amount`, `payer`, `memo`, `balance`, `created_at`, `created_by`)
  SELECT e.`id`, e.`community_id`, NULL, NULL, e.`date`, (SELECT sum(l.`amount`) FROM `journal_lines` l WHERE l.`entry_id` = e.`id` AND l.`amount` > 0),
    e.`counterparty`, substr(e.`reference`, 6), NULL, e.`created_at`, e.`created_by`
  FROM `journal_entries` e WHERE e.`kind` IN ('deposit', 'unidentified') AND e.`reference` LIKE '银行流水:%' AND e.`reverses_id` IS NULL;
--> statement-breakpoint
INSERT INTO `statement_postings` (`entry_id`, `statement_row_id`, `class`, `created_at`)
  SELECT e.`id`, e.`id`, e.`kind`, e.`created_at` FROM `journal_entries` e
  WHERE e.`kind` IN ('deposit', 'unidentified') AND e.`reference` LIKE '银行流水:%' AND e.`reverses_id` IS NULL;
--> statement-breakpoint
-- Earlier versions assigned a whole unidentified receipt to one part (settles_id): that is a claim of the whole item.
INSERT INTO `suspense_claims` (`entry_id`, `item_entry_id`, `part_id`, `amount`, `note`)
  SELECT e.`id`, e.`settles_id`,
    (SELECT l.`part_id` FROM `journal_lines` l WHERE l.`entry_id` = e.`id` AND l.`part_id` IS NOT NULL),
    (SELECT sum(l.`amount`) FROM `journal_lines` l JOIN `ledger_accounts` a ON a.`id` = l.`account_id` WHERE l.`entry_id` = e.`id` AND a.`role` = 'suspense'),
    e.`reason`
  FROM `journal_entries` e WHERE e.`settles_id` IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `statement_files_no_update` BEFORE UPDATE ON `statement_files` BEGIN SELECT RAISE(ABORT, '已导入的银行流水文件记录不能修改'); END;
--> statement-breakpoint
CREATE TRIGGER `statement_files_no_delete` BEFORE DELETE ON `statement_files` BEGIN SELECT RAISE(ABORT, '已导入的银行流水文件记录不能删除'); END;
--> statement-breakpoint
CREATE TRIGGER `statement_rows_no_update` BEFORE UPDATE ON `statement_rows` BEGIN SELECT RAISE(ABORT, '已入账的银行流水不能修改，请重新分类'); END;
--> statement-breakpoint
CREATE TRIGGER `statement_rows_no_delete` BEFORE DELETE ON `statement_rows` BEGIN SELECT RAISE(ABORT, '已入账的银行流水不能删除：它已入账，再次导入也不会重复记账'); END;
--> statement-breakpoint
CREATE TRIGGER `statement_postings_no_update` BEFORE UPDATE ON `statement_postings` BEGIN SELECT RAISE(ABORT, '银行流水的入账记录不能修改，请重新分类'); END;
--> statement-breakpoint
CREATE TRIGGER `statement_postings_no_delete` BEFORE DELETE ON `statement_postings` BEGIN SELECT RAISE(ABORT, '银行流水的入账记录不能删除'); END;
--> statement-breakpoint
CREATE TRIGGER `interest_shares_no_update` BEFORE UPDATE ON `interest_shares` BEGIN SELECT RAISE(ABORT, '增值收益分配的记录不能修改，请冲销分配凭证'); END;
--> statement-breakpoint
CREATE TRIGGER `interest_shares_no_delete` BEFORE DELETE ON `interest_shares` BEGIN SELECT RAISE(ABORT, '增值收益分配的记录不能删除，请冲销分配凭证'); END;
--> statement-breakpoint
CREATE TRIGGER `suspense_claims_no_update` BEFORE UPDATE ON `suspense_claims` BEGIN SELECT RAISE(ABORT, '认领记录不能修改，请冲销认领凭证'); END;
--> statement-breakpoint
CREATE TRIGGER `suspense_claims_no_delete` BEFORE DELETE ON `suspense_claims` BEGIN SELECT RAISE(ABORT, '认领记录不能删除，请冲销认领凭证'); END;
