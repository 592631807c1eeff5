CREATE TABLE `agencies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`country` text NOT NULL,
	`currency` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agencies_name_unique` ON `agencies` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `agencies_one_home` ON `agencies` (`kind`) WHERE kind = 'home';--> statement-breakpoint
-- The home agency (the UK funder). Every existing staff account and decision belongs to it.
INSERT INTO `agencies` (`kind`, `name`, `country`, `currency`) VALUES ('home', 'Innovate UK', 'GB', 'GBP');--> statement-breakpoint
CREATE TABLE `release_confirmations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`confirmed_by` integer NOT NULL,
	`confirmed_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `release_confirmations_call_agency_unique` ON `release_confirmations` (`call_id`,`agency_id`);--> statement-breakpoint
-- SQLite cannot add a NOT NULL reference column, so decisions is rebuilt with its rows given to the home agency.
CREATE TABLE `__new_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`feedback` text NOT NULL,
	`decided_by` integer NOT NULL,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_decisions` (`id`, `proposal_id`, `agency_id`, `outcome`, `feedback`, `decided_by`, `decided_at`)
	SELECT `id`, `proposal_id`, (SELECT `id` FROM `agencies` WHERE `kind` = 'home'), `outcome`, `feedback`, `decided_by`, `decided_at` FROM `decisions`;--> statement-breakpoint
DROP TABLE `decisions`;--> statement-breakpoint
ALTER TABLE `__new_decisions` RENAME TO `decisions`;--> statement-breakpoint
CREATE UNIQUE INDEX `decisions_proposal_agency_unique` ON `decisions` (`proposal_id`,`agency_id`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `actor_agency_id` integer REFERENCES agencies(id);--> statement-breakpoint
ALTER TABLE `calls` ADD `partner_agency_id` integer REFERENCES agencies(id);--> statement-breakpoint
ALTER TABLE `calls` ADD `partner_budget` integer;--> statement-breakpoint
ALTER TABLE `calls` ADD `partner_assessors_required` integer;--> statement-breakpoint
ALTER TABLE `calls` ADD `exchange_rate` real;--> statement-breakpoint
ALTER TABLE `users` ADD `agency_id` integer REFERENCES agencies(id);--> statement-breakpoint
CREATE INDEX `users_agency_idx` ON `users` (`agency_id`);--> statement-breakpoint
UPDATE `users` SET `agency_id` = (SELECT `id` FROM `agencies` WHERE `kind` = 'home') WHERE `role` IN ('assessor', 'manager');--> statement-breakpoint
-- Staff (managers, assessors) belong to exactly one agency; bidders to none.
CREATE TRIGGER `users_agency_by_role_insert` BEFORE INSERT ON `users`
	WHEN (NEW.`role` = 'bidder') = (NEW.`agency_id` IS NOT NULL)
	BEGIN SELECT RAISE(ABORT, 'staff belong to exactly one agency and bidders to none'); END;--> statement-breakpoint
CREATE TRIGGER `users_agency_by_role_update` BEFORE UPDATE OF `role`, `agency_id` ON `users`
	WHEN (NEW.`role` = 'bidder') = (NEW.`agency_id` IS NOT NULL)
	BEGIN SELECT RAISE(ABORT, 'staff belong to exactly one agency and bidders to none'); END;