import { describe, expect, it } from "vitest";
import { inScope, quietUntil, signalFor } from "./alert-eval";
import { type AlertMessage, emailOf, ntfyRequest, slackBody, teamsBody, titleOf, webhookBody } from "./alert-format";

const ev = (action: string, attributes: Record<string, string> = {}, time = 100_000) => ({
  type: "container",
  action,
  name: "web",
  attributes,
  time,
});

describe("signalFor", () => {
  it("fires on a non-zero exit that no stop or kill caused, and recovers on start", () => {
    expect(signalFor("die", ev("die", { exitCode: "3" }))).toEqual({
      kind: "problem",
      summary: "web died with exit code 3",
    });
    expect(signalFor("die", ev("die", { exitCode: "0" }))).toBeNull();
    expect(signalFor("die", ev("die", { exitCode: "137" }), { killedAt: 95_000 })).toBeNull();
    expect(signalFor("die", ev("die", { exitCode: "137" }), { killedAt: 10_000 })).not.toBeNull();
    expect(signalFor("die", ev("start"))).toEqual({ kind: "recovered" });
    expect(signalFor("die", ev("destroy"))).toEqual({ kind: "recovered" });
  });
  it("reads OOM, health status and restart loops", () => {
    expect(signalFor("oom", ev("oom"))).toMatchObject({ summary: "web was killed for lack of memory (OOM)" });
    expect(signalFor("unhealthy", ev("health_status: unhealthy"))).toMatchObject({ summary: "web is unhealthy" });
    expect(signalFor("unhealthy", ev("health_status: healthy"))).toEqual({ kind: "recovered" });
    expect(signalFor("unhealthy", ev("health_status: starting"))).toBeNull();
    const rule = { count: 3, windowMinutes: 5 };
    expect(signalFor("restart-loop", ev("die", { exitCode: "1" }), { restarts: 2, rule })).toBeNull();
    expect(signalFor("restart-loop", ev("die", { exitCode: "1" }), { restarts: 3, rule })).toMatchObject({
      summary: "web restarted 3 times in 5 min",
    });
    expect(signalFor("cpu", ev("die", { exitCode: "1" }))).toBeNull();
  });
});

describe("inScope", () => {
  it("matches compose project and label selector", () => {
    const labels = { "com.docker.compose.project": "shop", tier: "web" };
    expect(inScope({ project: "", label: "" }, labels)).toBe(true);
    expect(inScope({ project: "shop", label: "tier=web" }, labels)).toBe(true);
    expect(inScope({ project: "blog", label: "" }, labels)).toBe(false);
    expect(inScope({ project: "", label: "tier=db" }, labels)).toBe(false);
    expect(inScope({ project: "", label: "tier" }, labels)).toBe(true);
    expect(inScope({ project: "", label: "__proto__" }, labels)).toBe(false);
  });
});

describe("quietUntil", () => {
  const at = (hh: number, mm = 0) => Date.UTC(2026, 10, 29, hh, mm);
  it("holds messages until the end of quiet hours, across midnight too", () => {
    expect(quietUntil(at(23), "22:00", "07:00")).toBe(Date.UTC(2026, 10, 30, 7));
    expect(quietUntil(at(6, 59), "22:00", "07:00")).toBe(at(7));
    expect(quietUntil(at(7), "22:00", "07:00")).toBeNull();
    expect(quietUntil(at(12), "12:00", "13:30")).toBe(at(13, 30));
    expect(quietUntil(at(12), "", "")).toBeNull();
  });
});

describe("message formats", () => {
  const m: AlertMessage = {
    id: "d1",
    event: "firing",
    rule: { id: "r1", name: "Crashes", trigger: "die" },
    endpoint: { id: "local", name: "local" },
    subject: "web",
    summary: "web died with exit code 3",
    incidentId: "i1",
    count: 4,
    startedAt: Date.UTC(2026, 10, 29, 19, 0, 0),
    resolvedAt: null,
  };
  it("says the same thing in every format", () => {
    expect(titleOf(m)).toBe("[FIRING] web died with exit code 3");
    expect(JSON.parse(webhookBody(m))).toEqual({
      version: 1,
      id: "d1",
      event: "firing",
      title: "[FIRING] web died with exit code 3",
      summary: "web died with exit code 3",
      rule: { id: "r1", name: "Crashes", trigger: "die" },
      endpoint: { id: "local", name: "local" },
      subject: "web",
      incidentId: "i1",
      count: 4,
      startedAt: "2026-11-29T19:00:00Z",
      resolvedAt: null,
    });
    expect(JSON.parse(slackBody(m)).text).toBe(
      "*[FIRING] web died with exit code 3*\nRule: Crashes\nEndpoint: local\nSubject: web\nSince: 2026-11-29T19:00:00Z\nOccurrences: 4",
    );
    expect(JSON.parse(teamsBody(m))).toMatchObject({ "@type": "MessageCard", themeColor: "B91C1C" });
    expect(ntfyRequest(m).headers).toEqual({ title: titleOf(m), priority: "high", tags: "rotating_light" });
    expect(emailOf({ ...m, event: "resolved", resolvedAt: Date.UTC(2026, 10, 29, 19, 5) })).toEqual({
      subject: "[Berth] [RESOLVED] web died with exit code 3",
      text: "Rule: Crashes\nEndpoint: local\nSubject: web\nSince: 2026-11-29T19:00:00Z\nOccurrences: 4\nResolved: 2026-11-29T19:05:00Z",
    });
  });
});
