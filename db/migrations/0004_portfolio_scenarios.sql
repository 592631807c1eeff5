CREATE TABLE `portfolio_scenarios` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` integer NOT NULL,
	`name` text NOT NULL,
	`budget` integer NOT NULL,
	`quality_measure` text DEFAULT 'raw' NOT NULL,
	`rules` text DEFAULT '[]' NOT NULL,
	`pins` text DEFAULT '[]' NOT NULL,
	`exclusions` text DEFAULT '[]' NOT NULL,
	`created_by` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`adopted_at` integer,
	`adopted_by` integer,
	`result_input_hash` text,
	`result` text,
	`solved_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`adopted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `portfolio_scenarios_call_name_unique` ON `portfolio_scenarios` (`call_id`,`name`);--> statement-breakpoint
CREATE INDEX `portfolio_scenarios_call_idx` ON `portfolio_scenarios` (`call_id`);