CREATE TABLE `honor_line` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`list_id` text NOT NULL,
	`person_id` text NOT NULL,
	`assignment_id` text,
	`posyandu_id` text NOT NULL,
	`rate_id` text,
	`person_name` text NOT NULL,
	`nik` text NOT NULL,
	`npwp` text,
	`posyandu_name` text NOT NULL,
	`desa_name` text NOT NULL,
	`kecamatan_code` text NOT NULL,
	`kecamatan_name` text NOT NULL,
	`bank_name` text,
	`account_number` text,
	`account_holder` text,
	`month_from` text NOT NULL,
	`month_to` text NOT NULL,
	`months` real NOT NULL,
	`rate` integer NOT NULL,
	`gross` integer NOT NULL,
	`tax` integer NOT NULL,
	`net` integer NOT NULL,
	`tax_rule` text NOT NULL,
	`tax_basis` text NOT NULL,
	`note` text,
	`change_reason` text,
	`sort_no` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `honor_line_list` ON `honor_line` (`list_id`);
--> statement-breakpoint
CREATE INDEX `honor_line_person` ON `honor_line` (`person_id`);
--> statement-breakpoint
CREATE TABLE `honor_list` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`number` text,
	`title` text NOT NULL,
	`period_kind` text NOT NULL,
	`month_from` text NOT NULL,
	`month_to` text NOT NULL,
	`fiscal_year` integer NOT NULL,
	`sub_kegiatan_code` text NOT NULL,
	`sub_kegiatan_name` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`finalised_at` text,
	`line_count` integer,
	`total_gross` integer,
	`total_tax` integer,
	`total_net` integer,
	`paid_date` text,
	`payment_ref` text,
	`revision_of` text,
	`revision_no` integer DEFAULT 0 NOT NULL,
	`revision_reason` text,
	`partial_month_rule` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `honor_list_year` ON `honor_list` (`fiscal_year`);
--> statement-breakpoint
CREATE TABLE `honor_rate` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`role` text DEFAULT 'pendamping' NOT NULL,
	`amount` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`regulation_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pendamping_assignment` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`person_id` text NOT NULL,
	`posyandu_id` text NOT NULL,
	`role` text DEFAULT 'pendamping' NOT NULL,
	`regulation_id` text,
	`from_date` text NOT NULL,
	`to_date` text,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pendamping_assignment_person` ON `pendamping_assignment` (`person_id`);
--> statement-breakpoint
CREATE INDEX `pendamping_assignment_posyandu` ON `pendamping_assignment` (`posyandu_id`);
--> statement-breakpoint
CREATE TABLE `pendamping_person` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`hlc` text NOT NULL,
	`origin` text NOT NULL,
	`deleted_at` text,
	`kader_id` text,
	`nik` text NOT NULL,
	`name` text NOT NULL,
	`sex` text NOT NULL,
	`address` text,
	`phone` text,
	`education` text,
	`npwp` text,
	`nik_as_npwp` integer DEFAULT 0 NOT NULL,
	`bank_name` text,
	`account_number` text,
	`account_holder` text,
	`is_pns` integer DEFAULT 0 NOT NULL,
	`golongan` text,
	`nip` text,
	`tax_rule` text DEFAULT 'bukan_pegawai' NOT NULL,
	`tax_reason` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pendamping_person_nik` ON `pendamping_person` (`nik`);
--> statement-breakpoint
-- A final or paid list never changes (DESIGN.md §3). Only the payment record may be added
-- (final → paid with date and reference); a row identical in content (rev/hlc only, as an
-- exchange re-applying the same row) passes.
CREATE TRIGGER `honor_list_frozen_update` BEFORE UPDATE ON `honor_list`
WHEN OLD.status IN ('final', 'paid') AND NOT (
  NEW.id IS OLD.id AND NEW.scope IS OLD.scope AND NEW.deleted_at IS OLD.deleted_at AND NEW.number IS OLD.number AND NEW.title IS OLD.title AND NEW.period_kind IS OLD.period_kind AND NEW.month_from IS OLD.month_from AND NEW.month_to IS OLD.month_to AND NEW.fiscal_year IS OLD.fiscal_year AND NEW.sub_kegiatan_code IS OLD.sub_kegiatan_code AND NEW.sub_kegiatan_name IS OLD.sub_kegiatan_name AND NEW.finalised_at IS OLD.finalised_at AND NEW.line_count IS OLD.line_count AND NEW.total_gross IS OLD.total_gross AND NEW.total_tax IS OLD.total_tax AND NEW.total_net IS OLD.total_net AND NEW.revision_of IS OLD.revision_of AND NEW.revision_no IS OLD.revision_no AND NEW.revision_reason IS OLD.revision_reason AND NEW.partial_month_rule IS OLD.partial_month_rule AND NEW.created_at IS OLD.created_at
  AND ((NEW.status IS OLD.status AND NEW.paid_date IS OLD.paid_date AND NEW.payment_ref IS OLD.payment_ref)
    OR (OLD.status = 'final' AND NEW.status = 'paid' AND NEW.paid_date IS NOT NULL AND NEW.payment_ref IS NOT NULL))
)
BEGIN SELECT RAISE(ABORT, 'Daftar honor sudah final dan tidak dapat diubah. Koreksi dibuat sebagai revisi baru.'); END
--> statement-breakpoint
CREATE TRIGGER `honor_list_frozen_delete` BEFORE DELETE ON `honor_list`
WHEN OLD.status IN ('final', 'paid')
BEGIN SELECT RAISE(ABORT, 'Daftar honor sudah final dan tidak dapat diubah. Koreksi dibuat sebagai revisi baru.'); END
--> statement-breakpoint
CREATE TRIGGER `honor_line_frozen_update` BEFORE UPDATE ON `honor_line`
WHEN ((SELECT status FROM honor_list WHERE id = OLD.list_id) IN ('final', 'paid') OR (SELECT status FROM honor_list WHERE id = NEW.list_id) IN ('final', 'paid')) AND NOT (
  NEW.id IS OLD.id AND NEW.scope IS OLD.scope AND NEW.deleted_at IS OLD.deleted_at AND NEW.list_id IS OLD.list_id AND NEW.person_id IS OLD.person_id AND NEW.assignment_id IS OLD.assignment_id AND NEW.posyandu_id IS OLD.posyandu_id AND NEW.rate_id IS OLD.rate_id AND NEW.person_name IS OLD.person_name AND NEW.nik IS OLD.nik AND NEW.npwp IS OLD.npwp AND NEW.posyandu_name IS OLD.posyandu_name AND NEW.desa_name IS OLD.desa_name AND NEW.kecamatan_code IS OLD.kecamatan_code AND NEW.kecamatan_name IS OLD.kecamatan_name AND NEW.bank_name IS OLD.bank_name AND NEW.account_number IS OLD.account_number AND NEW.account_holder IS OLD.account_holder AND NEW.month_from IS OLD.month_from AND NEW.month_to IS OLD.month_to AND NEW.months IS OLD.months AND NEW.rate IS OLD.rate AND NEW.gross IS OLD.gross AND NEW.tax IS OLD.tax AND NEW.net IS OLD.net AND NEW.tax_rule IS OLD.tax_rule AND NEW.tax_basis IS OLD.tax_basis AND NEW.note IS OLD.note AND NEW.change_reason IS OLD.change_reason AND NEW.sort_no IS OLD.sort_no AND NEW.created_at IS OLD.created_at
)
BEGIN SELECT RAISE(ABORT, 'Daftar honor sudah final dan tidak dapat diubah. Koreksi dibuat sebagai revisi baru.'); END
--> statement-breakpoint
CREATE TRIGGER `honor_line_frozen_delete` BEFORE DELETE ON `honor_line`
WHEN (SELECT status FROM honor_list WHERE id = OLD.list_id) IN ('final', 'paid')
BEGIN SELECT RAISE(ABORT, 'Daftar honor sudah final dan tidak dapat diubah. Koreksi dibuat sebagai revisi baru.'); END
--> statement-breakpoint
-- Lines of a final list may still arrive by bundle (in any order), up to the count frozen
-- at finalisation; any further line is refused.
CREATE TRIGGER `honor_line_frozen_insert` BEFORE INSERT ON `honor_line`
WHEN NEW.deleted_at IS NULL AND (SELECT status FROM honor_list WHERE id = NEW.list_id) IN ('final', 'paid')
  AND (SELECT count(*) FROM honor_line WHERE list_id = NEW.list_id AND deleted_at IS NULL) >= (SELECT ifnull(line_count, 0) FROM honor_list WHERE id = NEW.list_id)
BEGIN SELECT RAISE(ABORT, 'Daftar honor sudah final dan tidak dapat diubah. Koreksi dibuat sebagai revisi baru.'); END
