CREATE TABLE `lotteries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` integer NOT NULL,
	`status` text DEFAULT 'committed' NOT NULL,
	`seed` text NOT NULL,
	`seed_sha256` text NOT NULL,
	`entries` text NOT NULL,
	`remaining_budget` integer NOT NULL,
	`draw_order` text,
	`funded` text,
	`reserve` text,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`drawn_at` integer,
	`superseded_at` integer,
	`redo_reason` text,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lotteries_call_idx` ON `lotteries` (`call_id`);--> statement-breakpoint
ALTER TABLE `calls` ADD `lottery_enabled` integer DEFAULT false NOT NULL;