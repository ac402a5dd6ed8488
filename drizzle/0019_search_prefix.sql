-- Search (issue 17: national kader search p95 < 5 ms): FTS5 prefix indexes for 2- and
-- 3-character prefixes. People type "Siti Rah" or "Nur Win"; without them a short prefix
-- merges the entries of every word it starts (hundreds at national scale). Same columns,
-- rowids and tokenizer: the triggers of 0002_registry.sql and bulk mode keep working as they are.
-- (Rebuilt through a plain copy: renaming a new table into place trips over those triggers.)
CREATE TABLE `kader_fts_copy` AS SELECT rowid AS r, name, nik, place, area FROM `kader_fts`
--> statement-breakpoint
DROP TABLE `kader_fts`
--> statement-breakpoint
CREATE VIRTUAL TABLE `kader_fts` USING fts5(name, nik, place, area, prefix = '2 3', tokenize = 'unicode61 remove_diacritics 2')
--> statement-breakpoint
INSERT INTO `kader_fts`(rowid, name, nik, place, area) SELECT r, name, nik, place, area FROM `kader_fts_copy` ORDER BY r
--> statement-breakpoint
DROP TABLE `kader_fts_copy`
--> statement-breakpoint
CREATE TABLE `posyandu_fts_copy` AS SELECT rowid AS r, name, place, area FROM `posyandu_fts`
--> statement-breakpoint
DROP TABLE `posyandu_fts`
--> statement-breakpoint
CREATE VIRTUAL TABLE `posyandu_fts` USING fts5(name, place, area, prefix = '2 3', tokenize = 'unicode61 remove_diacritics 2')
--> statement-breakpoint
INSERT INTO `posyandu_fts`(rowid, name, place, area) SELECT r, name, place, area FROM `posyandu_fts_copy` ORDER BY r
--> statement-breakpoint
DROP TABLE `posyandu_fts_copy`
