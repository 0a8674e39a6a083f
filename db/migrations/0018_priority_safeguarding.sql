ALTER TABLE `items` ADD `priority` text DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE `items` ADD `safeguarding` integer DEFAULT false NOT NULL;