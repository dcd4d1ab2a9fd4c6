import { describe, expect, it } from "vitest";
import { bodyLimitFor, declaredLength, LIMITS, readUploadedFile } from "./body-limits";
import { uploadedText } from "./upload-schema";

describe("body limits", () => {
  it("picks the limit by what reads the body", () => {
    expect(bodyLimitFor("POST", "/api/v1/endpoints", {})).toBe(LIMITS.apiBody);
    expect(bodyLimitFor("POST", "/api/auth/callback/credentials", {})).toBe(LIMITS.authBody);
    expect(bodyLimitFor("POST", "/endpoints", { nextAction: true })).toBe(LIMITS.actionBody);
    // A form posted without JavaScript is a server action without the header.
    expect(bodyLimitFor("POST", "/endpoints", {})).toBe(LIMITS.actionBody);
    expect(bodyLimitFor("PUT", "/anything", {})).toBe(LIMITS.otherBody);
  });

  it("reads only well-formed Content-Length values", () => {
    expect(declaredLength("262144")).toBe(262144);
    expect(declaredLength(" 12 ")).toBe(12);
    expect(declaredLength(undefined)).toBeNull();
    expect(declaredLength("-1")).toBeNull();
    expect(declaredLength("1e9")).toBeNull();
  });

  it("counts an upload in bytes, not characters", () => {
    const schema = uploadedText("Client key", 4);
    expect(schema.safeParse("abcd").success).toBe(true);
    const r = schema.safeParse("ééé");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("Client key is too large (at most 4 bytes)");
  });

  it("refuses a big file before reading it", async () => {
    let read = false;
    const file = {
      size: LIMITS.pemFile + 1,
      text: async () => {
        read = true;
        return "";
      },
    };
    expect(await readUploadedFile(file, "CA certificate", LIMITS.pemFile)).toEqual({
      ok: false,
      error: "CA certificate is too large (at most 64 KiB)",
    });
    expect(read).toBe(false);
  });
});
