import { describe, expect, it } from "vitest";
import { createTeamInput, createTokenInput, createUserInput, setGrantInput } from "./access-schemas";

describe("access schemas", () => {
  it("reads the admin checkbox from forms and JSON alike", () => {
    const base = { username: "alice", password: "long-enough" };
    expect(createUserInput.parse({ ...base, isAdmin: "on" }).isAdmin).toBe(true);
    expect(createUserInput.parse({ ...base, isAdmin: true }).isAdmin).toBe(true);
    expect(createUserInput.parse(base).isAdmin).toBe(false);
    expect(createUserInput.safeParse({ ...base, isAdmin: "yes please" }).success).toBe(false);
  });
  it("accepts hostile-looking team names as text but no control characters", () => {
    expect(createTeamInput.parse({ name: ' <img src=x onerror="x()"> ' }).name).toBe('<img src=x onerror="x()">');
    expect(createTeamInput.safeParse({ name: "a\u0000b" }).success).toBe(false);
    expect(createTeamInput.safeParse({ name: "" }).success).toBe(false);
    expect(createTeamInput.safeParse({ name: "x".repeat(65) }).success).toBe(false);
  });
  it("knows only the two endpoint roles", () => {
    expect(setGrantInput.safeParse({ teamId: "t", endpointId: "local", role: "viewer" }).success).toBe(true);
    expect(setGrantInput.safeParse({ teamId: "t", endpointId: "local", role: "admin" }).success).toBe(false);
    expect(setGrantInput.safeParse({ teamId: "t", endpointId: "../x", role: "viewer" }).success).toBe(false);
  });
  it("bounds token expiry", () => {
    expect(createTokenInput.parse({ name: "ci", expiresInDays: "30" }).expiresInDays).toBe(30);
    expect(createTokenInput.safeParse({ name: "ci", expiresInDays: -1 }).success).toBe(false);
    expect(createTokenInput.safeParse({ name: "ci", expiresInDays: 99999 }).success).toBe(false);
  });
});
