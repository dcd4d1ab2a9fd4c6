// The labels Compose itself puts on what it creates (docker-compose 1.x and Compose v2 alike), so `docker compose
// ls/ps`, `docker-compose ps` and Berth each find the others' projects.

export const COMPOSE_LABEL = {
  project: "com.docker.compose.project",
  service: "com.docker.compose.service",
  number: "com.docker.compose.container-number",
  oneoff: "com.docker.compose.oneoff",
  hash: "com.docker.compose.config-hash",
  workingDir: "com.docker.compose.project.working_dir",
  configFiles: "com.docker.compose.project.config_files",
  version: "com.docker.compose.version",
  network: "com.docker.compose.network",
  volume: "com.docker.compose.volume",
} as const;

/** What Berth writes as the Compose version label: its own name, so nobody mistakes it for a Compose release. */
export const BERTH_COMPOSE_VERSION = "berth-0.1.0";

/** A project name as Compose normalizes it: lower case, letters, digits, - and _. */
export const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Compose labels that name the tool or the moment, not the container's settings (left out of comparisons). */
export const TOOL_LABELS = new Set<string>([
  COMPOSE_LABEL.hash,
  COMPOSE_LABEL.version,
  COMPOSE_LABEL.configFiles,
  COMPOSE_LABEL.workingDir,
  "com.docker.compose.project.environment_file",
  "com.docker.compose.depends_on",
  "com.docker.compose.image",
  "com.docker.compose.replace",
]);
