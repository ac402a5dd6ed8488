-- Kader birth place (issue #16): office lists carry "Tempat/Tgl Lahir"; the import splits it.
ALTER TABLE `kader` ADD `birth_place` text
