-- Province tier (issue #15): what a kabupaten sends up instead of personal rows.
-- kader_count: active kader per posyandu, counted by the kabupaten before each bundle to its
-- province (no NIK, name, phone, address or account: only numbers).
CREATE TABLE `kader_count` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`posyandu_id` text NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`male` integer DEFAULT 0 NOT NULL,
	`female` integer DEFAULT 0 NOT NULL,
	`trained` integer DEFAULT 0 NOT NULL,
	`ketua` integer DEFAULT 0 NOT NULL,
	`sekretaris` integer DEFAULT 0 NOT NULL,
	`bendahara` integer DEFAULT 0 NOT NULL,
	`anggota` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kader_count_posyandu` ON `kader_count` (`posyandu_id`);
--> statement-breakpoint
-- posyandu_stratum: the stratum the kabupaten computed for a posyandu and year, with the
-- indicator set it used (a province compares kabupaten only when the set is named).
CREATE TABLE `posyandu_stratum` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`posyandu_id` text NOT NULL,
	`year` integer NOT NULL,
	`stratum` text NOT NULL,
	`aktif` integer DEFAULT 0 NOT NULL,
	`set_code` text NOT NULL,
	`set_name` text NOT NULL,
	`reason` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `posyandu_stratum_year` ON `posyandu_stratum` (`posyandu_id`,`year`);
