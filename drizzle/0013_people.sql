CREATE TABLE `app_user` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`failed_count` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`active` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`last_login_at` text,
	`password_changed_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `app_user_username` ON `app_user` (`username`);
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `user_id` text;
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `source_office` text;
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `bundle_id` text;
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `seq` integer;
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `prev_hash` text;
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `hash` text;
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_seq` ON `audit_log` (`seq`);
