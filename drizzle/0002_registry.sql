-- Registry, part 2 (issue #4): PHI decree text, search indexes and duplicate lookups.
ALTER TABLE `posyandu` ADD `phi_decree` text
--> statement-breakpoint
CREATE INDEX `kader_name_birth` ON `kader` (lower(`name`), `birth_date`)
--> statement-breakpoint
CREATE INDEX `kader_name` ON `kader` (`name`)
--> statement-breakpoint
CREATE INDEX `posyandu_name` ON `posyandu` (`name`)
--> statement-breakpoint
-- Local, never travels: a stable integer per searchable row for the FTS5 rowid. Implicit
-- rowids of tables with a text primary key may change on VACUUM (backups use VACUUM INTO).
CREATE TABLE `search_key` (
	`n` integer PRIMARY KEY,
	`row_id` text NOT NULL UNIQUE
)
--> statement-breakpoint
-- Full-text search over kader name, NIK and current posyandu + desa (prefix queries).
-- `area` holds the owning scope as tokens ("a33 a3325 a332502") so a search inside one
-- office's area skips the rest of a large file inside the index itself.
CREATE VIRTUAL TABLE `kader_fts` USING fts5(name, nik, place, area, tokenize = 'unicode61 remove_diacritics 2')
--> statement-breakpoint
CREATE VIRTUAL TABLE `posyandu_fts` USING fts5(name, place, area, tokenize = 'unicode61 remove_diacritics 2')
--> statement-breakpoint
CREATE TRIGGER `kader_fts_insert` AFTER INSERT ON `kader` BEGIN
	-- No OR IGNORE here: an outer INSERT OR REPLACE would turn it into REPLACE and renumber the key.
	INSERT INTO search_key(row_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM search_key WHERE row_id = new.id);
	-- A row replaced without its delete trigger (INSERT OR REPLACE) must not leave a stale entry.
	DELETE FROM kader_fts WHERE rowid = (SELECT n FROM search_key WHERE row_id = new.id);
	INSERT INTO kader_fts(rowid, name, nik, area, place) VALUES ((SELECT n FROM search_key WHERE row_id = new.id), new.name, new.nik, 'a' || substr(replace(new.scope, '.', ''), 1, 2) || ' a' || substr(replace(new.scope, '.', ''), 1, 4) || ' a' || replace(new.scope, '.', ''), (SELECT group_concat(p.name || ' ' || coalesce(w.name, ''), ' ') FROM kader_posyandu kp JOIN posyandu p ON p.id = kp.posyandu_id LEFT JOIN wilayah w ON w.code = p.desa_code WHERE kp.kader_id = new.id AND kp.deleted_at IS NULL AND kp.to_date IS NULL));
END
--> statement-breakpoint
CREATE TRIGGER `kader_fts_update` AFTER UPDATE OF `name`, `nik`, `scope` ON `kader` BEGIN
	UPDATE kader_fts SET name = new.name, nik = new.nik, area = 'a' || substr(replace(new.scope, '.', ''), 1, 2) || ' a' || substr(replace(new.scope, '.', ''), 1, 4) || ' a' || replace(new.scope, '.', '') WHERE rowid = (SELECT n FROM search_key WHERE row_id = new.id);
END
--> statement-breakpoint
CREATE TRIGGER `kader_fts_delete` AFTER DELETE ON `kader` BEGIN
	DELETE FROM kader_fts WHERE rowid = (SELECT n FROM search_key WHERE row_id = old.id);
	DELETE FROM search_key WHERE row_id = old.id;
END
--> statement-breakpoint
CREATE TRIGGER `kader_posyandu_fts_insert` AFTER INSERT ON `kader_posyandu` BEGIN
	UPDATE kader_fts SET place = (SELECT group_concat(p.name || ' ' || coalesce(w.name, ''), ' ') FROM kader_posyandu kp JOIN posyandu p ON p.id = kp.posyandu_id LEFT JOIN wilayah w ON w.code = p.desa_code WHERE kp.kader_id = new.kader_id AND kp.deleted_at IS NULL AND kp.to_date IS NULL) WHERE rowid = (SELECT n FROM search_key WHERE row_id = new.kader_id);
END
--> statement-breakpoint
CREATE TRIGGER `kader_posyandu_fts_update` AFTER UPDATE OF `posyandu_id`, `kader_id`, `to_date`, `deleted_at` ON `kader_posyandu` BEGIN
	UPDATE kader_fts SET place = (SELECT group_concat(p.name || ' ' || coalesce(w.name, ''), ' ') FROM kader_posyandu kp JOIN posyandu p ON p.id = kp.posyandu_id LEFT JOIN wilayah w ON w.code = p.desa_code WHERE kp.kader_id = new.kader_id AND kp.deleted_at IS NULL AND kp.to_date IS NULL) WHERE rowid = (SELECT n FROM search_key WHERE row_id = new.kader_id);
	UPDATE kader_fts SET place = (SELECT group_concat(p.name || ' ' || coalesce(w.name, ''), ' ') FROM kader_posyandu kp JOIN posyandu p ON p.id = kp.posyandu_id LEFT JOIN wilayah w ON w.code = p.desa_code WHERE kp.kader_id = old.kader_id AND kp.deleted_at IS NULL AND kp.to_date IS NULL) WHERE old.kader_id <> new.kader_id AND rowid = (SELECT n FROM search_key WHERE row_id = old.kader_id);
END
--> statement-breakpoint
CREATE TRIGGER `posyandu_fts_insert` AFTER INSERT ON `posyandu` BEGIN
	-- No OR IGNORE here: an outer INSERT OR REPLACE would turn it into REPLACE and renumber the key.
	INSERT INTO search_key(row_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM search_key WHERE row_id = new.id);
	DELETE FROM posyandu_fts WHERE rowid = (SELECT n FROM search_key WHERE row_id = new.id);
	INSERT INTO posyandu_fts(rowid, name, area, place) VALUES ((SELECT n FROM search_key WHERE row_id = new.id), new.name, 'a' || substr(replace(new.scope, '.', ''), 1, 2) || ' a' || substr(replace(new.scope, '.', ''), 1, 4) || ' a' || replace(new.scope, '.', ''), (SELECT coalesce(d.name, '') || ' ' || coalesce(c.name, '') FROM wilayah d LEFT JOIN wilayah c ON c.code = d.parent_code WHERE d.code = new.desa_code));
END
--> statement-breakpoint
CREATE TRIGGER `posyandu_fts_update` AFTER UPDATE OF `name`, `desa_code`, `scope` ON `posyandu` BEGIN
	UPDATE posyandu_fts SET name = new.name, area = 'a' || substr(replace(new.scope, '.', ''), 1, 2) || ' a' || substr(replace(new.scope, '.', ''), 1, 4) || ' a' || replace(new.scope, '.', ''), place = (SELECT coalesce(d.name, '') || ' ' || coalesce(c.name, '') FROM wilayah d LEFT JOIN wilayah c ON c.code = d.parent_code WHERE d.code = new.desa_code) WHERE rowid = (SELECT n FROM search_key WHERE row_id = new.id);
	UPDATE kader_fts SET place = (SELECT group_concat(p.name || ' ' || coalesce(w.name, ''), ' ') FROM kader_posyandu kp JOIN posyandu p ON p.id = kp.posyandu_id LEFT JOIN wilayah w ON w.code = p.desa_code WHERE kp.kader_id = (SELECT row_id FROM search_key WHERE n = kader_fts.rowid) AND kp.deleted_at IS NULL AND kp.to_date IS NULL)
	WHERE rowid IN (SELECT s.n FROM kader_posyandu kp JOIN search_key s ON s.row_id = kp.kader_id WHERE kp.posyandu_id = new.id);
END
--> statement-breakpoint
CREATE TRIGGER `posyandu_fts_delete` AFTER DELETE ON `posyandu` BEGIN
	DELETE FROM posyandu_fts WHERE rowid = (SELECT n FROM search_key WHERE row_id = old.id);
	DELETE FROM search_key WHERE row_id = old.id;
END
