CREATE TABLE `call_data_changes` (
	`call_id` integer NOT NULL,
	`version` integer NOT NULL,
	`proposal_id` integer,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `call_data_changes_call_version_idx` ON `call_data_changes` (`call_id`,`version`);--> statement-breakpoint
-- Written by hand (drizzle-kit does not generate triggers): the triggers of 0009 again, each now
-- also recording, beside the version it raised, which proposal the write concerns (a null
-- proposal when it concerns the whole call: its settings, its rubric, an assessor's name or
-- agency), so a remembered ranking can re-read just those proposals
-- (lib/server/manage/ranking-memo.ts). Which writes raise a version is unchanged.
DROP TRIGGER `calls_data_version`;--> statement-breakpoint
DROP TRIGGER `rubric_criteria_data_version_insert`;--> statement-breakpoint
DROP TRIGGER `rubric_criteria_data_version_delete`;--> statement-breakpoint
DROP TRIGGER `rubric_criteria_data_version_update`;--> statement-breakpoint
DROP TRIGGER `proposals_data_version_insert`;--> statement-breakpoint
DROP TRIGGER `proposals_data_version_delete`;--> statement-breakpoint
DROP TRIGGER `proposals_data_version_update`;--> statement-breakpoint
DROP TRIGGER `assignments_data_version`;--> statement-breakpoint
DROP TRIGGER `assessments_data_version_insert`;--> statement-breakpoint
DROP TRIGGER `assessments_data_version_delete`;--> statement-breakpoint
DROP TRIGGER `assessments_data_version_update`;--> statement-breakpoint
DROP TRIGGER `users_data_version`;--> statement-breakpoint
-- The log keeps each call's last 1,000 versions (CALL_DATA_CHANGES_KEPT in db/ranking-rows.ts):
-- a ranking remembered further back is read whole anyway, and a bulk write stays a bounded log.
CREATE TRIGGER `call_data_changes_prune` AFTER UPDATE OF `version` ON `call_data_versions`
	BEGIN DELETE FROM `call_data_changes` WHERE `call_id` = NEW.`call_id` AND `version` <= NEW.`version` - 1000; END;--> statement-breakpoint
CREATE TRIGGER `calls_data_version` AFTER UPDATE OF `budget`, `assessors_required`, `overall_threshold`, `partner_agency_id`, `partner_budget`, `partner_assessors_required` ON `calls`
	WHEN OLD.`budget` IS NOT NEW.`budget` OR OLD.`assessors_required` IS NOT NEW.`assessors_required` OR OLD.`overall_threshold` IS NOT NEW.`overall_threshold`
		OR OLD.`partner_agency_id` IS NOT NEW.`partner_agency_id` OR OLD.`partner_budget` IS NOT NEW.`partner_budget` OR OLD.`partner_assessors_required` IS NOT NEW.`partner_assessors_required`
	BEGIN
		INSERT INTO `call_data_versions` (`call_id`, `version`) VALUES (NEW.`id`, 1) ON CONFLICT (`call_id`) DO UPDATE SET `version` = `version` + 1;
		INSERT INTO `call_data_changes` (`call_id`, `version`, `proposal_id`) SELECT `call_id`, `version`, NULL FROM `call_data_versions` WHERE `call_id` = NEW.`id`;
	END;--> statement-breakpoint
CREATE TRIGGER `rubric_criteria_data_version_insert` AFTER INSERT ON `rubric_criteria`
	BEGIN
		INSERT INTO `call_data_versions` (`call_id`, `version`) VALUES (NEW.`call_id`, 1) ON CONFLICT (`call_id`) DO UPDATE SET `version` = `version` + 1;
		INSERT INTO `call_data_changes` (`call_id`, `version`, `proposal_id`) SELECT `call_id`, `version`, NULL FROM `call_data_versions` WHERE `call_id` = NEW.`call_id`;
	END;--> statement-breakpoint
CREATE TRIGGER `rubric_criteria_data_version_delete` AFTER DELETE ON `rubric_criteria`
	BEGIN
		INSERT INTO `call_data_versions` (`call_id`, `version`) VALUES (OLD.`call_id`, 1) ON CONFLICT (`call_id`) DO UPDATE SET `version` = `version` + 1;
		INSERT INTO `call_data_changes` (`call_id`, `version`, `proposal_id`) SELECT `call_id`, `version`, NULL FROM `call_data_versions` WHERE `call_id` = OLD.`call_id`;
	END;--> statement-breakpoint
CREATE TRIGGER `rubric_criteria_data_version_update` AFTER UPDATE ON `rubric_criteria`
	WHEN OLD.`call_id` IS NOT NEW.`call_id` OR OLD.`position` IS NOT NEW.`position` OR OLD.`key` IS NOT NEW.`key` OR OLD.`title` IS NOT NEW.`title`
		OR OLD.`scale_min` IS NOT NEW.`scale_min` OR OLD.`scale_max` IS NOT NEW.`scale_max` OR OLD.`bands` IS NOT NEW.`bands`
		OR OLD.`weight` IS NOT NEW.`weight` OR OLD.`threshold` IS NOT NEW.`threshold`
	BEGIN
		INSERT INTO `call_data_versions` (`call_id`, `version`) VALUES (NEW.`call_id`, 1) ON CONFLICT (`call_id`) DO UPDATE SET `version` = `version` + 1;
		INSERT INTO `call_data_versions` (`call_id`, `version`) SELECT OLD.`call_id`, 1 WHERE OLD.`call_id` IS NOT NEW.`call_id` ON CONFLICT (`call_id`) DO UPDATE SET `version` = `version` + 1;
		INSERT INTO `call_data_changes` (`call_id`, `version`, `proposal_id`) SELECT `call_id`, `version`, NULL FROM `call_data_versions` WHERE `call_id` IN (OLD.`call_id`, NEW.`call_id`);
	END;--> statement-breakpoint
CREATE TRIGGER `proposals_data_version_insert` AFTER INSERT ON `proposals`
	WHEN NEW.`status` = 'submitted'
	BEGIN
		INSERT INTO `call_data_versions` (`call_id`, `version`) VALUES (NEW.`call_id`, 1) ON CONFLICT (`call_id`) DO UPDATE SET `version` = `version` + 1;
		INSERT INTO `call_data_changes` (`call_id`, `version`, `proposal_id`) SELECT `call_id`, `version`, NEW.`id` FROM `call_data_versions` WHERE `call_id` = NEW.`call_id`;
	END;--> statement-breakpoint
CREATE TRIGGER `proposals_data_version_delete` AFTER DELETE ON `proposals`
	WHEN OLD.`status` = 'submitted'
	BEGIN
		INSERT INTO `call_data_versions` (`call_id`, `version`) VALUES (OLD.`call_id`, 1) ON CONFLICT (`call_id`) DO UPDATE SET `version` = `version` + 1;
		INSERT INTO `call_data_changes` (`call_id`, `version`, `proposal_id`) SELECT `call_id`, `version`, OLD.`id` FROM `call_data_versions` WHERE `call_id` = OLD.`call_id`;
	END;--> statement-breakpoint
CREATE TRIGGER `proposals_data_version_update` AFTER UPDATE OF `status`, `answers`, `submitted_at`, `call_id` ON `proposals`
	WHEN (OLD.`status` = 'submitted' OR NEW.`status` = 'submitted')
		AND (OLD.`status` IS NOT NEW.`status` OR OLD.`answers` IS NOT NEW.`answers` OR OLD.`submitted_at` IS NOT NEW.`submitted_at` OR OLD.`call_id` IS NOT NEW.`call_id`)
	BEGIN
		INSERT INTO `call_data_versions` (`call_id`, `version`) VALUES (NEW.`call_id`, 1) ON CONFLICT (`call_id`) DO UPDATE SET `version` = `version` + 1;
		INSERT INTO `call_data_versions` (`call_id`, `version`) SELECT OLD.`call_id`, 1 WHERE OLD.`call_id` IS NOT NEW.`call_id` ON CONFLICT (`call_id`) DO UPDATE SET `version` = `version` + 1;
		INSERT INTO `call_data_changes` (`call_id`, `version`, `proposal_id`) SELECT `call_id`, `version`, NEW.`id` FROM `call_data_versions` WHERE `call_id` IN (OLD.`call_id`, NEW.`call_id`);
	END;--> statement-breakpoint
CREATE TRIGGER `assignments_data_version` AFTER UPDATE OF `proposal_id`, `assessor_id`, `removed_at`, `conflict_declaration` ON `assignments`
	WHEN (OLD.`proposal_id` IS NOT NEW.`proposal_id` OR OLD.`assessor_id` IS NOT NEW.`assessor_id`
			OR (OLD.`removed_at` IS NULL) IS NOT (NEW.`removed_at` IS NULL)
			OR (OLD.`conflict_declaration` IS 'conflict') IS NOT (NEW.`conflict_declaration` IS 'conflict'))
		AND EXISTS (SELECT 1 FROM `assessments` WHERE `assignment_id` = NEW.`id` AND `status` = 'submitted')
	BEGIN
		INSERT INTO `call_data_versions` (`call_id`, `version`) SELECT DISTINCT `call_id`, 1 FROM `proposals` WHERE `id` IN (OLD.`proposal_id`, NEW.`proposal_id`) ON CONFLICT (`call_id`) DO UPDATE SET `version` = `version` + 1;
		INSERT INTO `call_data_changes` (`call_id`, `version`, `proposal_id`) SELECT `p`.`call_id`, `v`.`version`, `p`.`id` FROM `proposals` `p` JOIN `call_data_versions` `v` ON `v`.`call_id` = `p`.`call_id`
			WHERE `p`.`id` IN (OLD.`proposal_id`, NEW.`proposal_id`);
	END;--> statement-breakpoint
CREATE TRIGGER `assessments_data_version_insert` AFTER INSERT ON `assessments`
	WHEN NEW.`status` = 'submitted'
	BEGIN
		INSERT INTO `call_data_versions` (`call_id`, `version`) SELECT `p`.`call_id`, 1 FROM `assignments` `a` JOIN `proposals` `p` ON `p`.`id` = `a`.`proposal_id`
			WHERE `a`.`id` = NEW.`assignment_id` AND `a`.`removed_at` IS NULL AND `a`.`conflict_declaration` IS NOT 'conflict' ON CONFLICT (`call_id`) DO UPDATE SET `version` = `version` + 1;
		INSERT INTO `call_data_changes` (`call_id`, `version`, `proposal_id`) SELECT `p`.`call_id`, `v`.`version`, `p`.`id` FROM `assignments` `a` JOIN `proposals` `p` ON `p`.`id` = `a`.`proposal_id`
			JOIN `call_data_versions` `v` ON `v`.`call_id` = `p`.`call_id`
			WHERE `a`.`id` = NEW.`assignment_id` AND `a`.`removed_at` IS NULL AND `a`.`conflict_declaration` IS NOT 'conflict';
	END;--> statement-breakpoint
CREATE TRIGGER `assessments_data_version_delete` AFTER DELETE ON `assessments`
	WHEN OLD.`status` = 'submitted'
	BEGIN
		INSERT INTO `call_data_versions` (`call_id`, `version`) SELECT `p`.`call_id`, 1 FROM `assignments` `a` JOIN `proposals` `p` ON `p`.`id` = `a`.`proposal_id`
			WHERE `a`.`id` = OLD.`assignment_id` AND `a`.`removed_at` IS NULL AND `a`.`conflict_declaration` IS NOT 'conflict' ON CONFLICT (`call_id`) DO UPDATE SET `version` = `version` + 1;
		INSERT INTO `call_data_changes` (`call_id`, `version`, `proposal_id`) SELECT `p`.`call_id`, `v`.`version`, `p`.`id` FROM `assignments` `a` JOIN `proposals` `p` ON `p`.`id` = `a`.`proposal_id`
			JOIN `call_data_versions` `v` ON `v`.`call_id` = `p`.`call_id`
			WHERE `a`.`id` = OLD.`assignment_id` AND `a`.`removed_at` IS NULL AND `a`.`conflict_declaration` IS NOT 'conflict';
	END;--> statement-breakpoint
CREATE TRIGGER `assessments_data_version_update` AFTER UPDATE OF `status`, `values`, `assignment_id` ON `assessments`
	WHEN (OLD.`status` = 'submitted' OR NEW.`status` = 'submitted')
		AND (OLD.`status` IS NOT NEW.`status` OR OLD.`assignment_id` IS NOT NEW.`assignment_id`
			OR json_extract(OLD.`values`, '$.scores') IS NOT json_extract(NEW.`values`, '$.scores')
			OR json_extract(OLD.`values`, '$.inScope') IS NOT json_extract(NEW.`values`, '$.inScope'))
	BEGIN
		INSERT INTO `call_data_versions` (`call_id`, `version`) SELECT DISTINCT `p`.`call_id`, 1 FROM `assignments` `a` JOIN `proposals` `p` ON `p`.`id` = `a`.`proposal_id`
			WHERE `a`.`id` IN (OLD.`assignment_id`, NEW.`assignment_id`) AND `a`.`removed_at` IS NULL AND `a`.`conflict_declaration` IS NOT 'conflict' ON CONFLICT (`call_id`) DO UPDATE SET `version` = `version` + 1;
		INSERT INTO `call_data_changes` (`call_id`, `version`, `proposal_id`) SELECT DISTINCT `p`.`call_id`, `v`.`version`, `p`.`id` FROM `assignments` `a` JOIN `proposals` `p` ON `p`.`id` = `a`.`proposal_id`
			JOIN `call_data_versions` `v` ON `v`.`call_id` = `p`.`call_id`
			WHERE `a`.`id` IN (OLD.`assignment_id`, NEW.`assignment_id`) AND `a`.`removed_at` IS NULL AND `a`.`conflict_declaration` IS NOT 'conflict';
	END;--> statement-breakpoint
CREATE TRIGGER `users_data_version` AFTER UPDATE OF `name`, `agency_id` ON `users`
	WHEN OLD.`name` IS NOT NEW.`name` OR OLD.`agency_id` IS NOT NEW.`agency_id`
	BEGIN
		INSERT INTO `call_data_versions` (`call_id`, `version`) SELECT DISTINCT `p`.`call_id`, 1 FROM `assignments` `a`
			JOIN `assessments` `s` ON `s`.`assignment_id` = `a`.`id` JOIN `proposals` `p` ON `p`.`id` = `a`.`proposal_id`
			WHERE `a`.`assessor_id` = NEW.`id` AND `s`.`status` = 'submitted' AND `a`.`removed_at` IS NULL AND `a`.`conflict_declaration` IS NOT 'conflict'
			ON CONFLICT (`call_id`) DO UPDATE SET `version` = `version` + 1;
		INSERT INTO `call_data_changes` (`call_id`, `version`, `proposal_id`) SELECT DISTINCT `p`.`call_id`, `v`.`version`, NULL FROM `assignments` `a`
			JOIN `assessments` `s` ON `s`.`assignment_id` = `a`.`id` JOIN `proposals` `p` ON `p`.`id` = `a`.`proposal_id`
			JOIN `call_data_versions` `v` ON `v`.`call_id` = `p`.`call_id`
			WHERE `a`.`assessor_id` = NEW.`id` AND `s`.`status` = 'submitted' AND `a`.`removed_at` IS NULL AND `a`.`conflict_declaration` IS NOT 'conflict';
	END;
