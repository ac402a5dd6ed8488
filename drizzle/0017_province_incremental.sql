-- Incremental bundles to the province (issue #15): a kabupaten relays its kecamatan's rows,
-- whose HLC says when the kecamatan changed them, not when they reached the kabupaten. So
-- "changed since the last acknowledged bundle" is read from a local arrival counter: every
-- insert or change of a row in this database (by a person, a spreadsheet, a bundle) gives
-- the row the next number. AUTOINCREMENT: a number is never given twice.
CREATE TABLE `row_arrival` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `row_arrival_row` ON `row_arrival` (`table_name`,`row_id`);
--> statement-breakpoint
CREATE TRIGGER `posyandu_arrival_ins` AFTER INSERT ON `posyandu` BEGIN INSERT OR REPLACE INTO row_arrival(table_name, row_id) VALUES ('posyandu', NEW.id); END;
--> statement-breakpoint
CREATE TRIGGER `posyandu_arrival_upd` AFTER UPDATE ON `posyandu` WHEN NEW.hlc IS NOT OLD.hlc OR NEW.deleted_at IS NOT OLD.deleted_at BEGIN INSERT OR REPLACE INTO row_arrival(table_name, row_id) VALUES ('posyandu', NEW.id); END;
--> statement-breakpoint
CREATE TRIGGER `monthly_report_arrival_ins` AFTER INSERT ON `monthly_report` BEGIN INSERT OR REPLACE INTO row_arrival(table_name, row_id) VALUES ('monthly_report', NEW.id); END;
--> statement-breakpoint
CREATE TRIGGER `monthly_report_arrival_upd` AFTER UPDATE ON `monthly_report` WHEN NEW.hlc IS NOT OLD.hlc OR NEW.deleted_at IS NOT OLD.deleted_at BEGIN INSERT OR REPLACE INTO row_arrival(table_name, row_id) VALUES ('monthly_report', NEW.id); END;
--> statement-breakpoint
-- Rows that exist already: numbered once, so the first bundle after this release is complete anyway.
INSERT INTO row_arrival(table_name, row_id) SELECT 'posyandu', id FROM posyandu;
--> statement-breakpoint
INSERT INTO row_arrival(table_name, row_id) SELECT 'monthly_report', id FROM monthly_report;
--> statement-breakpoint
-- An outgoing bundle records the arrival number it was cut at and a fingerprint of each
-- table's grant (rows, hidden columns, column list): a grant that changed is sent whole.
ALTER TABLE `bundle_log` ADD `high_arrival` integer;
--> statement-breakpoint
ALTER TABLE `bundle_log` ADD `grants_json` text;
