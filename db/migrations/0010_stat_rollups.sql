CREATE TABLE `stat_duration_rollup` (
	`dimension` text NOT NULL,
	`measure` text NOT NULL,
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`owner` text NOT NULL,
	`value` text NOT NULL,
	`bucket_hours` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`dimension`, `measure`, `grain`, `period`, `owner`, `value`, `bucket_hours`)
);
--> statement-breakpoint
CREATE TABLE `stat_flow_rollup` (
	`dimension` text NOT NULL,
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`owner` text NOT NULL,
	`value` text NOT NULL,
	`received` integer DEFAULT 0 NOT NULL,
	`first_responses` integer DEFAULT 0 NOT NULL,
	`first_in_time` integer DEFAULT 0 NOT NULL,
	`answers` integer DEFAULT 0 NOT NULL,
	`answers_in_time` integer DEFAULT 0 NOT NULL,
	`ratings` integer DEFAULT 0 NOT NULL,
	`rating_sum` integer DEFAULT 0 NOT NULL,
	`appeals` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`dimension`, `grain`, `period`, `owner`, `value`)
);--> statement-breakpoint
-- Rollups of stat_daily and stat_durations (see db/schema.ts: stat_flow_rollup, stat_duration_rollup): per day and per
-- month, along one dimension at a time, kept by triggers on the fine tables so they change in the same transaction
-- as the item. First filled from what the fine tables hold now.
--> statement-breakpoint
INSERT INTO stat_flow_rollup (dimension, grain, period, owner, value, received, first_responses, first_in_time, answers, answers_in_time, ratings, rating_sum, appeals)
  SELECT 'all', 'day', day, owner, '', sum(received), sum(first_responses), sum(first_in_time), sum(answers), sum(answers_in_time), sum(ratings), sum(rating_sum), sum(appeals)
  FROM stat_daily GROUP BY day, owner;
--> statement-breakpoint
INSERT INTO stat_flow_rollup (dimension, grain, period, owner, value, received, first_responses, first_in_time, answers, answers_in_time, ratings, rating_sum, appeals)
  SELECT 'center', 'day', day, owner, CAST(center_id AS TEXT), sum(received), sum(first_responses), sum(first_in_time), sum(answers), sum(answers_in_time), sum(ratings), sum(rating_sum), sum(appeals)
  FROM stat_daily GROUP BY day, owner, CAST(center_id AS TEXT);
--> statement-breakpoint
INSERT INTO stat_flow_rollup (dimension, grain, period, owner, value, received, first_responses, first_in_time, answers, answers_in_time, ratings, rating_sum, appeals)
  SELECT 'channel', 'day', day, owner, channel, sum(received), sum(first_responses), sum(first_in_time), sum(answers), sum(answers_in_time), sum(ratings), sum(rating_sum), sum(appeals)
  FROM stat_daily GROUP BY day, owner, channel;
--> statement-breakpoint
INSERT INTO stat_flow_rollup (dimension, grain, period, owner, value, received, first_responses, first_in_time, answers, answers_in_time, ratings, rating_sum, appeals)
  SELECT 'area', 'day', day, owner, area, sum(received), sum(first_responses), sum(first_in_time), sum(answers), sum(answers_in_time), sum(ratings), sum(rating_sum), sum(appeals)
  FROM stat_daily GROUP BY day, owner, area;
--> statement-breakpoint
INSERT INTO stat_flow_rollup (dimension, grain, period, owner, value, received, first_responses, first_in_time, answers, answers_in_time, ratings, rating_sum, appeals)
  SELECT 'all', 'month', substr(day, 1, 7), owner, '', sum(received), sum(first_responses), sum(first_in_time), sum(answers), sum(answers_in_time), sum(ratings), sum(rating_sum), sum(appeals)
  FROM stat_daily GROUP BY substr(day, 1, 7), owner;
--> statement-breakpoint
INSERT INTO stat_flow_rollup (dimension, grain, period, owner, value, received, first_responses, first_in_time, answers, answers_in_time, ratings, rating_sum, appeals)
  SELECT 'center', 'month', substr(day, 1, 7), owner, CAST(center_id AS TEXT), sum(received), sum(first_responses), sum(first_in_time), sum(answers), sum(answers_in_time), sum(ratings), sum(rating_sum), sum(appeals)
  FROM stat_daily GROUP BY substr(day, 1, 7), owner, CAST(center_id AS TEXT);
--> statement-breakpoint
INSERT INTO stat_flow_rollup (dimension, grain, period, owner, value, received, first_responses, first_in_time, answers, answers_in_time, ratings, rating_sum, appeals)
  SELECT 'channel', 'month', substr(day, 1, 7), owner, channel, sum(received), sum(first_responses), sum(first_in_time), sum(answers), sum(answers_in_time), sum(ratings), sum(rating_sum), sum(appeals)
  FROM stat_daily GROUP BY substr(day, 1, 7), owner, channel;
--> statement-breakpoint
INSERT INTO stat_flow_rollup (dimension, grain, period, owner, value, received, first_responses, first_in_time, answers, answers_in_time, ratings, rating_sum, appeals)
  SELECT 'area', 'month', substr(day, 1, 7), owner, area, sum(received), sum(first_responses), sum(first_in_time), sum(answers), sum(answers_in_time), sum(ratings), sum(rating_sum), sum(appeals)
  FROM stat_daily GROUP BY substr(day, 1, 7), owner, area;
--> statement-breakpoint
INSERT INTO stat_duration_rollup (dimension, measure, grain, period, owner, value, bucket_hours, n)
  SELECT 'all', measure, 'day', day, owner, '', bucket_hours, sum(n)
  FROM stat_durations GROUP BY measure, day, owner, bucket_hours;
--> statement-breakpoint
INSERT INTO stat_duration_rollup (dimension, measure, grain, period, owner, value, bucket_hours, n)
  SELECT 'center', measure, 'day', day, owner, CAST(center_id AS TEXT), bucket_hours, sum(n)
  FROM stat_durations GROUP BY measure, day, owner, CAST(center_id AS TEXT), bucket_hours;
--> statement-breakpoint
INSERT INTO stat_duration_rollup (dimension, measure, grain, period, owner, value, bucket_hours, n)
  SELECT 'all', measure, 'month', substr(day, 1, 7), owner, '', bucket_hours, sum(n)
  FROM stat_durations GROUP BY measure, substr(day, 1, 7), owner, bucket_hours;
--> statement-breakpoint
INSERT INTO stat_duration_rollup (dimension, measure, grain, period, owner, value, bucket_hours, n)
  SELECT 'center', measure, 'month', substr(day, 1, 7), owner, CAST(center_id AS TEXT), bucket_hours, sum(n)
  FROM stat_durations GROUP BY measure, substr(day, 1, 7), owner, CAST(center_id AS TEXT), bucket_hours;
--> statement-breakpoint
CREATE TRIGGER `stat_daily_rollup_insert` AFTER INSERT ON `stat_daily` BEGIN
  INSERT INTO stat_flow_rollup (dimension, grain, period, owner, value, received, first_responses, first_in_time, answers, answers_in_time, ratings, rating_sum, appeals) VALUES
    ('all', 'day', NEW.day, NEW.owner, '', NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals),
    ('center', 'day', NEW.day, NEW.owner, CAST(NEW.center_id AS TEXT), NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals),
    ('channel', 'day', NEW.day, NEW.owner, NEW.channel, NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals),
    ('area', 'day', NEW.day, NEW.owner, NEW.area, NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals),
    ('all', 'month', substr(NEW.day, 1, 7), NEW.owner, '', NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals),
    ('center', 'month', substr(NEW.day, 1, 7), NEW.owner, CAST(NEW.center_id AS TEXT), NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals),
    ('channel', 'month', substr(NEW.day, 1, 7), NEW.owner, NEW.channel, NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals),
    ('area', 'month', substr(NEW.day, 1, 7), NEW.owner, NEW.area, NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals)
    ON CONFLICT (dimension, grain, period, owner, value) DO UPDATE SET received = received + excluded.received, first_responses = first_responses + excluded.first_responses, first_in_time = first_in_time + excluded.first_in_time, answers = answers + excluded.answers, answers_in_time = answers_in_time + excluded.answers_in_time, ratings = ratings + excluded.ratings, rating_sum = rating_sum + excluded.rating_sum, appeals = appeals + excluded.appeals;
END;
--> statement-breakpoint
-- An upsert into stat_daily that finds its row is an UPDATE: the rollups take the difference.
CREATE TRIGGER `stat_daily_rollup_update` AFTER UPDATE ON `stat_daily` WHEN OLD.day IS NEW.day AND OLD.owner IS NEW.owner AND OLD.center_id IS NEW.center_id AND OLD.kind IS NEW.kind AND OLD.channel IS NEW.channel AND OLD.area IS NEW.area BEGIN
  INSERT INTO stat_flow_rollup (dimension, grain, period, owner, value, received, first_responses, first_in_time, answers, answers_in_time, ratings, rating_sum, appeals) VALUES
    ('all', 'day', NEW.day, NEW.owner, '', NEW.received - OLD.received, NEW.first_responses - OLD.first_responses, NEW.first_in_time - OLD.first_in_time, NEW.answers - OLD.answers, NEW.answers_in_time - OLD.answers_in_time, NEW.ratings - OLD.ratings, NEW.rating_sum - OLD.rating_sum, NEW.appeals - OLD.appeals),
    ('center', 'day', NEW.day, NEW.owner, CAST(NEW.center_id AS TEXT), NEW.received - OLD.received, NEW.first_responses - OLD.first_responses, NEW.first_in_time - OLD.first_in_time, NEW.answers - OLD.answers, NEW.answers_in_time - OLD.answers_in_time, NEW.ratings - OLD.ratings, NEW.rating_sum - OLD.rating_sum, NEW.appeals - OLD.appeals),
    ('channel', 'day', NEW.day, NEW.owner, NEW.channel, NEW.received - OLD.received, NEW.first_responses - OLD.first_responses, NEW.first_in_time - OLD.first_in_time, NEW.answers - OLD.answers, NEW.answers_in_time - OLD.answers_in_time, NEW.ratings - OLD.ratings, NEW.rating_sum - OLD.rating_sum, NEW.appeals - OLD.appeals),
    ('area', 'day', NEW.day, NEW.owner, NEW.area, NEW.received - OLD.received, NEW.first_responses - OLD.first_responses, NEW.first_in_time - OLD.first_in_time, NEW.answers - OLD.answers, NEW.answers_in_time - OLD.answers_in_time, NEW.ratings - OLD.ratings, NEW.rating_sum - OLD.rating_sum, NEW.appeals - OLD.appeals),
    ('all', 'month', substr(NEW.day, 1, 7), NEW.owner, '', NEW.received - OLD.received, NEW.first_responses - OLD.first_responses, NEW.first_in_time - OLD.first_in_time, NEW.answers - OLD.answers, NEW.answers_in_time - OLD.answers_in_time, NEW.ratings - OLD.ratings, NEW.rating_sum - OLD.rating_sum, NEW.appeals - OLD.appeals),
    ('center', 'month', substr(NEW.day, 1, 7), NEW.owner, CAST(NEW.center_id AS TEXT), NEW.received - OLD.received, NEW.first_responses - OLD.first_responses, NEW.first_in_time - OLD.first_in_time, NEW.answers - OLD.answers, NEW.answers_in_time - OLD.answers_in_time, NEW.ratings - OLD.ratings, NEW.rating_sum - OLD.rating_sum, NEW.appeals - OLD.appeals),
    ('channel', 'month', substr(NEW.day, 1, 7), NEW.owner, NEW.channel, NEW.received - OLD.received, NEW.first_responses - OLD.first_responses, NEW.first_in_time - OLD.first_in_time, NEW.answers - OLD.answers, NEW.answers_in_time - OLD.answers_in_time, NEW.ratings - OLD.ratings, NEW.rating_sum - OLD.rating_sum, NEW.appeals - OLD.appeals),
    ('area', 'month', substr(NEW.day, 1, 7), NEW.owner, NEW.area, NEW.received - OLD.received, NEW.first_responses - OLD.first_responses, NEW.first_in_time - OLD.first_in_time, NEW.answers - OLD.answers, NEW.answers_in_time - OLD.answers_in_time, NEW.ratings - OLD.ratings, NEW.rating_sum - OLD.rating_sum, NEW.appeals - OLD.appeals)
    ON CONFLICT (dimension, grain, period, owner, value) DO UPDATE SET received = received + excluded.received, first_responses = first_responses + excluded.first_responses, first_in_time = first_in_time + excluded.first_in_time, answers = answers + excluded.answers, answers_in_time = answers_in_time + excluded.answers_in_time, ratings = ratings + excluded.ratings, rating_sum = rating_sum + excluded.rating_sum, appeals = appeals + excluded.appeals;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_daily_rollup_move` AFTER UPDATE ON `stat_daily` WHEN NOT (OLD.day IS NEW.day AND OLD.owner IS NEW.owner AND OLD.center_id IS NEW.center_id AND OLD.kind IS NEW.kind AND OLD.channel IS NEW.channel AND OLD.area IS NEW.area) BEGIN
  INSERT INTO stat_flow_rollup (dimension, grain, period, owner, value, received, first_responses, first_in_time, answers, answers_in_time, ratings, rating_sum, appeals) VALUES
    ('all', 'day', OLD.day, OLD.owner, '', -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals),
    ('center', 'day', OLD.day, OLD.owner, CAST(OLD.center_id AS TEXT), -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals),
    ('channel', 'day', OLD.day, OLD.owner, OLD.channel, -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals),
    ('area', 'day', OLD.day, OLD.owner, OLD.area, -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals),
    ('all', 'month', substr(OLD.day, 1, 7), OLD.owner, '', -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals),
    ('center', 'month', substr(OLD.day, 1, 7), OLD.owner, CAST(OLD.center_id AS TEXT), -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals),
    ('channel', 'month', substr(OLD.day, 1, 7), OLD.owner, OLD.channel, -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals),
    ('area', 'month', substr(OLD.day, 1, 7), OLD.owner, OLD.area, -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals)
    ON CONFLICT (dimension, grain, period, owner, value) DO UPDATE SET received = received + excluded.received, first_responses = first_responses + excluded.first_responses, first_in_time = first_in_time + excluded.first_in_time, answers = answers + excluded.answers, answers_in_time = answers_in_time + excluded.answers_in_time, ratings = ratings + excluded.ratings, rating_sum = rating_sum + excluded.rating_sum, appeals = appeals + excluded.appeals;
  INSERT INTO stat_flow_rollup (dimension, grain, period, owner, value, received, first_responses, first_in_time, answers, answers_in_time, ratings, rating_sum, appeals) VALUES
    ('all', 'day', NEW.day, NEW.owner, '', NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals),
    ('center', 'day', NEW.day, NEW.owner, CAST(NEW.center_id AS TEXT), NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals),
    ('channel', 'day', NEW.day, NEW.owner, NEW.channel, NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals),
    ('area', 'day', NEW.day, NEW.owner, NEW.area, NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals),
    ('all', 'month', substr(NEW.day, 1, 7), NEW.owner, '', NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals),
    ('center', 'month', substr(NEW.day, 1, 7), NEW.owner, CAST(NEW.center_id AS TEXT), NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals),
    ('channel', 'month', substr(NEW.day, 1, 7), NEW.owner, NEW.channel, NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals),
    ('area', 'month', substr(NEW.day, 1, 7), NEW.owner, NEW.area, NEW.received, NEW.first_responses, NEW.first_in_time, NEW.answers, NEW.answers_in_time, NEW.ratings, NEW.rating_sum, NEW.appeals)
    ON CONFLICT (dimension, grain, period, owner, value) DO UPDATE SET received = received + excluded.received, first_responses = first_responses + excluded.first_responses, first_in_time = first_in_time + excluded.first_in_time, answers = answers + excluded.answers, answers_in_time = answers_in_time + excluded.answers_in_time, ratings = ratings + excluded.ratings, rating_sum = rating_sum + excluded.rating_sum, appeals = appeals + excluded.appeals;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_daily_rollup_delete` AFTER DELETE ON `stat_daily` BEGIN
  INSERT INTO stat_flow_rollup (dimension, grain, period, owner, value, received, first_responses, first_in_time, answers, answers_in_time, ratings, rating_sum, appeals) VALUES
    ('all', 'day', OLD.day, OLD.owner, '', -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals),
    ('center', 'day', OLD.day, OLD.owner, CAST(OLD.center_id AS TEXT), -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals),
    ('channel', 'day', OLD.day, OLD.owner, OLD.channel, -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals),
    ('area', 'day', OLD.day, OLD.owner, OLD.area, -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals),
    ('all', 'month', substr(OLD.day, 1, 7), OLD.owner, '', -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals),
    ('center', 'month', substr(OLD.day, 1, 7), OLD.owner, CAST(OLD.center_id AS TEXT), -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals),
    ('channel', 'month', substr(OLD.day, 1, 7), OLD.owner, OLD.channel, -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals),
    ('area', 'month', substr(OLD.day, 1, 7), OLD.owner, OLD.area, -OLD.received, -OLD.first_responses, -OLD.first_in_time, -OLD.answers, -OLD.answers_in_time, -OLD.ratings, -OLD.rating_sum, -OLD.appeals)
    ON CONFLICT (dimension, grain, period, owner, value) DO UPDATE SET received = received + excluded.received, first_responses = first_responses + excluded.first_responses, first_in_time = first_in_time + excluded.first_in_time, answers = answers + excluded.answers, answers_in_time = answers_in_time + excluded.answers_in_time, ratings = ratings + excluded.ratings, rating_sum = rating_sum + excluded.rating_sum, appeals = appeals + excluded.appeals;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_durations_rollup_insert` AFTER INSERT ON `stat_durations` BEGIN
  INSERT INTO stat_duration_rollup (dimension, measure, grain, period, owner, value, bucket_hours, n) VALUES
    ('all', NEW.measure, 'day', NEW.day, NEW.owner, '', NEW.bucket_hours, NEW.n),
    ('center', NEW.measure, 'day', NEW.day, NEW.owner, CAST(NEW.center_id AS TEXT), NEW.bucket_hours, NEW.n),
    ('all', NEW.measure, 'month', substr(NEW.day, 1, 7), NEW.owner, '', NEW.bucket_hours, NEW.n),
    ('center', NEW.measure, 'month', substr(NEW.day, 1, 7), NEW.owner, CAST(NEW.center_id AS TEXT), NEW.bucket_hours, NEW.n)
    ON CONFLICT (dimension, measure, grain, period, owner, value, bucket_hours) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_durations_rollup_update` AFTER UPDATE ON `stat_durations` WHEN OLD.day IS NEW.day AND OLD.owner IS NEW.owner AND OLD.center_id IS NEW.center_id AND OLD.measure IS NEW.measure AND OLD.bucket_hours IS NEW.bucket_hours BEGIN
  INSERT INTO stat_duration_rollup (dimension, measure, grain, period, owner, value, bucket_hours, n) VALUES
    ('all', NEW.measure, 'day', NEW.day, NEW.owner, '', NEW.bucket_hours, NEW.n - OLD.n),
    ('center', NEW.measure, 'day', NEW.day, NEW.owner, CAST(NEW.center_id AS TEXT), NEW.bucket_hours, NEW.n - OLD.n),
    ('all', NEW.measure, 'month', substr(NEW.day, 1, 7), NEW.owner, '', NEW.bucket_hours, NEW.n - OLD.n),
    ('center', NEW.measure, 'month', substr(NEW.day, 1, 7), NEW.owner, CAST(NEW.center_id AS TEXT), NEW.bucket_hours, NEW.n - OLD.n)
    ON CONFLICT (dimension, measure, grain, period, owner, value, bucket_hours) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_durations_rollup_move` AFTER UPDATE ON `stat_durations` WHEN NOT (OLD.day IS NEW.day AND OLD.owner IS NEW.owner AND OLD.center_id IS NEW.center_id AND OLD.measure IS NEW.measure AND OLD.bucket_hours IS NEW.bucket_hours) BEGIN
  INSERT INTO stat_duration_rollup (dimension, measure, grain, period, owner, value, bucket_hours, n) VALUES
    ('all', OLD.measure, 'day', OLD.day, OLD.owner, '', OLD.bucket_hours, -OLD.n),
    ('center', OLD.measure, 'day', OLD.day, OLD.owner, CAST(OLD.center_id AS TEXT), OLD.bucket_hours, -OLD.n),
    ('all', OLD.measure, 'month', substr(OLD.day, 1, 7), OLD.owner, '', OLD.bucket_hours, -OLD.n),
    ('center', OLD.measure, 'month', substr(OLD.day, 1, 7), OLD.owner, CAST(OLD.center_id AS TEXT), OLD.bucket_hours, -OLD.n)
    ON CONFLICT (dimension, measure, grain, period, owner, value, bucket_hours) DO UPDATE SET n = n + excluded.n;
  INSERT INTO stat_duration_rollup (dimension, measure, grain, period, owner, value, bucket_hours, n) VALUES
    ('all', NEW.measure, 'day', NEW.day, NEW.owner, '', NEW.bucket_hours, NEW.n),
    ('center', NEW.measure, 'day', NEW.day, NEW.owner, CAST(NEW.center_id AS TEXT), NEW.bucket_hours, NEW.n),
    ('all', NEW.measure, 'month', substr(NEW.day, 1, 7), NEW.owner, '', NEW.bucket_hours, NEW.n),
    ('center', NEW.measure, 'month', substr(NEW.day, 1, 7), NEW.owner, CAST(NEW.center_id AS TEXT), NEW.bucket_hours, NEW.n)
    ON CONFLICT (dimension, measure, grain, period, owner, value, bucket_hours) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_durations_rollup_delete` AFTER DELETE ON `stat_durations` BEGIN
  INSERT INTO stat_duration_rollup (dimension, measure, grain, period, owner, value, bucket_hours, n) VALUES
    ('all', OLD.measure, 'day', OLD.day, OLD.owner, '', OLD.bucket_hours, -OLD.n),
    ('center', OLD.measure, 'day', OLD.day, OLD.owner, CAST(OLD.center_id AS TEXT), OLD.bucket_hours, -OLD.n),
    ('all', OLD.measure, 'month', substr(OLD.day, 1, 7), OLD.owner, '', OLD.bucket_hours, -OLD.n),
    ('center', OLD.measure, 'month', substr(OLD.day, 1, 7), OLD.owner, CAST(OLD.center_id AS TEXT), OLD.bucket_hours, -OLD.n)
    ON CONFLICT (dimension, measure, grain, period, owner, value, bucket_hours) DO UPDATE SET n = n + excluded.n;
END;
