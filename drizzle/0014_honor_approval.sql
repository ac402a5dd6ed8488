-- Maker-checker for honor lists (issue 13): disusun (draft) → diverifikasi (verified) → disetujui/final
-- → dibayar (paid), or a final list cancelled with a reason. Each step names the person
-- (user id and name); the frozen-list triggers now also guard who approved and the
-- cancellation, and a cancelled list is as frozen as a paid one.
ALTER TABLE `honor_list` ADD `prepared_by` text
--> statement-breakpoint
ALTER TABLE `honor_list` ADD `prepared_by_name` text
--> statement-breakpoint
ALTER TABLE `honor_list` ADD `verified_at` text
--> statement-breakpoint
ALTER TABLE `honor_list` ADD `verified_by` text
--> statement-breakpoint
ALTER TABLE `honor_list` ADD `verified_by_name` text
--> statement-breakpoint
ALTER TABLE `honor_list` ADD `approved_by` text
--> statement-breakpoint
ALTER TABLE `honor_list` ADD `approved_by_name` text
--> statement-breakpoint
ALTER TABLE `honor_list` ADD `paid_by` text
--> statement-breakpoint
ALTER TABLE `honor_list` ADD `paid_by_name` text
--> statement-breakpoint
ALTER TABLE `honor_list` ADD `cancelled_at` text
--> statement-breakpoint
ALTER TABLE `honor_list` ADD `cancelled_by` text
--> statement-breakpoint
ALTER TABLE `honor_list` ADD `cancelled_by_name` text
--> statement-breakpoint
ALTER TABLE `honor_list` ADD `cancel_reason` text
--> statement-breakpoint
ALTER TABLE `honor_list` ADD `return_note` text
--> statement-breakpoint
DROP TRIGGER `honor_list_frozen_update`
--> statement-breakpoint
CREATE TRIGGER `honor_list_frozen_update` BEFORE UPDATE ON `honor_list`
WHEN OLD.status IN ('final', 'paid', 'cancelled') AND NOT (
  NEW.id IS OLD.id AND NEW.scope IS OLD.scope AND NEW.deleted_at IS OLD.deleted_at AND NEW.number IS OLD.number AND NEW.title IS OLD.title AND NEW.period_kind IS OLD.period_kind AND NEW.month_from IS OLD.month_from AND NEW.month_to IS OLD.month_to AND NEW.fiscal_year IS OLD.fiscal_year AND NEW.sub_kegiatan_code IS OLD.sub_kegiatan_code AND NEW.sub_kegiatan_name IS OLD.sub_kegiatan_name AND NEW.finalised_at IS OLD.finalised_at AND NEW.line_count IS OLD.line_count AND NEW.total_gross IS OLD.total_gross AND NEW.total_tax IS OLD.total_tax AND NEW.total_net IS OLD.total_net AND NEW.revision_of IS OLD.revision_of AND NEW.revision_no IS OLD.revision_no AND NEW.revision_reason IS OLD.revision_reason AND NEW.partial_month_rule IS OLD.partial_month_rule AND NEW.created_at IS OLD.created_at AND NEW.prepared_by IS OLD.prepared_by AND NEW.prepared_by_name IS OLD.prepared_by_name AND NEW.verified_at IS OLD.verified_at AND NEW.verified_by IS OLD.verified_by AND NEW.verified_by_name IS OLD.verified_by_name AND NEW.approved_by IS OLD.approved_by AND NEW.approved_by_name IS OLD.approved_by_name
  AND ((NEW.status IS OLD.status AND NEW.paid_date IS OLD.paid_date AND NEW.payment_ref IS OLD.payment_ref AND NEW.paid_by IS OLD.paid_by AND NEW.paid_by_name IS OLD.paid_by_name AND NEW.cancelled_at IS OLD.cancelled_at AND NEW.cancelled_by IS OLD.cancelled_by AND NEW.cancelled_by_name IS OLD.cancelled_by_name AND NEW.cancel_reason IS OLD.cancel_reason)
    OR (OLD.status = 'final' AND NEW.status = 'paid' AND NEW.paid_date IS NOT NULL AND NEW.payment_ref IS NOT NULL AND NEW.cancelled_at IS OLD.cancelled_at AND NEW.cancelled_by IS OLD.cancelled_by AND NEW.cancelled_by_name IS OLD.cancelled_by_name AND NEW.cancel_reason IS OLD.cancel_reason)
    OR (OLD.status = 'final' AND NEW.status = 'cancelled' AND NEW.cancelled_at IS NOT NULL AND NEW.cancel_reason IS NOT NULL AND NEW.paid_date IS OLD.paid_date AND NEW.payment_ref IS OLD.payment_ref AND NEW.paid_by IS OLD.paid_by AND NEW.paid_by_name IS OLD.paid_by_name))
)
BEGIN SELECT RAISE(ABORT, 'Daftar honor sudah final dan tidak dapat diubah. Koreksi dibuat sebagai revisi baru.'); END
--> statement-breakpoint
DROP TRIGGER `honor_list_frozen_delete`
--> statement-breakpoint
CREATE TRIGGER `honor_list_frozen_delete` BEFORE DELETE ON `honor_list`
WHEN OLD.status IN ('final', 'paid', 'cancelled') AND NOT EXISTS (SELECT 1 FROM `meta` WHERE `key` = 'withdrawing')
BEGIN SELECT RAISE(ABORT, 'Daftar honor sudah final dan tidak dapat diubah. Koreksi dibuat sebagai revisi baru.'); END
--> statement-breakpoint
DROP TRIGGER `honor_line_frozen_delete`
--> statement-breakpoint
CREATE TRIGGER `honor_line_frozen_delete` BEFORE DELETE ON `honor_line`
WHEN (SELECT status FROM honor_list WHERE id = OLD.list_id) IN ('final', 'paid', 'cancelled') AND NOT EXISTS (SELECT 1 FROM `meta` WHERE `key` = 'withdrawing')
BEGIN SELECT RAISE(ABORT, 'Daftar honor sudah final dan tidak dapat diubah. Koreksi dibuat sebagai revisi baru.'); END
--> statement-breakpoint
DROP TRIGGER `honor_line_frozen_update`
--> statement-breakpoint
CREATE TRIGGER `honor_line_frozen_update` BEFORE UPDATE ON `honor_line`
WHEN ((SELECT status FROM honor_list WHERE id = OLD.list_id) IN ('final', 'paid', 'cancelled') OR (SELECT status FROM honor_list WHERE id = NEW.list_id) IN ('final', 'paid', 'cancelled')) AND NOT (
  NEW.id IS OLD.id AND NEW.scope IS OLD.scope AND NEW.deleted_at IS OLD.deleted_at AND NEW.list_id IS OLD.list_id AND NEW.person_id IS OLD.person_id AND NEW.assignment_id IS OLD.assignment_id AND NEW.posyandu_id IS OLD.posyandu_id AND NEW.rate_id IS OLD.rate_id AND NEW.person_name IS OLD.person_name AND NEW.nik IS OLD.nik AND NEW.npwp IS OLD.npwp AND NEW.posyandu_name IS OLD.posyandu_name AND NEW.desa_name IS OLD.desa_name AND NEW.kecamatan_code IS OLD.kecamatan_code AND NEW.kecamatan_name IS OLD.kecamatan_name AND NEW.bank_name IS OLD.bank_name AND NEW.account_number IS OLD.account_number AND NEW.account_holder IS OLD.account_holder AND NEW.month_from IS OLD.month_from AND NEW.month_to IS OLD.month_to AND NEW.months IS OLD.months AND NEW.rate IS OLD.rate AND NEW.gross IS OLD.gross AND NEW.tax IS OLD.tax AND NEW.net IS OLD.net AND NEW.tax_rule IS OLD.tax_rule AND NEW.tax_basis IS OLD.tax_basis AND NEW.note IS OLD.note AND NEW.change_reason IS OLD.change_reason AND NEW.sort_no IS OLD.sort_no AND NEW.created_at IS OLD.created_at
)
BEGIN SELECT RAISE(ABORT, 'Daftar honor sudah final dan tidak dapat diubah. Koreksi dibuat sebagai revisi baru.'); END
--> statement-breakpoint
DROP TRIGGER `honor_line_frozen_insert`
--> statement-breakpoint
CREATE TRIGGER `honor_line_frozen_insert` BEFORE INSERT ON `honor_line`
WHEN NEW.deleted_at IS NULL AND (SELECT status FROM honor_list WHERE id = NEW.list_id) IN ('final', 'paid', 'cancelled')
  AND (SELECT count(*) FROM honor_line WHERE list_id = NEW.list_id AND deleted_at IS NULL) >= (SELECT ifnull(line_count, 0) FROM honor_list WHERE id = NEW.list_id)
BEGIN SELECT RAISE(ABORT, 'Daftar honor sudah final dan tidak dapat diubah. Koreksi dibuat sebagai revisi baru.'); END
