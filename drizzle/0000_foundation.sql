CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`user` text NOT NULL,
	`office_code` text NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`action` text NOT NULL,
	`before_json` text,
	`after_json` text
);
--> statement-breakpoint
CREATE INDEX `audit_row` ON `audit_log` (`table_name`,`row_id`);
--> statement-breakpoint
CREATE INDEX `audit_at` ON `audit_log` (`at`);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `office` (
	`id` text PRIMARY KEY NOT NULL,
	`wilayah_code` text NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`device_id` text NOT NULL,
	`created_at` text NOT NULL,
	`is_self` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `wilayah` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_code` text
);
--> statement-breakpoint
CREATE INDEX `wilayah_parent` ON `wilayah` (`parent_code`);
