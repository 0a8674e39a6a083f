CREATE INDEX `items_first_response_due_idx` ON `items` (`state`,`first_responded_at`,`first_response_due_at`,`escalation_level`);--> statement-breakpoint
CREATE INDEX `items_answer_due_idx` ON `items` (`state`,`answered_at`,`answer_due_at`,`escalation_level`);--> statement-breakpoint
CREATE INDEX `items_contact_expiry_idx` ON `items` (`contact_erased_at`,`closed_at`);