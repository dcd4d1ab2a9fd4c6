import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "@/server/runtime";
import { addUser, type Dialect, openAuthRuntime } from "@/test-support/auth-harness";
import { endSession, newSessionId, sessionEvents } from "./session-revocation";
import { actorFromSessionToken } from "./session-token";

// Signing out ends the session on the server: every copy of its cookie stops working, on both databases.

for (const dialect of ["sqlite", "pg"] as Dialect[]) {
  describe(`server-side sign-out (${dialect})`, () => {
    let rt: Runtime;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ rt, done } = await openAuthRuntime(dialect));
    });
    afterAll(() => done());

    const token = (claims: Record<string, unknown>) => encode({ token: claims, secret: rt.config.authSecret });

    it("a signed-out session id is refused, another session of the same user is not", async () => {
      const u = await addUser(rt, "pw-signout");
      const sid = newSessionId();
      const other = newSessionId();
      const mine = await token({ sub: u.id, sv: 1, sid });
      const theirs = await token({ sub: u.id, sv: 1, sid: other });
      // A rolled copy (re-signed later with the same sid) as next-auth makes it on /api/auth/session.
      const rolled = await token({ sub: u.id, sv: 1, sid, iat: Math.floor(Date.now() / 1000) + 5 });
      expect((await actorFromSessionToken(mine))?.id).toBe(u.id);
      const ended: string[] = [];
      const onEnded = (s: string) => ended.push(s);
      sessionEvents().on("ended", onEnded);
      await endSession(sid);
      sessionEvents().off("ended", onEnded);
      expect(ended).toEqual([sid]);
      expect(await actorFromSessionToken(mine)).toBeNull();
      expect(await actorFromSessionToken(rolled)).toBeNull();
      expect((await actorFromSessionToken(theirs))?.id).toBe(u.id);
      // Ending it twice is harmless.
      await endSession(sid);
    });

    it("a session token without a session id is refused", async () => {
      const u = await addUser(rt, "pw-nosid");
      expect(await actorFromSessionToken(await token({ sub: u.id, sv: 1 }))).toBeNull();
    });
  });
}
