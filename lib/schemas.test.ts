import { describe, expect, it } from "vitest";
import { containerActionInput, containerRef, endpointId, password, setupInput, signInInput, username } from "./schemas";

const ID64 = "4f2c0b5e8a1d7c3b9e6f0a2d4c8b1e3f5a7c9d0b2e4f6a8c1d3e5f7a9b0c2d4e";

describe("containerRef", () => {
  it("accepts full ids, short ids and names", () => {
    for (const ok of [ID64, ID64.slice(0, 12), "web", "web-1", "my_app.v2", "A1", "x".repeat(128)]) {
      expect(containerRef.safeParse(ok).success, ok).toBe(true);
    }
  });

  it("rejects path tricks, spaces, markup and option-like names", () => {
    for (const bad of [
      "",
      "../x",
      "..",
      "./x",
      "a/b",
      "a\\b",
      "a b",
      " web",
      "web ",
      "web\n",
      "<script>",
      "<script>alert(1)</script>",
      "-rf",
      ".hidden",
      "_x",
      "web%2F..",
      "a?b",
      "a#b",
      "x".repeat(129),
    ]) {
      const r = containerRef.safeParse(bad);
      expect(r.success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("names the problem in its message", () => {
    const r = containerRef.safeParse("../x");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("Not a container id or name");
  });

  it("rejects non-strings", () => {
    for (const bad of [undefined, null, 42, {}, ["web"]]) expect(containerRef.safeParse(bad).success).toBe(false);
  });
});

describe("endpointId and containerActionInput", () => {
  it("accept well-formed input and drop unknown keys", () => {
    const r = containerActionInput.safeParse({ endpointId: "local", containerId: "web", extra: "x" });
    expect(r.success).toBe(true);
    expect(r.data).toEqual({ endpointId: "local", containerId: "web" });
  });

  it("reject bad endpoint ids", () => {
    for (const bad of ["", "a.b", "../x", "a b", "x".repeat(65)]) {
      expect(endpointId.safeParse(bad).success, bad).toBe(false);
    }
    expect(containerActionInput.safeParse({ endpointId: "local" }).success).toBe(false);
    expect(containerActionInput.safeParse({ endpointId: "local", containerId: "../x" }).success).toBe(false);
  });
});

describe("username and password", () => {
  it("trims usernames and restricts their characters", () => {
    expect(username.parse("  admin  ")).toBe("admin");
    expect(username.parse("a.b_c-d@example")).toBe("a.b_c-d@example");
    expect(username.safeParse("   ").error?.issues[0]?.message).toBe("Username is required");
    expect(username.safeParse("a b").success).toBe(false);
    expect(username.safeParse("<b>").success).toBe(false);
    expect(username.safeParse("x".repeat(65)).error?.issues[0]?.message).toBe("Username is at most 64 characters");
  });

  it("bounds password length", () => {
    expect(password.safeParse("1234567").error?.issues[0]?.message).toBe("Password must be at least 8 characters");
    expect(password.safeParse("12345678").success).toBe(true);
    expect(password.safeParse("x".repeat(257)).success).toBe(false);
  });
});

describe("setupInput", () => {
  const valid = { token: "t0k3n", username: "admin", password: "correct horse", confirmPassword: "correct horse" };

  it("accepts matching passwords", () => {
    expect(setupInput.parse(valid)).toEqual(valid);
  });

  it("reports a mismatch on the confirmPassword path", () => {
    const r = setupInput.safeParse({ ...valid, confirmPassword: "correct horsE" });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]).toMatchObject({ path: ["confirmPassword"], message: "Passwords do not match" });
  });

  it("reports field errors on their own paths", () => {
    const r = setupInput.safeParse({ ...valid, username: "", password: "short", confirmPassword: "short" });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join("."));
    expect(paths).toContain("username");
    expect(paths).toContain("password");
  });

  it("requires a token", () => {
    expect(setupInput.safeParse({ ...valid, token: "" }).success).toBe(false);
    const { token: _omit, ...noToken } = valid;
    expect(setupInput.safeParse(noToken).success).toBe(false);
  });
});

describe("signInInput", () => {
  it("bounds lengths so huge bodies never reach the password hasher", () => {
    expect(signInInput.safeParse({ username: "admin", password: "x" }).success).toBe(true);
    expect(signInInput.safeParse({ username: "admin", password: "x".repeat(257) }).success).toBe(false);
    expect(signInInput.safeParse({ username: "u".repeat(65), password: "x" }).success).toBe(false);
  });
});
