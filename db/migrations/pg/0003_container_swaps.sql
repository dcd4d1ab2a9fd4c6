CREATE TABLE "container_swaps" (
	"id" text PRIMARY KEY NOT NULL,
	"endpoint_id" text NOT NULL,
	"name" text NOT NULL,
	"old_id" text NOT NULL,
	"new_id" text,
	"old_side_name" text NOT NULL,
	"new_side_name" text NOT NULL,
	"was_running" boolean NOT NULL,
	"step" text NOT NULL,
	"action" text NOT NULL,
	"actor_name" text NOT NULL,
	"owner" text NOT NULL,
	"started_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
