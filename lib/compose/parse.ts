import { type Document, isAlias, LineCounter, parseDocument, visit } from "yaml";
import type { z } from "zod";
import { ExtendsError, resolveExtends } from "./extends";
import { InterpolationError, interpolate } from "./interpolate";
import {
  type ComposeFile,
  type ComposeProject,
  composeProjectSchema,
  composeSchema,
  IGNORED_SERVICE_KEYS,
} from "./schema";

// Compose text -> a validated, interpolated ComposeFile, or one ComposeError that names the line. Pure (no I/O), so
// the same module serves Swarm stacks now and standalone Compose stacks later.

export const MAX_COMPOSE_BYTES = 1024 * 1024;
/** Aliases that may be expanded in one document: a few for shared settings, never a "billion laughs". */
export const MAX_ALIASES = 100;

export class ComposeError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line ? `line ${line}: ${message}` : message);
    this.name = "ComposeError";
  }
}

export interface ParsedCompose {
  file: ComposeFile;
  /** Things `docker stack deploy` would warn about: ignored keys, unset variables. */
  warnings: string[];
}

type Ranged = { range?: [number, number, number] };

/** The line of the deepest part of `path` that exists: the key in a mapping, the item in a sequence. */
function lineOf(doc: Document, lc: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n > 0; n--) {
    const parent = doc.getIn(path.slice(0, n - 1) as unknown[], true) as
      | { items?: ({ key?: { value?: unknown } & Ranged } & Ranged)[] }
      | undefined;
    const step = path[n - 1];
    const item =
      typeof step === "number" ? parent?.items?.[step] : parent?.items?.find((p) => p.key?.value === step)?.key;
    if (item?.range) return lc.linePos(item.range[0]).line;
  }
  return undefined;
}

function firstAliasLine(doc: Document, lc: LineCounter): number | undefined {
  let line: number | undefined;
  visit(doc, {
    Alias(_k, node) {
      if (isAlias(node) && node.range) line = lc.linePos(node.range[0]).line;
      return visit.BREAK;
    },
  });
  return line;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

export interface ParsedProject {
  file: ComposeProject;
  warnings: string[];
}

/** A Swarm stack (the default) or a standalone Compose project on one engine. */
export function parseCompose(text: string, env?: Readonly<Record<string, string>>): ParsedCompose;
export function parseCompose(
  text: string,
  env: Readonly<Record<string, string>>,
  opts: { kind: "project" },
): ParsedProject;
export function parseCompose(
  text: string,
  env: Readonly<Record<string, string>> = {},
  opts: { kind: "stack" | "project" } = { kind: "stack" },
): ParsedCompose | ParsedProject {
  // TextEncoder, not Buffer: the editor lints in the browser with this same function.
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_COMPOSE_BYTES)
    throw new ComposeError(`The compose file is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most 1 MB is accepted`);
  if (!text.trim()) throw new ComposeError("The compose file is empty");
  const lc = new LineCounter();
  // YAML 1.1, as the docker CLI reads compose files: `mode: 0400` is octal, `yes`/`no` are booleans.
  const doc = parseDocument(text, {
    lineCounter: lc,
    prettyErrors: true,
    uniqueKeys: true,
    merge: true,
    version: "1.1",
  });
  const err = doc.errors[0];
  if (err) throw new ComposeError(err.message.split(" at line")[0] ?? err.message, err.linePos?.[0]?.line);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    if (e instanceof ReferenceError)
      throw new ComposeError(
        "YAML aliases expand too much (refused as a resource exhaustion attack)",
        firstAliasLine(doc, lc),
      );
    throw new ComposeError((e as Error).message);
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    throw new ComposeError("A compose file is a mapping with a `services` key", 1);
  let interpolated: { value: unknown; missing: string[] };
  try {
    interpolated = interpolate(raw, env);
  } catch (e) {
    if (e instanceof InterpolationError) throw new ComposeError(e.message, lineOf(doc, lc, e.path));
    throw e;
  }
  const warnings = interpolated.missing.map((v) => `The variable ${v} is not set; it was replaced by an empty string`);
  if (opts.kind === "project") return validateProject(interpolated.value, doc, lc, warnings);
  const parsed = composeSchema.safeParse(interpolated.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ComposeError(describeIssue(issue), lineOf(doc, lc, issue.path));
  }
  for (const [name, svc] of Object.entries(parsed.data.services))
    for (const k of IGNORED_SERVICE_KEYS)
      if (svc[k] !== undefined) warnings.push(`Ignoring "${k}" of service ${name} (not used by a stack)`);
  return { file: parsed.data, warnings };
}

function validateProject(value: unknown, doc: Document, lc: LineCounter, warnings: string[]): ParsedProject {
  let resolved: unknown;
  try {
    resolved = resolveExtends(value);
  } catch (e) {
    if (e instanceof ExtendsError) throw new ComposeError(e.message, lineOf(doc, lc, e.path));
    throw e;
  }
  const parsed = composeProjectSchema.safeParse(resolved);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ComposeError(describeIssue(issue), lineOf(doc, lc, issue.path));
  }
  for (const [name, svc] of Object.entries(parsed.data.services)) {
    if (svc.build !== undefined && !svc.image)
      throw new ComposeError(
        `services.${name}.build: Berth does not build images (it deploys through the Engine API, with no builder); build and push the image, then name it under image:`,
        lineOf(doc, lc, ["services", name, "build"]),
      );
    if (!svc.image)
      throw new ComposeError(
        `services.${name}.image: every service needs an image`,
        lineOf(doc, lc, ["services", name]),
      );
    // With an image too, the file names what it builds: Berth uses that image as the engine has it, never pulled,
    // as `docker compose up --no-build` would (the deploy refuses if the engine does not have it).
    if (svc.build !== undefined)
      warnings.push(
        `services.${name}.build: not built (Berth has no builder); the image ${svc.image} is used as it is on the engine`,
      );
  }
  return { file: parsed.data, warnings };
}
