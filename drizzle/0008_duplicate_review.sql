CREATE TABLE `duplicate_review` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`group_key` text NOT NULL,
	`members_hash` text NOT NULL,
	`decision` text DEFAULT 'berbeda' NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `duplicate_review_group` ON `duplicate_review` (`group_key`);
