import { describe, expect, it } from "vitest";
import { formatBytes } from "./container-overview";

describe("formatBytes", () => {
  it("uses binary units like the docker CLI", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(503808)).toBe("492.0 KiB");
    expect(formatBytes(1024 * 1024 * 1.5)).toBe("1.50 MiB");
  });
});
