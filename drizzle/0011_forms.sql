CREATE TABLE `form_definition` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`code` text NOT NULL,
	`version` integer NOT NULL,
	`period_type` text NOT NULL,
	`name` text NOT NULL,
	`definition_json` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `form_definition_code_version` ON `form_definition` (`scope`, `code`, `version`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE TABLE `form_report` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`form_code` text NOT NULL,
	`form_version` integer NOT NULL,
	`posyandu_id` text NOT NULL,
	`period` text NOT NULL,
	`values_json` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `form_report_posyandu_period` ON `form_report` (`form_code`, `posyandu_id`, `period`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE INDEX `form_report_period` ON `form_report` (`form_code`, `period`);
--> statement-breakpoint
ALTER TABLE `monthly_report` ADD `form_version` integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
ALTER TABLE `monthly_report` ADD `extra_json` text;
