import { describe, expect, it } from "vitest";
import type { ContainerSummary } from "./domain";
import { groupStacks } from "./stacks";

const ctr = (
  name: string,
  labels: Record<string, string>,
  state: ContainerSummary["state"] = "running",
): ContainerSummary => ({
  id: name,
  endpointId: "local",
  name,
  image: "img",
  state,
  status: "",
  ports: [],
  created: 0,
  labels,
});

describe("groupStacks", () => {
  it("groups by the compose project label, tells who made it and joins Berth's records", () => {
    const p = (project: string, service: string, version: string) => ({
      "com.docker.compose.project": project,
      "com.docker.compose.service": service,
      "com.docker.compose.version": version,
      "com.docker.compose.project.working_dir": `/srv/${project}`,
    });
    const stacks = groupStacks(
      [
        ctr("a-web-1", p("a", "web", "1.29.2")),
        ctr("a-db-1", p("a", "db", "1.29.2"), "exited"),
        ctr("b-web-1", p("b", "web", "berth-0.1.0")),
        ctr("plain", {}),
        ctr("a-run", { ...p("a", "web", "1.29.2"), "com.docker.compose.oneoff": "True" }),
      ],
      [
        {
          endpointId: "local",
          project: "b",
          version: 2,
          outcome: "done",
          workingDir: "/x",
          startedAt: 1,
          actorName: "ann",
        },
        {
          endpointId: "local",
          project: "c",
          version: 1,
          outcome: "failed",
          workingDir: "/y",
          startedAt: 1,
          actorName: "ann",
        },
      ],
    );
    expect(stacks.map((s) => [s.project, s.source, s.state, s.services.join(",")])).toEqual([
      ["a", "docker-compose 1.29.2", "partial", "db,web"],
      ["b", "Berth", "running", "web"],
      ["c", "Berth", "empty", ""],
    ]);
    expect(stacks[0]?.workingDir).toBe("/srv/a");
    expect(stacks[1]?.record?.version).toBe(2);
  });
});
