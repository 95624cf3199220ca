CREATE TABLE `data_key` (
	`id` integer PRIMARY KEY NOT NULL,
	`key_id` text NOT NULL,
	`recovery_wrap` text,
	`created_at` text NOT NULL,
	`sealed_at` text,
	`vacuumed_at` text
);
--> statement-breakpoint
-- Documents and phones stay in their columns here: the code that runs after this migration
-- (main/security/seal-legacy.ts) seals them, fills the hashes and masked forms, masks the audit
-- rows and rewrites the roster's search cache, once the data key exists; then VACUUM.
-- The unique index moves from the plaintext to the keyed hash.
DROP INDEX `persons_document`;--> statement-breakpoint
ALTER TABLE `persons` ADD `document_hash` text;--> statement-breakpoint
ALTER TABLE `persons` ADD `document_masked` text;--> statement-breakpoint
ALTER TABLE `persons` ADD `phone_hash` text;--> statement-breakpoint
ALTER TABLE `persons` ADD `phone_masked` text;--> statement-breakpoint
CREATE INDEX `persons_phone` ON `persons` (`community_id`,`phone_hash`) WHERE "persons"."phone_hash" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `persons_document` ON `persons` (`community_id`,`document_hash`) WHERE "persons"."document_hash" is not null;