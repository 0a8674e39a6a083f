CREATE TABLE `organizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_fa` text NOT NULL,
	`name_en` text NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`website` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sms_inbound` (
	`gateway_id` text PRIMARY KEY NOT NULL,
	`from_number` text NOT NULL,
	`received_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`item_id` integer,
	`response` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sms_inbound_from_idx` ON `sms_inbound` (`from_number`,`received_at`);--> statement-breakpoint
ALTER TABLE `item_events` ADD `via` text;--> statement-breakpoint
ALTER TABLE `item_events` ADD `mirror_of_event_id` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `redirected_org_id` integer REFERENCES organizations(id);--> statement-breakpoint
ALTER TABLE `items` ADD `duplicate_of_item_id` integer;--> statement-breakpoint
CREATE INDEX `items_duplicate_of_idx` ON `items` (`duplicate_of_item_id`);