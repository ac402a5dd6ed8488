-- The national office (issue #15): a province relays its kabupaten's counts and strata
-- (kader_count, posyandu_stratum) up to the national office. Their clocks are the
-- kabupaten's, so, like posyandu and monthly reports in 0017, the province's bundles to the
-- national office cut them by this database's arrival counter, not by their HLC.
CREATE TRIGGER `kader_count_arrival_ins` AFTER INSERT ON `kader_count` BEGIN INSERT OR REPLACE INTO row_arrival(table_name, row_id) VALUES ('kader_count', NEW.id); END;
--> statement-breakpoint
CREATE TRIGGER `kader_count_arrival_upd` AFTER UPDATE ON `kader_count` WHEN NEW.hlc IS NOT OLD.hlc OR NEW.deleted_at IS NOT OLD.deleted_at BEGIN INSERT OR REPLACE INTO row_arrival(table_name, row_id) VALUES ('kader_count', NEW.id); END;
--> statement-breakpoint
CREATE TRIGGER `posyandu_stratum_arrival_ins` AFTER INSERT ON `posyandu_stratum` BEGIN INSERT OR REPLACE INTO row_arrival(table_name, row_id) VALUES ('posyandu_stratum', NEW.id); END;
--> statement-breakpoint
CREATE TRIGGER `posyandu_stratum_arrival_upd` AFTER UPDATE ON `posyandu_stratum` WHEN NEW.hlc IS NOT OLD.hlc OR NEW.deleted_at IS NOT OLD.deleted_at BEGIN INSERT OR REPLACE INTO row_arrival(table_name, row_id) VALUES ('posyandu_stratum', NEW.id); END;
--> statement-breakpoint
INSERT OR IGNORE INTO row_arrival(table_name, row_id) SELECT 'kader_count', id FROM kader_count;
--> statement-breakpoint
INSERT OR IGNORE INTO row_arrival(table_name, row_id) SELECT 'posyandu_stratum', id FROM posyandu_stratum;
