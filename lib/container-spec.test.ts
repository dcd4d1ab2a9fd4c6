import { describe, expect, it } from "vitest";
import { joinCommandLine, splitCommandLine } from "./command-line";
import { type ContainerSpecInput, containerSpec } from "./container-spec";

const errors = (input: Partial<ContainerSpecInput>) => {
  const r = containerSpec.safeParse({ image: "busybox", ...input });
  if (r.success) return {};
  const out: Record<string, string> = {};
  for (const i of r.error.issues) out[i.path.join(".")] ??= i.message;
  return out;
};

describe("command lines", () => {
  it("splits like a shell, without expanding anything", () => {
    expect(splitCommandLine(`sh -c 'echo "$HOME" && sleep 1'`)).toEqual(["sh", "-c", 'echo "$HOME" && sleep 1']);
    expect(splitCommandLine(`a\\ b "c \\"d\\"" ''`)).toEqual(["a b", 'c "d"', ""]);
    expect(splitCommandLine("  ")).toEqual([]);
    expect(splitCommandLine("echo 'open")).toBeNull();
  });
  it("joins so that splitting gives the same argv back", () => {
    for (const argv of [
      ["sleep", "3600"],
      ["sh", "-c", "echo 'hi' \"there\" $X; ls"],
      ["", "a b", "it's"],
    ])
      expect(splitCommandLine(joinCommandLine(argv))).toEqual(argv);
  });
});

describe("containerSpec validation", () => {
  it("accepts a full spec from form strings", () => {
    const r = containerSpec.parse({
      image: "127.0.0.1:5003/berth-test/busybox:latest",
      name: "web-1",
      command: "sleep 3600",
      env: ["A=1", "URL=postgres://u:p@h/db?x=1&y=2", "EMPTY=", "MULTI=line1\nline2 <script>"],
      labels: [{ key: "com.example.team", value: "<b>ops</b>" }],
      ports: [{ hostIp: "127.0.0.1", hostPort: "8080", containerPort: "80", protocol: "tcp" }],
      volumes: [{ type: "volume", source: "", target: "/data", readOnly: false }],
      restartPolicy: "on-failure",
      maxRetries: "3",
      memoryMb: "64",
      cpus: "0.5",
      workingDir: "",
      user: "1000:1000",
    });
    expect(r.ports[0]).toEqual({ hostIp: "127.0.0.1", hostPort: 8080, containerPort: 80, protocol: "tcp" });
    expect(r.maxRetries).toBe(3);
    expect(r.workingDir).toBeUndefined();
  });

  it("explains every kind of bad field", () => {
    expect(errors({ image: "" })).toEqual({ image: "Image is required" });
    expect(errors({ image: "Bad Image!" }).image).toMatch(/Not a valid image reference/);
    expect(errors({ name: "-x" }).name).toMatch(/Name must be/);
    expect(errors({ env: ["OK=1", "no equals sign"] })["env.1"]).toMatch(/KEY=VALUE/);
    expect(errors({ env: ["=value"] })["env.0"]).toMatch(/KEY=VALUE/);
    expect(errors({ ports: [{ hostPort: "99999", containerPort: "80" }] })["ports.0.hostPort"]).toMatch(
      /Host port must be a whole number from 1 to 65535/,
    );
    expect(errors({ ports: [{ containerPort: "http" }] })["ports.0.containerPort"]).toMatch(/Container port/);
    expect(errors({ ports: [{ containerPort: "" }] })["ports.0.containerPort"]).toMatch(/Container port/);
    expect(errors({ ports: [{ hostIp: "localhost", containerPort: "80" }] })["ports.0.hostIp"]).toMatch(/IPv4/);
    expect(errors({ ports: [{ containerPort: "80", protocol: "icmp" as "tcp" }] })["ports.0.protocol"]).toBeDefined();
    expect(errors({ volumes: [{ type: "bind", source: "etc", target: "/x" }] })["volumes.0.source"]).toMatch(
      /absolute/,
    );
    expect(errors({ volumes: [{ type: "volume", source: "a/b", target: "/x" }] })["volumes.0.source"]).toMatch(
      /Volume name/,
    );
    expect(errors({ volumes: [{ type: "volume", target: "x" }] })["volumes.0.target"]).toMatch(/absolute/);
    expect(errors({ restartPolicy: "always", autoRemove: true }).autoRemove).toMatch(/Auto-remove/);
    expect(errors({ maxRetries: "2" }).maxRetries).toMatch(/on-failure/);
    expect(errors({ memoryMb: "1" }).memoryMb).toMatch(/Memory/);
    expect(errors({ cpus: "lots" }).cpus).toMatch(/CPUs/);
    expect(errors({ command: "echo 'open" }).command).toBe("Command has an unclosed quote");
    expect(errors({ workingDir: "app" }).workingDir).toMatch(/absolute/);
    expect(
      errors({
        labels: [
          { key: "a", value: "1" },
          { key: "a", value: "2" },
        ],
      })["labels.1.key"],
    ).toBe("Duplicate label key");
    expect(errors({ env: ["NUL=a\0b"] })["env.0"]).toBeDefined();
  });
});
