-- One write path (issue 12). A kecamatan no longer receives honor lists and lines; the ones
-- it holds from older bundles are withdrawn by the kabupaten's next bundle. Withdrawing is
-- the only delete the frozen-list triggers let through, and only while the import that
-- withdraws marks it in `meta` inside its own transaction.
DROP TRIGGER `honor_list_frozen_delete`;
--> statement-breakpoint
CREATE TRIGGER `honor_list_frozen_delete` BEFORE DELETE ON `honor_list`
WHEN OLD.status IN ('final', 'paid') AND NOT EXISTS (SELECT 1 FROM `meta` WHERE `key` = 'withdrawing')
BEGIN SELECT RAISE(ABORT, 'Daftar honor sudah final dan tidak dapat diubah. Koreksi dibuat sebagai revisi baru.'); END;
--> statement-breakpoint
DROP TRIGGER `honor_line_frozen_delete`;
--> statement-breakpoint
CREATE TRIGGER `honor_line_frozen_delete` BEFORE DELETE ON `honor_line`
WHEN (SELECT status FROM honor_list WHERE id = OLD.list_id) IN ('final', 'paid') AND NOT EXISTS (SELECT 1 FROM `meta` WHERE `key` = 'withdrawing')
BEGIN SELECT RAISE(ABORT, 'Daftar honor sudah final dan tidak dapat diubah. Koreksi dibuat sebagai revisi baru.'); END;
