CREATE TABLE `peer_office` (
	`id` text PRIMARY KEY NOT NULL,
	`wilayah_code` text NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`sign_public_key` text NOT NULL,
	`box_public_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`enrolled_at` text NOT NULL,
	`revoked_at` text,
	`last_sent_seq` integer DEFAULT 0 NOT NULL,
	`last_received_seq` integer DEFAULT 0 NOT NULL,
	`acked_seq` integer DEFAULT 0 NOT NULL,
	`pending_rejects` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `peer_office_code` ON `peer_office` (`wilayah_code`);
--> statement-breakpoint
CREATE TABLE `bundle_log` (
	`id` text PRIMARY KEY NOT NULL,
	`direction` text NOT NULL,
	`peer_code` text NOT NULL,
	`seq` integer NOT NULL,
	`file_name` text NOT NULL,
	`created_at` text NOT NULL,
	`processed_at` text NOT NULL,
	`status` text NOT NULL,
	`high_hlc` text,
	`rows` integer DEFAULT 0 NOT NULL,
	`size_bytes` integer DEFAULT 0 NOT NULL,
	`counts_json` text NOT NULL,
	`rejected_json` text
);
--> statement-breakpoint
CREATE INDEX `bundle_log_peer` ON `bundle_log` (`peer_code`,`direction`,`seq`);
--> statement-breakpoint
CREATE TABLE `exchange_conflict` (
	`id` text PRIMARY KEY NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`peer_code` text NOT NULL,
	`kind` text NOT NULL,
	`detected_at` text NOT NULL,
	`winner_json` text,
	`loser_json` text NOT NULL,
	`status` text DEFAULT 'terbuka' NOT NULL,
	`resolved_at` text
);
--> statement-breakpoint
CREATE INDEX `exchange_conflict_status` ON `exchange_conflict` (`status`,`detected_at`);
