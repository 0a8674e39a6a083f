CREATE TABLE `outbound_calls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`reason` text NOT NULL,
	`due_key` integer NOT NULL,
	`tries` integer DEFAULT 0 NOT NULL,
	`last_tried_at` integer,
	`outcome` text,
	`rating` integer,
	`done_at` integer,
	`done_by_staff_id` integer,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbound_calls_due_idx` ON `outbound_calls` (`item_id`,`reason`,`due_key`);--> statement-breakpoint
ALTER TABLE `items` ADD `call_back` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `items` ADD `cannot_read_sms` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `items` ADD `contact_name` text;--> statement-breakpoint
ALTER TABLE `items` ADD `contact_relation` text;--> statement-breakpoint
ALTER TABLE `items` ADD `contact_mobile` text;--> statement-breakpoint
ALTER TABLE `items` ADD `preferred_hours` text;--> statement-breakpoint
ALTER TABLE `items` ADD `on_behalf_name` text;--> statement-breakpoint
ALTER TABLE `items` ADD `on_behalf_relation` text;