CREATE TABLE `regulation` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`kind` text NOT NULL,
	`number` text NOT NULL,
	`year` integer NOT NULL,
	`title` text NOT NULL,
	`date_signed` text,
	`status` text DEFAULT 'berlaku' NOT NULL,
	`changed_by_id` text,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `regulation_kind_year` ON `regulation` (`kind`,`year`);