import { z } from "zod";
import { PROJECT_NAME } from "./compose/project-labels";

// Inputs of the Compose stack actions (plain Docker endpoints), shared by actions, services and forms.

const endpointId = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "Not an endpoint id");
export const projectName = z
  .string()
  .regex(PROJECT_NAME, "Lower-case letters, digits, - and _ (at most 63), starting with a letter or digit");
const absPath = z
  .string()
  .max(1024)
  .regex(/^\/[^\0]*$/, "An absolute path on the engine's host");
export const pullPolicy = z.enum(["missing", "always", "never"]);

/** The project is called `stack`, as for Swarm stacks: one word for one idea across the app. */
export const deployComposeInput = z.object({
  endpointId,
  stack: projectName,
  compose: z.string().max(1024 * 1024, "A compose file of at most 1 MB"),
  envText: z
    .string()
    .max(256 * 1024, "An .env of at most 256 KB")
    .default(""),
  /** Where relative bind paths start on the engine's host; also what the Compose labels name as the project folder. */
  workingDir: absPath.optional(),
  pullPolicy: pullPolicy.optional(),
  removeOrphans: z.boolean().default(true),
  profiles: z
    .array(z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/))
    .max(50)
    .default([]),
  /** Taking over a project another tool deployed (history says "adopt"). */
  adopt: z.boolean().default(false),
});
export type DeployComposeInput = z.infer<typeof deployComposeInput>;

export const composeProjectInput = z.object({ endpointId, stack: projectName });

export const composeVerbInput = z.object({
  endpointId,
  stack: projectName,
  verb: z.enum(["start", "stop", "restart"]),
});
export type ComposeVerbInput = z.infer<typeof composeVerbInput>;

export const composeDownInput = z.object({ endpointId, stack: projectName, removeVolumes: z.boolean().default(false) });
export type ComposeDownInput = z.infer<typeof composeDownInput>;

/** Deploy a recorded version again: the current one (Pull and redeploy) or an older one (rollback). */
export const redeployComposeInput = z.object({
  endpointId,
  stack: projectName,
  version: z.number().int().positive().optional(),
  pullPolicy: pullPolicy.optional(),
});
export type RedeployComposeInput = z.infer<typeof redeployComposeInput>;

export const DEFAULT_STACKS_DIR = "/var/lib/berth/stacks";
export const defaultWorkingDir = (project: string) => `${DEFAULT_STACKS_DIR}/${project}`;

/** https://, or http:// to this machine only (a token must not cross a network in clear). */
const repoUrl = z
  .string()
  .max(2048)
  .url("A repository URL such as https://git.example.com/team/app.git")
  .refine(
    (u) => u.startsWith("https://") || /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//.test(u),
    "Use https:// (plain http:// only to this machine)",
  )
  .refine((u) => !/^[a-z]+:\/\/[^/]*@/.test(u), "Put the token in the token field, not in the URL");
/** A file inside the repository: relative, no `..`. */
const repoPath = z
  .string()
  .max(512)
  .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w./@+-]+$/, "A path inside the repository, such as deploy/docker-compose.yml");

export const gitSourceInput = z.object({
  endpointId,
  stack: projectName,
  repoUrl,
  /** Write-only: empty keeps the stored token. */
  token: z.string().max(4096).default(""),
  branch: z
    .string()
    .regex(/^[\w./-]{1,200}$/, "A branch name")
    .default("main"),
  composePath: repoPath.default("docker-compose.yml"),
  /** 0: no polling; else every this many seconds (1 minute to 1 day). */
  pollSeconds: z
    .number()
    .int()
    .refine((n) => n === 0 || (n >= 60 && n <= 86_400), "0 (off) or 60 to 86400 seconds")
    .default(0),
  workingDir: absPath.optional(),
});
export type GitSourceInput = z.infer<typeof gitSourceInput>;
