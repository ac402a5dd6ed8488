ALTER TABLE `regulation` ADD `attachment_sha256` text
--> statement-breakpoint
ALTER TABLE `regulation` ADD `attachment_size` integer
--> statement-breakpoint
ALTER TABLE `regulation` ADD `attachment_name` text
--> statement-breakpoint
CREATE TABLE `posyandu_activity` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`posyandu_id` text NOT NULL,
	`date` text NOT NULL,
	`phi_part` text,
	`spm_field` text,
	`what` text NOT NULL,
	`participants` text DEFAULT '{}' NOT NULL,
	`skpd_id` text,
	`agency_other` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `posyandu_activity_posyandu` ON `posyandu_activity` (`posyandu_id`,`date`);
--> statement-breakpoint
CREATE TABLE `programme` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`skpd_id` text NOT NULL,
	`fiscal_year` integer NOT NULL,
	`name` text NOT NULL,
	`phi_part` text,
	`spm_field` text,
	`target_groups` text DEFAULT '[]' NOT NULL,
	`funding_source` text NOT NULL,
	`budget` integer DEFAULT 0 NOT NULL,
	`realisation` integer DEFAULT 0 NOT NULL,
	`regulation_id` text,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `programme_year` ON `programme` (`fiscal_year`,`skpd_id`);
--> statement-breakpoint
CREATE INDEX `programme_regulation` ON `programme` (`regulation_id`);
--> statement-breakpoint
CREATE TABLE `programme_posyandu` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`programme_id` text NOT NULL,
	`posyandu_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `programme_posyandu_programme` ON `programme_posyandu` (`programme_id`);
--> statement-breakpoint
CREATE INDEX `programme_posyandu_posyandu` ON `programme_posyandu` (`posyandu_id`);
--> statement-breakpoint
CREATE TABLE `puskesos_service` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`posyandu_id` text NOT NULL,
	`date` text NOT NULL,
	`category` text NOT NULL,
	`person_name` text,
	`nik` text,
	`complaint` text,
	`referred_skpd_id` text,
	`referred_other` text,
	`follow_up_status` text DEFAULT 'baru' NOT NULL,
	`follow_up_note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `puskesos_service_posyandu` ON `puskesos_service` (`posyandu_id`,`date`);
--> statement-breakpoint
CREATE TABLE `ref_item` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`parent_code` text,
	`name` text NOT NULL,
	`description` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ref_item_kind` ON `ref_item` (`scope`,`kind`,`code`);
--> statement-breakpoint
CREATE TABLE `skpd` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`responsibilities` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `skpd_scope` ON `skpd` (`scope`,`code`);
