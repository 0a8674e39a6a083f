ALTER TABLE `items` ADD `paused_at` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `reopened_at` integer;--> statement-breakpoint
-- hand-written: items already waiting for the citizen were paused when they entered that state.
UPDATE `items` SET `paused_at` = `state_entered_at` WHERE `state` = 'awaiting_citizen';
