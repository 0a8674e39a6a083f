CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_staff_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	FOREIGN KEY (`actor_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `canned_replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`province_id` text,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`province_id`) REFERENCES `provinces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `canned_replies_province_idx` ON `canned_replies` (`province_id`,`active`);--> statement-breakpoint
ALTER TABLE `items` ADD `assigned_staff_id` integer REFERENCES staff_users(id);--> statement-breakpoint
CREATE INDEX `items_assigned_idx` ON `items` (`assigned_staff_id`);--> statement-breakpoint
ALTER TABLE `staff_users` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `password_changed_at` integer;--> statement-breakpoint
-- Persian-aware full-text search over items for the staff inbox and duplicate detection (app/domain/search.ts
-- normalizes the text; rowid is the item id). Kept up to date by app/models/item-search.server.ts.
CREATE VIRTUAL TABLE `item_search` USING fts5(`body`, tokenize = 'unicode61 remove_diacritics 2');
