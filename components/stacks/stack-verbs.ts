import type { StackSummary } from "@/lib/stacks";

export const STACK_VERB_LABEL = { start: "Start", stop: "Stop", restart: "Restart" } as const;

/** What a project's row offers: nothing for a project without containers, Start unless all run, the rest if any do. */
export function stackVerbs(s: StackSummary) {
  return (["start", "stop", "restart"] as const).filter((v) =>
    s.containers.length === 0 ? false : v === "start" ? s.state !== "running" : s.running > 0,
  );
}
