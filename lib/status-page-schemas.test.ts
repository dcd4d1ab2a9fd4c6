import { describe, expect, it } from "vitest";
import { isStatusSlug, saveStatusPageInput, statusSlug, updateStatusPageInput } from "./status-page-schemas";

const item = { endpointId: "local", ref: "web-1", displayName: "Website" };

describe("statusSlug", () => {
  it("accepts lowercase letters, digits and single inner hyphens", () => {
    for (const s of ["a", "status", "acme-prod", "v2", "a1-b2-c3", "x".repeat(48)]) {
      expect(statusSlug.safeParse(s).success, s).toBe(true);
      expect(isStatusSlug(s), s).toBe(true);
    }
  });

  it("refuses anything else with a message that says why", () => {
    const bad = ["", "Acme", "acme_prod", "-acme", "acme-", "ac--me", "a b", "acme/../x", "ünï", "x".repeat(49), "a.b"];
    for (const s of bad) {
      const r = statusSlug.safeParse(s);
      expect(r.success, s).toBe(false);
      expect(r.error?.issues[0]?.message, s).toMatch(/Slug/);
      expect(isStatusSlug(s), s).toBe(false);
    }
    expect(isStatusSlug(undefined)).toBe(false);
    expect(isStatusSlug(" acme")).toBe(false);
  });

  it("trims what a form sends", () => {
    expect(statusSlug.parse("  acme  ")).toBe("acme");
  });
});

describe("saveStatusPageInput", () => {
  it("takes slug, title and ordered container items (kind defaults to container)", () => {
    const v = saveStatusPageInput.parse({ slug: "acme", title: "Acme status", items: [item] });
    expect(v.items).toEqual([{ ...item, kind: "container" }]);
  });

  it("keeps hostile titles and names as text (rendering escapes them) but refuses control characters", () => {
    const title = `<script>alert(1)</script>"'&`;
    expect(saveStatusPageInput.parse({ slug: "x", title, items: [] }).title).toBe(title);
    expect(saveStatusPageInput.safeParse({ slug: "x", title: "a\u0000b", items: [] }).success).toBe(false);
    const r = saveStatusPageInput.safeParse({ slug: "x", title: "t", items: [{ ...item, displayName: "a\nb" }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["items", 0, "displayName"]);
  });

  it("bounds lengths and counts", () => {
    expect(saveStatusPageInput.safeParse({ slug: "x", title: "t".repeat(121), items: [] }).success).toBe(false);
    expect(
      saveStatusPageInput.safeParse({ slug: "x", title: "t", items: [{ ...item, displayName: "d".repeat(81) }] })
        .success,
    ).toBe(false);
    const many = Array.from({ length: 101 }, (_, i) => ({ ...item, ref: `c${i}` }));
    expect(saveStatusPageInput.safeParse({ slug: "x", title: "t", items: many }).success).toBe(false);
    expect(saveStatusPageInput.safeParse({ slug: "x", title: " ", items: [] }).success).toBe(false);
  });

  it("refuses a container on the page twice, naming the second", () => {
    const r = saveStatusPageInput.safeParse({
      slug: "x",
      title: "t",
      items: [item, { ...item, displayName: "Again" }],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      path: ["items", 1, "ref"],
      message: "Container web-1 is on this page twice",
    });
  });

  it("refuses references that are not container or service names, endpoint ids or known kinds", () => {
    for (const bad of [
      { ...item, ref: "../etc" },
      { ...item, ref: "" },
      { ...item, endpointId: "a/b" },
      { ...item, kind: "pod" },
    ]) {
      expect(saveStatusPageInput.safeParse({ slug: "x", title: "t", items: [bad] }).success, JSON.stringify(bad)).toBe(
        false,
      );
    }
  });

  it("needs the page id to update", () => {
    expect(updateStatusPageInput.safeParse({ slug: "x", title: "t", items: [] }).success).toBe(false);
    expect(updateStatusPageInput.parse({ id: "p1", slug: "x", title: "t", items: [] }).id).toBe("p1");
  });
});
