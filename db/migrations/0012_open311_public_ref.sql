-- The Open311 API's own public reference for every item (never the tracking code). SQLite cannot add a NOT NULL
-- column without a default, nor with a random one: the column is added with '' and every existing item gets a
-- random reference at once, in the same format the app writes (`r` + 16 hex digits); the unique index then holds.
-- New items get theirs from the schema's $defaultFn.
ALTER TABLE `items` ADD `public_ref` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `items` SET `public_ref` = 'r' || lower(hex(randomblob(8)));--> statement-breakpoint
CREATE UNIQUE INDEX `items_public_ref_idx` ON `items` (`public_ref`);
