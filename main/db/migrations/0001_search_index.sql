-- The full-text index (issue 3): one row per searchable document (minutes,
-- matters, …) and a contentless FTS5 table of the tokens made by
-- shared/domain/search-text.ts. Written by hand: drizzle-kit does not model
-- FTS5 virtual tables. Only new tables: nothing existing is rebuilt.
CREATE TABLE `search_docs` (
	`rowid` integer PRIMARY KEY,
	`community_id` text NOT NULL,
	`doc_type` text NOT NULL,
	`doc_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_doc` ON `search_docs` (`doc_type`,`doc_id`);--> statement-breakpoint
CREATE INDEX `search_docs_community` ON `search_docs` (`community_id`);--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts` USING fts5(tokens, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
