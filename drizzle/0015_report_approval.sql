-- Approval of monthly reports, the DHIS2 way (issue 13). The kecamatan submits a month and
-- its head or verifier approves it (report_approval, owned by the kecamatan); the kabupaten
-- accepts or returns it (report_acceptance, owned by the kabupaten). Each office owns its
-- own decision, so both travel under the usual authority. Reports of an accepted month are
-- locked, also against bundles.
CREATE TABLE `report_approval` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`month` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`submitted_at` text,
	`submitted_by` text,
	`submitted_by_name` text,
	`approved_at` text,
	`approved_by` text,
	`approved_by_name` text,
	`note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_approval_month` ON `report_approval` (`scope`, `month`);
--> statement-breakpoint
CREATE TABLE `report_acceptance` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`kecamatan_code` text NOT NULL,
	`month` text NOT NULL,
	`status` text NOT NULL,
	`decided_at` text NOT NULL,
	`decided_by` text,
	`decided_by_name` text NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_acceptance_month` ON `report_acceptance` (`kecamatan_code`, `month`);
--> statement-breakpoint
CREATE TRIGGER `monthly_report_accepted_insert` BEFORE INSERT ON `monthly_report`
WHEN EXISTS (SELECT 1 FROM `report_acceptance` a WHERE a.`status` = 'accepted' AND a.`deleted_at` IS NULL AND a.`kecamatan_code` = NEW.`scope` AND a.`month` = NEW.`month`)
BEGIN SELECT RAISE(ABORT, 'REPORT_ACCEPTED: laporan bulan yang sudah diterima kabupaten tidak dapat diubah'); END;
--> statement-breakpoint
CREATE TRIGGER `monthly_report_accepted_update` BEFORE UPDATE ON `monthly_report`
WHEN EXISTS (SELECT 1 FROM `report_acceptance` a WHERE a.`status` = 'accepted' AND a.`deleted_at` IS NULL
  AND ((a.`kecamatan_code` = OLD.`scope` AND a.`month` = OLD.`month`) OR (a.`kecamatan_code` = NEW.`scope` AND a.`month` = NEW.`month`)))
BEGIN SELECT RAISE(ABORT, 'REPORT_ACCEPTED: laporan bulan yang sudah diterima kabupaten tidak dapat diubah'); END;
