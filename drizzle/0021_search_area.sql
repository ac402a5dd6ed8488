-- Search entries cheaper to write (issue 17: a kabupaten bundle imports at >= 30 % of the
-- bare-table rate). The `area` column held three tokens a row ("a12 a1218 a121804"), and
-- with the prefix indexes of 0019 each of them also wrote its 2- and 3-character prefix
-- entries: about half of a kader's entries. It now holds the row's own scope as one token
-- ("a121804"); an office narrows a search to its area with a prefix query ("a1218"*, see
-- ftsQuery in src/core/registry/area.ts), and only when the table holds rows outside it.
-- `columnsize=0`: no per-row column sizes (only bm25 ranking reads them; Simpul never ranks).
-- Same columns, rowids and tokenizer; rebuilt through a plain copy as in 0019.
-- Also gone: the plain name indexes of 0002, which every write and every bulk import kept up.
-- Lists sort names COLLATE NOCASE and look them up by lower(name) (kader_name_birth,
-- posyandu_name_per_desa), which a BINARY index on name cannot serve; only the honor screen's
-- person search (LIKE '%…%' ORDER BY name LIMIT 30) walked kader_name, and a scan of a
-- kabupaten's 9,000 kader with the first 30 kept takes 1–2 ms.
DROP INDEX IF EXISTS `kader_name`
--> statement-breakpoint
DROP INDEX IF EXISTS `posyandu_name`
--> statement-breakpoint
CREATE TABLE `kader_fts_copy` AS SELECT f.rowid AS r, f.name, f.nik, f.place, 'a' || replace(k.scope, '.', '') AS area FROM `kader_fts` f JOIN `search_key` s ON s.n = f.rowid JOIN `kader` k ON k.id = s.row_id
--> statement-breakpoint
DROP TABLE `kader_fts`
--> statement-breakpoint
CREATE VIRTUAL TABLE `kader_fts` USING fts5(name, nik, place, area, prefix = '2 3', columnsize = 0, tokenize = 'unicode61 remove_diacritics 2')
--> statement-breakpoint
INSERT INTO `kader_fts`(rowid, name, nik, place, area) SELECT r, name, nik, place, area FROM `kader_fts_copy` ORDER BY r
--> statement-breakpoint
DROP TABLE `kader_fts_copy`
--> statement-breakpoint
CREATE TABLE `posyandu_fts_copy` AS SELECT f.rowid AS r, f.name, f.place, 'a' || replace(p.scope, '.', '') AS area FROM `posyandu_fts` f JOIN `search_key` s ON s.n = f.rowid JOIN `posyandu` p ON p.id = s.row_id
--> statement-breakpoint
DROP TABLE `posyandu_fts`
--> statement-breakpoint
CREATE VIRTUAL TABLE `posyandu_fts` USING fts5(name, place, area, prefix = '2 3', columnsize = 0, tokenize = 'unicode61 remove_diacritics 2')
--> statement-breakpoint
INSERT INTO `posyandu_fts`(rowid, name, place, area) SELECT r, name, place, area FROM `posyandu_fts_copy` ORDER BY r
--> statement-breakpoint
DROP TABLE `posyandu_fts_copy`
--> statement-breakpoint
DROP TRIGGER `kader_fts_insert`
--> statement-breakpoint
CREATE TRIGGER `kader_fts_insert` AFTER INSERT ON `kader` BEGIN
	-- No OR IGNORE here: an outer INSERT OR REPLACE would turn it into REPLACE and renumber the key.
	INSERT INTO search_key(row_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM search_key WHERE row_id = new.id);
	-- A row replaced without its delete trigger (INSERT OR REPLACE) must not leave a stale entry.
	DELETE FROM kader_fts WHERE rowid = (SELECT n FROM search_key WHERE row_id = new.id);
	INSERT INTO kader_fts(rowid, name, nik, area, place) VALUES ((SELECT n FROM search_key WHERE row_id = new.id), new.name, new.nik, 'a' || replace(new.scope, '.', ''), (SELECT group_concat(p.name || ' ' || coalesce(w.name, ''), ' ') FROM kader_posyandu kp JOIN posyandu p ON p.id = kp.posyandu_id LEFT JOIN wilayah w ON w.code = p.desa_code WHERE kp.kader_id = new.id AND kp.deleted_at IS NULL AND kp.to_date IS NULL));
END
--> statement-breakpoint
DROP TRIGGER `kader_fts_update`
--> statement-breakpoint
CREATE TRIGGER `kader_fts_update` AFTER UPDATE OF `name`, `nik`, `scope` ON `kader` BEGIN
	UPDATE kader_fts SET name = new.name, nik = new.nik, area = 'a' || replace(new.scope, '.', '') WHERE rowid = (SELECT n FROM search_key WHERE row_id = new.id);
END
--> statement-breakpoint
DROP TRIGGER `posyandu_fts_insert`
--> statement-breakpoint
CREATE TRIGGER `posyandu_fts_insert` AFTER INSERT ON `posyandu` BEGIN
	-- No OR IGNORE here: an outer INSERT OR REPLACE would turn it into REPLACE and renumber the key.
	INSERT INTO search_key(row_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM search_key WHERE row_id = new.id);
	DELETE FROM posyandu_fts WHERE rowid = (SELECT n FROM search_key WHERE row_id = new.id);
	INSERT INTO posyandu_fts(rowid, name, area, place) VALUES ((SELECT n FROM search_key WHERE row_id = new.id), new.name, 'a' || replace(new.scope, '.', ''), (SELECT coalesce(d.name, '') || ' ' || coalesce(c.name, '') FROM wilayah d LEFT JOIN wilayah c ON c.code = d.parent_code WHERE d.code = new.desa_code));
END
--> statement-breakpoint
DROP TRIGGER `posyandu_fts_update`
--> statement-breakpoint
CREATE TRIGGER `posyandu_fts_update` AFTER UPDATE OF `name`, `desa_code`, `scope` ON `posyandu` BEGIN
	UPDATE posyandu_fts SET name = new.name, area = 'a' || replace(new.scope, '.', ''), place = (SELECT coalesce(d.name, '') || ' ' || coalesce(c.name, '') FROM wilayah d LEFT JOIN wilayah c ON c.code = d.parent_code WHERE d.code = new.desa_code) WHERE rowid = (SELECT n FROM search_key WHERE row_id = new.id);
	UPDATE kader_fts SET place = (SELECT group_concat(p.name || ' ' || coalesce(w.name, ''), ' ') FROM kader_posyandu kp JOIN posyandu p ON p.id = kp.posyandu_id LEFT JOIN wilayah w ON w.code = p.desa_code WHERE kp.kader_id = (SELECT row_id FROM search_key WHERE n = kader_fts.rowid) AND kp.deleted_at IS NULL AND kp.to_date IS NULL)
	WHERE rowid IN (SELECT s.n FROM kader_posyandu kp JOIN search_key s ON s.row_id = kp.kader_id WHERE kp.posyandu_id = new.id);
END
