CREATE TABLE `recovery_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket` text NOT NULL,
	`mobile` text NOT NULL,
	`code_hash` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recovery_codes_ticket_idx` ON `recovery_codes` (`ticket`);--> statement-breakpoint
CREATE INDEX `recovery_codes_expiry_idx` ON `recovery_codes` (`expires_at`);--> statement-breakpoint
-- hand-written: /track/recover finds a mobile's items on every request (with or without items, the same work), so
-- by index, not by reading the whole items table. IF NOT EXISTS: the SMS conversation (issue 22) may index it too.
CREATE INDEX IF NOT EXISTS `items_mobile_idx` ON `items` (`mobile`);
