-- Follow-up marks on data-quality findings (issue 14, item 5). An operator or verifier of the
-- posyandu's kecamatan marks a rule violation or an outlier as checked (the data is right),
-- fixed, or needing follow-up, with a note. One row per finding (form, posyandu, period, kind,
-- rule or field), owned by the kecamatan and seen by its kabupaten. The row stays when the
-- finding disappears (a fixed report): the mark is its history.
CREATE TABLE `quality_mark` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`form_code` text NOT NULL,
	`posyandu_id` text NOT NULL,
	`period` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`finding` text NOT NULL,
	`marked_at` text NOT NULL,
	`marked_by` text,
	`marked_by_name` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quality_mark_finding` ON `quality_mark` (`form_code`, `posyandu_id`, `period`, `kind`, `subject`);
--> statement-breakpoint
CREATE INDEX `quality_mark_period` ON `quality_mark` (`form_code`, `period`);
