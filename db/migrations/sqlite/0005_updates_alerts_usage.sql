CREATE TABLE `alert_channels` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`config` text NOT NULL,
	`secret` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alert_channels_name_unique` ON `alert_channels` (`name`);--> statement-breakpoint
CREATE TABLE `alert_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text,
	`rule_id` text,
	`rule_name` text NOT NULL,
	`channel_id` text NOT NULL,
	`event` text NOT NULL,
	`message` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `alert_deliveries_due_idx` ON `alert_deliveries` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `alert_incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`rule_id` text NOT NULL,
	`subject` text NOT NULL,
	`summary` text NOT NULL,
	`count` integer NOT NULL,
	`opened_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`resolve_at` integer,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE INDEX `alert_incidents_rule_idx` ON `alert_incidents` (`rule_id`,`subject`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `alert_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`endpoint_id` text NOT NULL,
	`name` text NOT NULL,
	`spec` text NOT NULL,
	`enabled` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `image_updates` (
	`endpoint_id` text NOT NULL,
	`container_id` text NOT NULL,
	`container_name` text NOT NULL,
	`image` text NOT NULL,
	`image_id` text NOT NULL,
	`state` text NOT NULL,
	`local_digest` text,
	`remote_digest` text,
	`detail` text,
	`checked_at` integer NOT NULL,
	PRIMARY KEY(`endpoint_id`, `container_id`)
);
--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL,
	`epoch` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `usage_points` (
	`endpoint_id` text NOT NULL,
	`container_id` text NOT NULL,
	`container_name` text NOT NULL,
	`project` text NOT NULL,
	`t` integer NOT NULL,
	`cpu_milli` integer NOT NULL,
	`mem` integer NOT NULL,
	PRIMARY KEY(`endpoint_id`, `container_id`, `t`)
);
--> statement-breakpoint
CREATE INDEX `usage_points_time_idx` ON `usage_points` (`t`);