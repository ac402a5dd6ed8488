CREATE TABLE `kader` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`nik` text NOT NULL,
	`name` text NOT NULL,
	`sex` text NOT NULL,
	`birth_date` text,
	`phone` text,
	`education` text,
	`role` text DEFAULT 'anggota' NOT NULL,
	`active_from` text,
	`active_to` text,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `kader_nik` ON `kader` (`nik`);
--> statement-breakpoint
CREATE INDEX `kader_scope` ON `kader` (`scope`);
--> statement-breakpoint
CREATE TABLE `kader_posyandu` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`kader_id` text NOT NULL,
	`posyandu_id` text NOT NULL,
	`from_date` text,
	`to_date` text
);
--> statement-breakpoint
CREATE INDEX `kader_posyandu_kader` ON `kader_posyandu` (`kader_id`);
--> statement-breakpoint
CREATE INDEX `kader_posyandu_posyandu` ON `kader_posyandu` (`posyandu_id`);
--> statement-breakpoint
CREATE TABLE `kader_training` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`kader_id` text NOT NULL,
	`name` text NOT NULL,
	`year` integer,
	`organiser` text
);
--> statement-breakpoint
CREATE INDEX `kader_training_kader` ON `kader_training` (`kader_id`);
--> statement-breakpoint
CREATE TABLE `posyandu` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`desa_code` text NOT NULL,
	`address` text,
	`rt` text,
	`rw` text,
	`latitude` real,
	`longitude` real,
	`year_founded` integer,
	`kemendagri_number` text,
	`is_phi_model` integer DEFAULT 0 NOT NULL,
	`phi_regulation_id` text,
	`is_ilp` integer DEFAULT 0 NOT NULL,
	`is_spm_pilot` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'aktif' NOT NULL,
	`status_date` text,
	`status_reason` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `posyandu_desa` ON `posyandu` (`desa_code`);
--> statement-breakpoint
CREATE INDEX `posyandu_scope` ON `posyandu` (`scope`);
--> statement-breakpoint
CREATE UNIQUE INDEX `posyandu_name_per_desa` ON `posyandu` (`desa_code`, lower(`name`)) WHERE `deleted_at` IS NULL;
