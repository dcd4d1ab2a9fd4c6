import { describe, expect, it } from "vitest";
import { splitTaskContext, taskLabel } from "./swarm-logs";

describe("splitTaskContext", () => {
  it("takes the task and node ids off a line and keeps the text whole", () => {
    const line =
      "com.docker.swarm.node.id=n1abc,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t1xyz hello  world";
    expect(splitTaskContext(line)).toEqual({ text: "hello  world", task: "t1xyz", node: "n1abc" });
  });

  it("drops other details (log options may carry secrets) and unescapes values", () => {
    const line = "SECRET_TOKEN=abc%2Bdef,com.docker.swarm.node.id=n%2D1,com.docker.swarm.task.id=t1 x";
    const out = splitTaskContext(line);
    expect(out).toEqual({ text: "x", task: "t1", node: "n-1" });
    expect(JSON.stringify(out)).not.toContain("abc");
  });

  it("leaves a line without context alone, and an empty message empty", () => {
    expect(splitTaskContext("plain line with = sign")).toEqual({ text: "plain line with = sign" });
    expect(splitTaskContext("com.docker.swarm.task.id=t1")).toEqual({ text: "", task: "t1" });
  });
});

describe("taskLabel", () => {
  it("names a replicated task by slot and a global one by node, with the hostname", () => {
    expect(taskLabel("web", { id: "t1", slot: 2, nodeId: "n1" }, "t1", "node-1")).toBe("web.2@node-1");
    expect(taskLabel("agent", { id: "t2", nodeId: "abcdefghijklmnop" }, "t2", undefined)).toBe("agent.abcdefghijkl");
    expect(taskLabel("web", undefined, "t3xxxxxxxxxxxxxxx", "n")).toBe("web.t3xxxxxxxxxx@n");
  });
});
