import { describe, expect, it } from "vitest";
import { auditFilter, auditRetentionInput, csvField } from "./audit-schemas";

describe("audit filters", () => {
  it("read datetime-local values as UTC and drop empty fields", () => {
    const f = auditFilter.parse({ actor: " ", outcome: "", from: "2026-11-22T02:30", to: "" });
    expect(f).toEqual({
      actor: undefined,
      action: undefined,
      endpointId: undefined,
      outcome: undefined,
      from: Date.UTC(2026, 10, 22, 2, 30),
      to: undefined,
    });
  });
  it("refuse nonsense", () => {
    expect(auditFilter.safeParse({ from: "yesterday-ish" }).success).toBe(false);
    expect(auditFilter.safeParse({ outcome: "maybe" }).success).toBe(false);
    expect(auditRetentionInput.safeParse({ days: "1.5" }).success).toBe(false);
    expect(auditRetentionInput.parse({ days: "30" }).days).toBe(30);
  });
});

describe("csvField", () => {
  it("quotes separators and quotes", () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField(null)).toBe("");
    expect(csvField(42)).toBe("42");
  });
  it("defuses spreadsheet formulas", () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+1")).toBe('"\'+1"');
    expect(csvField("@SUM(A1)")).toBe('"\'@SUM(A1)"');
  });
});
