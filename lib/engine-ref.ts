// What may stand for an object in a Docker Engine API path. dockerode pastes ids and names into the path as they
// come ("/containers/" + id + "/stop"), so a value with "/", "?", "#", "%" or ".." in it would name another
// endpoint or add query parameters ("victim/kill?signal=KILL&x=" turns a start into a kill). Every path-building call
// of Berth's Docker clients checks its value here first (server/endpoints/docker/engine-budget.ts).

export type EngineObjectKind =
  | "container"
  | "image"
  | "network"
  | "volume"
  | "service"
  | "node"
  | "secret"
  | "config"
  | "task"
  | "exec"
  | "plugin";

/** Ids (hex) and names: a letter or digit, then letters, digits, "_", "." and "-". */
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/**
 * An image reference: [registry[:port]/]path[:tag][@algo:digest], or an id. Path components are lowercase letters
 * and digits joined by ".", "_", "__" or "-"; no empty, "." or ".." component.
 */
const IMAGE = /^[a-zA-Z0-9][a-zA-Z0-9_.:@/-]*$/;

const MAX = { image: 512, default: 255 } as const;

/** Why `ref` may not name an object of this kind in an engine path, or null when it may. */
export function engineRefProblem(kind: EngineObjectKind, ref: unknown): string | null {
  if (typeof ref !== "string" || ref.length === 0) return `a ${kind} id or name is required`;
  const max = kind === "image" || kind === "plugin" ? MAX.image : MAX.default;
  if (ref.length > max) return `a ${kind} id or name is at most ${max} characters`;
  if (kind === "image" || kind === "plugin") {
    if (!IMAGE.test(ref)) return `not a valid image reference`;
    if (ref.split("/").some((part) => part === "" || part === "." || part === ".."))
      return `not a valid image reference`;
    return null;
  }
  return NAME.test(ref) ? null : `not a valid ${kind} id or name`;
}

/** A value as a short quoted string for a message (control characters escaped by JSON). */
export function quoteRef(ref: unknown): string {
  const s = typeof ref === "string" ? ref : String(ref);
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);
}
