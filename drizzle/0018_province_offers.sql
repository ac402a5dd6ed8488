-- Offered down (issue #15): a province offers its indicator sets and report forms to its
-- kabupaten/kota; each kabupaten adopts one (it becomes the kabupaten's own copy or form
-- version) or keeps its own, and its decision goes back up to the province.
CREATE TABLE `province_offer` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`name` text NOT NULL,
	`definition_json` text NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `province_offer_code` ON `province_offer` (`scope`, `kind`, `code`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE TABLE `offer_decision` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`offer_id` text NOT NULL,
	`offer_version` integer NOT NULL,
	`decision` text NOT NULL,
	`adopted_as` text,
	`note` text,
	`decided_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offer_decision_offer` ON `offer_decision` (`scope`, `offer_id`);
