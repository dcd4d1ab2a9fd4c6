CREATE TABLE `stack_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`endpoint_id` text NOT NULL,
	`project` text NOT NULL,
	`repo_url` text NOT NULL,
	`token_sealed` text,
	`branch` text NOT NULL,
	`compose_path` text NOT NULL,
	`webhook_secret_sealed` text NOT NULL,
	`poll_seconds` integer NOT NULL,
	`last_commit` text,
	`last_checked_at` integer,
	`user_id` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stack_sources_project_idx` ON `stack_sources` (`endpoint_id`,`project`);--> statement-breakpoint
CREATE TABLE `stack_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`endpoint_id` text NOT NULL,
	`project` text NOT NULL,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`compose` text NOT NULL,
	`env_sealed` text NOT NULL,
	`working_dir` text NOT NULL,
	`outcome` text NOT NULL,
	`error` text,
	`log` text NOT NULL,
	`actor_name` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stack_versions_project_idx` ON `stack_versions` (`endpoint_id`,`project`,`version`);