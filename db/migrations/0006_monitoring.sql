CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`key_prefix` text NOT NULL,
	`created_by_staff_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`created_by_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `stat_current` (
	`owner` text NOT NULL,
	`center_id` integer NOT NULL,
	`state` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`owner`, `center_id`, `state`)
);
--> statement-breakpoint
CREATE TABLE `stat_daily` (
	`day` text NOT NULL,
	`owner` text NOT NULL,
	`center_id` integer NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`area` text NOT NULL,
	`received` integer DEFAULT 0 NOT NULL,
	`first_responses` integer DEFAULT 0 NOT NULL,
	`first_in_time` integer DEFAULT 0 NOT NULL,
	`answers` integer DEFAULT 0 NOT NULL,
	`answers_in_time` integer DEFAULT 0 NOT NULL,
	`ratings` integer DEFAULT 0 NOT NULL,
	`rating_sum` integer DEFAULT 0 NOT NULL,
	`appeals` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `owner`, `center_id`, `kind`, `channel`, `area`)
);
--> statement-breakpoint
CREATE TABLE `stat_durations` (
	`day` text NOT NULL,
	`owner` text NOT NULL,
	`center_id` integer NOT NULL,
	`measure` text NOT NULL,
	`bucket_hours` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`day`, `owner`, `center_id`, `measure`, `bucket_hours`)
);
--> statement-breakpoint
CREATE TABLE `worker_heartbeats` (
	`name` text PRIMARY KEY NOT NULL,
	`beat_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `items_created_idx` ON `items` (`created_at`);--> statement-breakpoint
-- Aggregates kept by triggers, in the same transaction as every item change (see db/schema.ts: stat_current,
-- stat_daily, stat_durations). Days are Tehran days (UTC+03:30, no daylight saving since 2022). The duration buckets
-- (hours) must match DURATION_BUCKETS in app/domain/stats.ts. A response, answer, rating or appeal counts for the
-- province that held the item just before it (OLD.owner_province_id): a transfer or an appeal moves the item in the
-- same update, but the work was that province's.
CREATE TRIGGER `stat_items_insert` AFTER INSERT ON `items` BEGIN
  INSERT INTO stat_current (owner, center_id, state, n) VALUES (coalesce(NEW.owner_province_id, 'national'), coalesce(NEW.center_id, 0), NEW.state, 1)
    ON CONFLICT (owner, center_id, state) DO UPDATE SET n = n + 1;
  INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, received) VALUES (date((NEW.created_at + 12600000) / 1000, 'unixepoch'), coalesce(NEW.owner_province_id, 'national'), coalesce(NEW.center_id, 0), NEW.kind, NEW.channel, coalesce(NEW.area, ''), 1)
    ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET received = received + excluded.received;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_items_move` AFTER UPDATE OF state, owner_province_id, center_id ON `items`
WHEN OLD.state IS NOT NEW.state OR OLD.owner_province_id IS NOT NEW.owner_province_id OR OLD.center_id IS NOT NEW.center_id BEGIN
  UPDATE stat_current SET n = n - 1 WHERE owner = coalesce(OLD.owner_province_id, 'national') AND center_id = coalesce(OLD.center_id, 0) AND state = OLD.state;
  INSERT INTO stat_current (owner, center_id, state, n) VALUES (coalesce(NEW.owner_province_id, 'national'), coalesce(NEW.center_id, 0), NEW.state, 1)
    ON CONFLICT (owner, center_id, state) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_items_appeal` AFTER UPDATE OF state ON `items`
WHEN NEW.state = 'appealed' AND OLD.state IS NOT 'appealed' BEGIN
  INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, appeals) VALUES (date((NEW.state_entered_at + 12600000) / 1000, 'unixepoch'), coalesce(OLD.owner_province_id, 'national'), coalesce(NEW.center_id, 0), NEW.kind, NEW.channel, coalesce(NEW.area, ''), 1)
    ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET appeals = appeals + excluded.appeals;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_items_first_response` AFTER UPDATE OF first_responded_at ON `items`
WHEN OLD.first_responded_at IS NULL AND NEW.first_responded_at IS NOT NULL BEGIN
  INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, first_responses, first_in_time) VALUES (date((NEW.first_responded_at + 12600000) / 1000, 'unixepoch'), coalesce(OLD.owner_province_id, 'national'), coalesce(NEW.center_id, 0), NEW.kind, NEW.channel, coalesce(NEW.area, ''), 1, (NEW.first_response_due_at IS NULL OR NEW.first_responded_at <= NEW.first_response_due_at))
    ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET first_responses = first_responses + excluded.first_responses, first_in_time = first_in_time + excluded.first_in_time;
  INSERT INTO stat_durations (day, owner, center_id, measure, bucket_hours, n) VALUES (date((NEW.first_responded_at + 12600000) / 1000, 'unixepoch'), coalesce(OLD.owner_province_id, 'national'), coalesce(NEW.center_id, 0), 'first_response', CASE WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 1 THEN 1 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 2 THEN 2 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 4 THEN 4 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 8 THEN 8 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 12 THEN 12 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 24 THEN 24 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 48 THEN 48 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 72 THEN 72 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 120 THEN 120 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 168 THEN 168 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 240 THEN 240 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 336 THEN 336 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 504 THEN 504 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 720 THEN 720 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 1440 THEN 1440 ELSE 100000 END, 1)
    ON CONFLICT (day, owner, center_id, measure, bucket_hours) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- The first answer counts; so does a redirection or a rejection, which end the item with a reasoned reply.
CREATE TRIGGER `stat_items_answer` AFTER UPDATE OF answered_at ON `items`
WHEN OLD.answered_at IS NULL AND NEW.answered_at IS NOT NULL BEGIN
  INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, answers, answers_in_time) VALUES (date((NEW.answered_at + 12600000) / 1000, 'unixepoch'), coalesce(OLD.owner_province_id, 'national'), coalesce(NEW.center_id, 0), NEW.kind, NEW.channel, coalesce(NEW.area, ''), 1, (NEW.answer_due_at IS NULL OR NEW.answered_at <= NEW.answer_due_at))
    ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET answers = answers + excluded.answers, answers_in_time = answers_in_time + excluded.answers_in_time;
  INSERT INTO stat_durations (day, owner, center_id, measure, bucket_hours, n) VALUES (date((NEW.answered_at + 12600000) / 1000, 'unixepoch'), coalesce(OLD.owner_province_id, 'national'), coalesce(NEW.center_id, 0), 'answer', CASE WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 1 THEN 1 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 2 THEN 2 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 4 THEN 4 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 8 THEN 8 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 12 THEN 12 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 24 THEN 24 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 48 THEN 48 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 72 THEN 72 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 120 THEN 120 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 168 THEN 168 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 240 THEN 240 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 336 THEN 336 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 504 THEN 504 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 720 THEN 720 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 1440 THEN 1440 ELSE 100000 END, 1)
    ON CONFLICT (day, owner, center_id, measure, bucket_hours) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_items_resolved` AFTER UPDATE OF state ON `items`
WHEN NEW.state IN ('redirected', 'rejected') AND OLD.state NOT IN ('redirected', 'rejected') AND NEW.answered_at IS NULL AND NEW.closed_at IS NOT NULL BEGIN
  INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, answers, answers_in_time) VALUES (date((NEW.closed_at + 12600000) / 1000, 'unixepoch'), coalesce(OLD.owner_province_id, 'national'), coalesce(NEW.center_id, 0), NEW.kind, NEW.channel, coalesce(NEW.area, ''), 1, (NEW.answer_due_at IS NULL OR NEW.closed_at <= NEW.answer_due_at))
    ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET answers = answers + excluded.answers, answers_in_time = answers_in_time + excluded.answers_in_time;
  INSERT INTO stat_durations (day, owner, center_id, measure, bucket_hours, n) VALUES (date((NEW.closed_at + 12600000) / 1000, 'unixepoch'), coalesce(OLD.owner_province_id, 'national'), coalesce(NEW.center_id, 0), 'answer', CASE WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 1 THEN 1 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 2 THEN 2 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 4 THEN 4 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 8 THEN 8 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 12 THEN 12 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 24 THEN 24 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 48 THEN 48 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 72 THEN 72 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 120 THEN 120 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 168 THEN 168 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 240 THEN 240 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 336 THEN 336 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 504 THEN 504 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 720 THEN 720 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 1440 THEN 1440 ELSE 100000 END, 1)
    ON CONFLICT (day, owner, center_id, measure, bucket_hours) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_items_rating` AFTER UPDATE OF rating ON `items`
WHEN OLD.rating IS NULL AND NEW.rating IS NOT NULL BEGIN
  INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, ratings, rating_sum) VALUES (date((NEW.updated_at + 12600000) / 1000, 'unixepoch'), coalesce(OLD.owner_province_id, 'national'), coalesce(NEW.center_id, 0), NEW.kind, NEW.channel, coalesce(NEW.area, ''), 1, NEW.rating)
    ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET ratings = ratings + excluded.ratings, rating_sum = rating_sum + excluded.rating_sum;
END;
--> statement-breakpoint
-- Rows written with these facts already set (imports, the benchmark's generator) count the same way.
CREATE TRIGGER `stat_items_insert_first_response` AFTER INSERT ON `items`
WHEN NEW.first_responded_at IS NOT NULL BEGIN
  INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, first_responses, first_in_time) VALUES (date((NEW.first_responded_at + 12600000) / 1000, 'unixepoch'), coalesce(NEW.owner_province_id, 'national'), coalesce(NEW.center_id, 0), NEW.kind, NEW.channel, coalesce(NEW.area, ''), 1, (NEW.first_response_due_at IS NULL OR NEW.first_responded_at <= NEW.first_response_due_at))
    ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET first_responses = first_responses + excluded.first_responses, first_in_time = first_in_time + excluded.first_in_time;
  INSERT INTO stat_durations (day, owner, center_id, measure, bucket_hours, n) VALUES (date((NEW.first_responded_at + 12600000) / 1000, 'unixepoch'), coalesce(NEW.owner_province_id, 'national'), coalesce(NEW.center_id, 0), 'first_response', CASE WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 1 THEN 1 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 2 THEN 2 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 4 THEN 4 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 8 THEN 8 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 12 THEN 12 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 24 THEN 24 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 48 THEN 48 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 72 THEN 72 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 120 THEN 120 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 168 THEN 168 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 240 THEN 240 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 336 THEN 336 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 504 THEN 504 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 720 THEN 720 WHEN ((NEW.first_responded_at) - (NEW.created_at)) / 3600000.0 <= 1440 THEN 1440 ELSE 100000 END, 1)
    ON CONFLICT (day, owner, center_id, measure, bucket_hours) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_items_insert_answer` AFTER INSERT ON `items`
WHEN NEW.answered_at IS NOT NULL BEGIN
  INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, answers, answers_in_time) VALUES (date((NEW.answered_at + 12600000) / 1000, 'unixepoch'), coalesce(NEW.owner_province_id, 'national'), coalesce(NEW.center_id, 0), NEW.kind, NEW.channel, coalesce(NEW.area, ''), 1, (NEW.answer_due_at IS NULL OR NEW.answered_at <= NEW.answer_due_at))
    ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET answers = answers + excluded.answers, answers_in_time = answers_in_time + excluded.answers_in_time;
  INSERT INTO stat_durations (day, owner, center_id, measure, bucket_hours, n) VALUES (date((NEW.answered_at + 12600000) / 1000, 'unixepoch'), coalesce(NEW.owner_province_id, 'national'), coalesce(NEW.center_id, 0), 'answer', CASE WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 1 THEN 1 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 2 THEN 2 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 4 THEN 4 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 8 THEN 8 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 12 THEN 12 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 24 THEN 24 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 48 THEN 48 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 72 THEN 72 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 120 THEN 120 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 168 THEN 168 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 240 THEN 240 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 336 THEN 336 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 504 THEN 504 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 720 THEN 720 WHEN ((NEW.answered_at) - (NEW.created_at)) / 3600000.0 <= 1440 THEN 1440 ELSE 100000 END, 1)
    ON CONFLICT (day, owner, center_id, measure, bucket_hours) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_items_insert_resolved` AFTER INSERT ON `items`
WHEN NEW.answered_at IS NULL AND NEW.state IN ('redirected', 'rejected') AND NEW.closed_at IS NOT NULL BEGIN
  INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, answers, answers_in_time) VALUES (date((NEW.closed_at + 12600000) / 1000, 'unixepoch'), coalesce(NEW.owner_province_id, 'national'), coalesce(NEW.center_id, 0), NEW.kind, NEW.channel, coalesce(NEW.area, ''), 1, (NEW.answer_due_at IS NULL OR NEW.closed_at <= NEW.answer_due_at))
    ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET answers = answers + excluded.answers, answers_in_time = answers_in_time + excluded.answers_in_time;
  INSERT INTO stat_durations (day, owner, center_id, measure, bucket_hours, n) VALUES (date((NEW.closed_at + 12600000) / 1000, 'unixepoch'), coalesce(NEW.owner_province_id, 'national'), coalesce(NEW.center_id, 0), 'answer', CASE WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 1 THEN 1 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 2 THEN 2 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 4 THEN 4 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 8 THEN 8 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 12 THEN 12 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 24 THEN 24 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 48 THEN 48 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 72 THEN 72 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 120 THEN 120 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 168 THEN 168 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 240 THEN 240 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 336 THEN 336 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 504 THEN 504 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 720 THEN 720 WHEN ((NEW.closed_at) - (NEW.created_at)) / 3600000.0 <= 1440 THEN 1440 ELSE 100000 END, 1)
    ON CONFLICT (day, owner, center_id, measure, bucket_hours) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_items_insert_rating` AFTER INSERT ON `items`
WHEN NEW.rating IS NOT NULL BEGIN
  INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, ratings, rating_sum) VALUES (date((NEW.updated_at + 12600000) / 1000, 'unixepoch'), coalesce(NEW.owner_province_id, 'national'), coalesce(NEW.center_id, 0), NEW.kind, NEW.channel, coalesce(NEW.area, ''), 1, NEW.rating)
    ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET ratings = ratings + excluded.ratings, rating_sum = rating_sum + excluded.rating_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_items_insert_appealed` AFTER INSERT ON `items`
WHEN NEW.state = 'appealed' BEGIN
  INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, appeals) VALUES (date((NEW.state_entered_at + 12600000) / 1000, 'unixepoch'), coalesce(NEW.owner_province_id, 'national'), coalesce(NEW.center_id, 0), NEW.kind, NEW.channel, coalesce(NEW.area, ''), 1)
    ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET appeals = appeals + excluded.appeals;
END;
--> statement-breakpoint
-- Items already there: the same figures, from their current rows (owner as it is now).
INSERT INTO stat_current (owner, center_id, state, n)
  SELECT coalesce(owner_province_id, 'national'), coalesce(center_id, 0), state, count(*) FROM items GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, received)
  SELECT date((created_at + 12600000) / 1000, 'unixepoch'), coalesce(owner_province_id, 'national'), coalesce(center_id, 0), kind, channel, coalesce(area, ''), count(*)
  FROM items WHERE true GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET received = received + excluded.received;
--> statement-breakpoint
INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, first_responses, first_in_time)
  SELECT date((first_responded_at + 12600000) / 1000, 'unixepoch'), coalesce(owner_province_id, 'national'), coalesce(center_id, 0), kind, channel, coalesce(area, ''), count(*), sum(first_response_due_at IS NULL OR first_responded_at <= first_response_due_at)
  FROM items WHERE first_responded_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET first_responses = first_responses + excluded.first_responses, first_in_time = first_in_time + excluded.first_in_time;
--> statement-breakpoint
INSERT INTO stat_durations (day, owner, center_id, measure, bucket_hours, n)
  SELECT date((first_responded_at + 12600000) / 1000, 'unixepoch'), coalesce(owner_province_id, 'national'), coalesce(center_id, 0), 'first_response', CASE WHEN ((first_responded_at) - (created_at)) / 3600000.0 <= 1 THEN 1 WHEN ((first_responded_at) - (created_at)) / 3600000.0 <= 2 THEN 2 WHEN ((first_responded_at) - (created_at)) / 3600000.0 <= 4 THEN 4 WHEN ((first_responded_at) - (created_at)) / 3600000.0 <= 8 THEN 8 WHEN ((first_responded_at) - (created_at)) / 3600000.0 <= 12 THEN 12 WHEN ((first_responded_at) - (created_at)) / 3600000.0 <= 24 THEN 24 WHEN ((first_responded_at) - (created_at)) / 3600000.0 <= 48 THEN 48 WHEN ((first_responded_at) - (created_at)) / 3600000.0 <= 72 THEN 72 WHEN ((first_responded_at) - (created_at)) / 3600000.0 <= 120 THEN 120 WHEN ((first_responded_at) - (created_at)) / 3600000.0 <= 168 THEN 168 WHEN ((first_responded_at) - (created_at)) / 3600000.0 <= 240 THEN 240 WHEN ((first_responded_at) - (created_at)) / 3600000.0 <= 336 THEN 336 WHEN ((first_responded_at) - (created_at)) / 3600000.0 <= 504 THEN 504 WHEN ((first_responded_at) - (created_at)) / 3600000.0 <= 720 THEN 720 WHEN ((first_responded_at) - (created_at)) / 3600000.0 <= 1440 THEN 1440 ELSE 100000 END, count(*)
  FROM items WHERE first_responded_at IS NOT NULL GROUP BY 1, 2, 3, 5
  ON CONFLICT (day, owner, center_id, measure, bucket_hours) DO UPDATE SET n = n + excluded.n;
--> statement-breakpoint
INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, answers, answers_in_time)
  SELECT date((answered_at + 12600000) / 1000, 'unixepoch'), coalesce(owner_province_id, 'national'), coalesce(center_id, 0), kind, channel, coalesce(area, ''), count(*), sum(answer_due_at IS NULL OR answered_at <= answer_due_at)
  FROM items WHERE answered_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET answers = answers + excluded.answers, answers_in_time = answers_in_time + excluded.answers_in_time;
--> statement-breakpoint
INSERT INTO stat_durations (day, owner, center_id, measure, bucket_hours, n)
  SELECT date((answered_at + 12600000) / 1000, 'unixepoch'), coalesce(owner_province_id, 'national'), coalesce(center_id, 0), 'answer', CASE WHEN ((answered_at) - (created_at)) / 3600000.0 <= 1 THEN 1 WHEN ((answered_at) - (created_at)) / 3600000.0 <= 2 THEN 2 WHEN ((answered_at) - (created_at)) / 3600000.0 <= 4 THEN 4 WHEN ((answered_at) - (created_at)) / 3600000.0 <= 8 THEN 8 WHEN ((answered_at) - (created_at)) / 3600000.0 <= 12 THEN 12 WHEN ((answered_at) - (created_at)) / 3600000.0 <= 24 THEN 24 WHEN ((answered_at) - (created_at)) / 3600000.0 <= 48 THEN 48 WHEN ((answered_at) - (created_at)) / 3600000.0 <= 72 THEN 72 WHEN ((answered_at) - (created_at)) / 3600000.0 <= 120 THEN 120 WHEN ((answered_at) - (created_at)) / 3600000.0 <= 168 THEN 168 WHEN ((answered_at) - (created_at)) / 3600000.0 <= 240 THEN 240 WHEN ((answered_at) - (created_at)) / 3600000.0 <= 336 THEN 336 WHEN ((answered_at) - (created_at)) / 3600000.0 <= 504 THEN 504 WHEN ((answered_at) - (created_at)) / 3600000.0 <= 720 THEN 720 WHEN ((answered_at) - (created_at)) / 3600000.0 <= 1440 THEN 1440 ELSE 100000 END, count(*)
  FROM items WHERE answered_at IS NOT NULL GROUP BY 1, 2, 3, 5
  ON CONFLICT (day, owner, center_id, measure, bucket_hours) DO UPDATE SET n = n + excluded.n;
--> statement-breakpoint
INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, answers, answers_in_time)
  SELECT date((closed_at + 12600000) / 1000, 'unixepoch'), coalesce(owner_province_id, 'national'), coalesce(center_id, 0), kind, channel, coalesce(area, ''), count(*), sum(answer_due_at IS NULL OR closed_at <= answer_due_at)
  FROM items WHERE answered_at IS NULL AND state IN ('redirected', 'rejected') AND closed_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET answers = answers + excluded.answers, answers_in_time = answers_in_time + excluded.answers_in_time;
--> statement-breakpoint
INSERT INTO stat_durations (day, owner, center_id, measure, bucket_hours, n)
  SELECT date((closed_at + 12600000) / 1000, 'unixepoch'), coalesce(owner_province_id, 'national'), coalesce(center_id, 0), 'answer', CASE WHEN ((closed_at) - (created_at)) / 3600000.0 <= 1 THEN 1 WHEN ((closed_at) - (created_at)) / 3600000.0 <= 2 THEN 2 WHEN ((closed_at) - (created_at)) / 3600000.0 <= 4 THEN 4 WHEN ((closed_at) - (created_at)) / 3600000.0 <= 8 THEN 8 WHEN ((closed_at) - (created_at)) / 3600000.0 <= 12 THEN 12 WHEN ((closed_at) - (created_at)) / 3600000.0 <= 24 THEN 24 WHEN ((closed_at) - (created_at)) / 3600000.0 <= 48 THEN 48 WHEN ((closed_at) - (created_at)) / 3600000.0 <= 72 THEN 72 WHEN ((closed_at) - (created_at)) / 3600000.0 <= 120 THEN 120 WHEN ((closed_at) - (created_at)) / 3600000.0 <= 168 THEN 168 WHEN ((closed_at) - (created_at)) / 3600000.0 <= 240 THEN 240 WHEN ((closed_at) - (created_at)) / 3600000.0 <= 336 THEN 336 WHEN ((closed_at) - (created_at)) / 3600000.0 <= 504 THEN 504 WHEN ((closed_at) - (created_at)) / 3600000.0 <= 720 THEN 720 WHEN ((closed_at) - (created_at)) / 3600000.0 <= 1440 THEN 1440 ELSE 100000 END, count(*)
  FROM items WHERE answered_at IS NULL AND state IN ('redirected', 'rejected') AND closed_at IS NOT NULL GROUP BY 1, 2, 3, 5
  ON CONFLICT (day, owner, center_id, measure, bucket_hours) DO UPDATE SET n = n + excluded.n;
--> statement-breakpoint
INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, ratings, rating_sum)
  SELECT date((updated_at + 12600000) / 1000, 'unixepoch'), coalesce(owner_province_id, 'national'), coalesce(center_id, 0), kind, channel, coalesce(area, ''), count(*), sum(rating)
  FROM items WHERE rating IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET ratings = ratings + excluded.ratings, rating_sum = rating_sum + excluded.rating_sum;
--> statement-breakpoint
INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, appeals)
  SELECT date((e.at + 12600000) / 1000, 'unixepoch'), coalesce(i.owner_province_id, 'national'), coalesce(i.center_id, 0), i.kind, i.channel, coalesce(i.area, ''), count(*)
  FROM item_events e JOIN items i ON i.id = e.item_id WHERE e.action = 'appeal' GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET appeals = appeals + excluded.appeals;
