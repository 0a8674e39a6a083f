CREATE TABLE `holidays` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`solar_month` integer,
	`solar_day` integer,
	`date` text,
	`name_fa` text NOT NULL,
	`name_en` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
-- Existing rows get the time of their last change (hand-edited: SQLite cannot add a NOT NULL column without a default).
ALTER TABLE `items` ADD `state_entered_at` integer NOT NULL DEFAULT 0;--> statement-breakpoint
UPDATE `items` SET `state_entered_at` = `updated_at`;--> statement-breakpoint
ALTER TABLE `items` ADD `first_response_due_at` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `answer_due_at` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `escalation_level` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `items_state_entered_idx` ON `items` (`state`,`state_entered_at`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `audience` text DEFAULT 'citizen' NOT NULL;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `email` text;