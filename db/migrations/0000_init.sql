CREATE TABLE `center_services` (
	`center_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	PRIMARY KEY(`center_id`, `service_id`),
	FOREIGN KEY (`center_id`) REFERENCES `centers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `center_services_service_idx` ON `center_services` (`service_id`);--> statement-breakpoint
CREATE TABLE `centers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`province_id` text NOT NULL,
	`program` text NOT NULL,
	`name_fa` text NOT NULL,
	`name_en` text NOT NULL,
	`operator_fa` text DEFAULT '' NOT NULL,
	`operator_en` text DEFAULT '' NOT NULL,
	`city_fa` text DEFAULT '' NOT NULL,
	`city_en` text DEFAULT '' NOT NULL,
	`neighbourhood_fa` text DEFAULT '' NOT NULL,
	`neighbourhood_en` text DEFAULT '' NOT NULL,
	`address_fa` text DEFAULT '' NOT NULL,
	`address_en` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`hours_fa` text DEFAULT '' NOT NULL,
	`hours_en` text DEFAULT '' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`province_id`) REFERENCES `provinces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `centers_province_idx` ON `centers` (`province_id`,`program`);--> statement-breakpoint
CREATE TABLE `item_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_staff_id` integer,
	`owner_province_id` text,
	`public_message` text,
	`internal_note` text,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `item_events_item_idx` ON `item_events` (`item_id`,`id`);--> statement-breakpoint
CREATE TABLE `items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tracking_code` text NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`channel` text NOT NULL,
	`area` text,
	`center_id` integer,
	`service_id` integer,
	`province_id` text,
	`owner_province_id` text,
	`subject` text DEFAULT '' NOT NULL,
	`body` text NOT NULL,
	`name` text,
	`mobile` text,
	`email` text,
	`national_code` text,
	`anonymous` integer DEFAULT false NOT NULL,
	`locale` text DEFAULT 'fa' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	`first_responded_at` integer,
	`answered_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`center_id`) REFERENCES `centers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_id`) REFERENCES `provinces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_province_id`) REFERENCES `provinces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_tracking_code_idx` ON `items` (`tracking_code`);--> statement-breakpoint
CREATE INDEX `items_owner_state_idx` ON `items` (`owner_province_id`,`state`,`created_at`);--> statement-breakpoint
CREATE INDEX `items_center_idx` ON `items` (`center_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`locale` text NOT NULL,
	`body` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `item_events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_key_unique` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_item_idx` ON `outbox` (`item_id`);--> statement-breakpoint
CREATE TABLE `programmes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`center_id` integer NOT NULL,
	`title_fa` text NOT NULL,
	`title_en` text NOT NULL,
	`description_fa` text DEFAULT '' NOT NULL,
	`description_en` text DEFAULT '' NOT NULL,
	`starts_at` integer NOT NULL,
	`duration_minutes` integer DEFAULT 60 NOT NULL,
	FOREIGN KEY (`center_id`) REFERENCES `centers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `programmes_center_idx` ON `programmes` (`center_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `provinces` (
	`id` text PRIMARY KEY NOT NULL,
	`name_fa` text NOT NULL,
	`name_en` text NOT NULL,
	`capital_fa` text NOT NULL,
	`capital_en` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name_fa` text NOT NULL,
	`name_en` text NOT NULL,
	`summary_fa` text DEFAULT '' NOT NULL,
	`summary_en` text DEFAULT '' NOT NULL,
	`audience_fa` text DEFAULT '' NOT NULL,
	`audience_en` text DEFAULT '' NOT NULL,
	`how_fa` text DEFAULT '' NOT NULL,
	`how_en` text DEFAULT '' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `services_slug_unique` ON `services` (`slug`);--> statement-breakpoint
CREATE TABLE `staff_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_sessions_user_idx` ON `staff_sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`province_id` text,
	`active` integer DEFAULT true NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`province_id`) REFERENCES `provinces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_username_unique` ON `staff_users` (`username`);