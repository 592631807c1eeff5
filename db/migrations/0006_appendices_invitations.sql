CREATE TABLE `appendix_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`slot_id` integer NOT NULL,
	`filename` text NOT NULL,
	`file_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`content` blob NOT NULL,
	`uploaded_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`slot_id`) REFERENCES `appendix_slots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appendix_files_proposal_idx` ON `appendix_files` (`proposal_id`);--> statement-breakpoint
CREATE TABLE `appendix_slots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` integer NOT NULL,
	`position` integer NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`hint` text DEFAULT '' NOT NULL,
	`required` integer DEFAULT true NOT NULL,
	`allowed_types` text DEFAULT '["pdf"]' NOT NULL,
	`max_bytes` integer DEFAULT 10485760 NOT NULL,
	`max_files` integer DEFAULT 1 NOT NULL,
	`per_partner` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appendix_slots_call_key_unique` ON `appendix_slots` (`call_id`,`key`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` integer NOT NULL,
	`assessor_id` integer NOT NULL,
	`invited_by` integer NOT NULL,
	`status` text DEFAULT 'invited' NOT NULL,
	`max_proposals` integer,
	`decline_reason` text,
	`decline_details` text DEFAULT '' NOT NULL,
	`invited_at` integer NOT NULL,
	`responded_at` integer,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_call_assessor_unique` ON `invitations` (`call_id`,`assessor_id`);--> statement-breakpoint
CREATE INDEX `invitations_assessor_idx` ON `invitations` (`assessor_id`);--> statement-breakpoint
ALTER TABLE `proposals` ADD `completed_tasks` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- Existing calls get the default appendix slots (lib/domain/appendices.ts DEFAULT_APPENDIX_SLOTS).
INSERT INTO `appendix_slots` (`call_id`, `position`, `key`, `name`, `hint`, `required`, `allowed_types`, `max_bytes`, `max_files`, `per_partner`)
SELECT `id`, 0, 'project-plan', 'Project plan (Gantt chart)', 'The work packages, milestones and deliverables over the project''s duration, as a Gantt chart.', 1, '["pdf"]', 10485760, 1, 0 FROM `calls`;
--> statement-breakpoint
INSERT INTO `appendix_slots` (`call_id`, `position`, `key`, `name`, `hint`, `required`, `allowed_types`, `max_bytes`, `max_files`, `per_partner`)
SELECT `id`, 1, 'letters-of-support', 'Letters of support', 'A signed letter from each international partner confirming its role and its commitment to the project.', 1, '["pdf"]', 10485760, 10, 1 FROM `calls`;

