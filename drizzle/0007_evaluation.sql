CREATE TABLE `evaluation_period` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`year` integer NOT NULL,
	`indicator_set_code` text NOT NULL,
	`indicator_set_json` text,
	`area_code` text NOT NULL,
	`evaluators` text,
	`status` text DEFAULT 'open' NOT NULL,
	`locked_at` text,
	`locked_by` text,
	`data_hash` text,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `evaluation_score` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`period_id` text NOT NULL,
	`posyandu_id` text NOT NULL,
	`item` text NOT NULL,
	`score` real NOT NULL,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `evaluation_score_period` ON `evaluation_score` (`period_id`);
--> statement-breakpoint
CREATE TABLE `indicator_set` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`definition_json` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `monthly_report` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`posyandu_id` text NOT NULL,
	`month` text NOT NULL,
	`held` integer NOT NULL,
	`open_date` text,
	`kader_on_duty` integer,
	`s` integer,
	`k` integer,
	`d` integer,
	`n` integer,
	`t` integer,
	`o` integer,
	`b` integer,
	`bgm` integer,
	`stunting_found` integer,
	`stunting_referred` integer,
	`bumil` integer,
	`bumil_target` integer,
	`k4` integer,
	`bayi_target` integer,
	`imunisasi` integer,
	`pus` integer,
	`kb` integer,
	`vit_a` integer,
	`pmt` integer,
	`programmes` text,
	`dana_sehat` integer,
	`kk` integer,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `monthly_report_month` ON `monthly_report` (`month`);
--> statement-breakpoint
CREATE INDEX `monthly_report_scope` ON `monthly_report` (`scope`);
--> statement-breakpoint
CREATE UNIQUE INDEX `monthly_report_posyandu_month` ON `monthly_report` (`posyandu_id`, `month`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_score_item` ON `evaluation_score` (`period_id`, `posyandu_id`, `item`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_set_code` ON `indicator_set` (`scope`, `code`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE TRIGGER `monthly_report_locked_insert` BEFORE INSERT ON `monthly_report`
WHEN EXISTS (SELECT 1 FROM `evaluation_period` p WHERE p.`status` = 'locked' AND p.`deleted_at` IS NULL
  AND p.`year` = CAST(substr(NEW.`month`, 1, 4) AS INTEGER) AND (NEW.`scope` = p.`area_code` OR NEW.`scope` LIKE p.`area_code` || '.%'))
BEGIN SELECT RAISE(ABORT, 'EVALUATION_LOCKED: laporan bulanan pada periode evaluasi yang sudah dikunci tidak dapat diubah'); END;
--> statement-breakpoint
CREATE TRIGGER `monthly_report_locked_update` BEFORE UPDATE ON `monthly_report`
WHEN EXISTS (SELECT 1 FROM `evaluation_period` p WHERE p.`status` = 'locked' AND p.`deleted_at` IS NULL
  AND p.`year` IN (CAST(substr(OLD.`month`, 1, 4) AS INTEGER), CAST(substr(NEW.`month`, 1, 4) AS INTEGER))
  AND (OLD.`scope` = p.`area_code` OR OLD.`scope` LIKE p.`area_code` || '.%' OR NEW.`scope` = p.`area_code` OR NEW.`scope` LIKE p.`area_code` || '.%'))
BEGIN SELECT RAISE(ABORT, 'EVALUATION_LOCKED: laporan bulanan pada periode evaluasi yang sudah dikunci tidak dapat diubah'); END;
--> statement-breakpoint
CREATE TRIGGER `evaluation_period_locked` BEFORE UPDATE ON `evaluation_period`
WHEN OLD.`status` = 'locked'
BEGIN SELECT RAISE(ABORT, 'EVALUATION_LOCKED: periode evaluasi yang sudah dikunci tidak dapat diubah'); END;
--> statement-breakpoint
CREATE TRIGGER `evaluation_score_locked_insert` BEFORE INSERT ON `evaluation_score`
WHEN EXISTS (SELECT 1 FROM `evaluation_period` p WHERE p.`id` = NEW.`period_id` AND p.`status` = 'locked')
BEGIN SELECT RAISE(ABORT, 'EVALUATION_LOCKED: nilai pada periode evaluasi yang sudah dikunci tidak dapat diubah'); END;
--> statement-breakpoint
CREATE TRIGGER `evaluation_score_locked_update` BEFORE UPDATE ON `evaluation_score`
WHEN EXISTS (SELECT 1 FROM `evaluation_period` p WHERE p.`id` = OLD.`period_id` AND p.`status` = 'locked')
BEGIN SELECT RAISE(ABORT, 'EVALUATION_LOCKED: nilai pada periode evaluasi yang sudah dikunci tidak dapat diubah'); END;
