import { describe, expect, it } from "vitest";
import type { ContainerSummary } from "./domain";
import { countContainers } from "./host-summary";

const c = (state: ContainerSummary["state"], status = ""): ContainerSummary => ({
  id: Math.random().toString(36),
  endpointId: "e",
  name: "n",
  image: "i",
  state,
  status,
  ports: [],
  created: 0,
  labels: {},
});

describe("countContainers", () => {
  it("splits running, paused and stopped and counts unhealthy ones", () => {
    const n = countContainers([
      c("running", "Up 2 minutes (healthy)"),
      c("running", "Up 3 minutes (unhealthy)"),
      c("restarting"),
      c("paused", "Up 1 hour (Paused)"),
      c("exited", "Exited (0) 1 minute ago"),
      c("created"),
      c("dead"),
    ]);
    expect(n).toEqual({ total: 7, running: 3, stopped: 3, paused: 1, unhealthy: 1 });
  });

  it("is all zeros for an empty engine", () => {
    expect(countContainers([])).toEqual({ total: 0, running: 0, stopped: 0, paused: 0, unhealthy: 0 });
  });
});
