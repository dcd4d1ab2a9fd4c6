import { describe, expect, it } from "vitest";
import type { PortBinding } from "./domain";
import { formatAgo, formatPorts, formatSpan, formatTime } from "./format";

describe("formatPorts", () => {
  it("is empty for no ports", () => {
    expect(formatPorts([])).toBe("");
  });

  it("shows exposed-only ports as port/proto", () => {
    expect(formatPorts([{ privatePort: 80, type: "tcp" }])).toBe("80/tcp");
  });

  it("hides wildcard host addresses", () => {
    expect(formatPorts([{ ip: "0.0.0.0", privatePort: 80, publicPort: 8080, type: "tcp" }])).toBe("8080->80/tcp");
    expect(formatPorts([{ ip: "::", privatePort: 80, publicPort: 8080, type: "tcp" }])).toBe("8080->80/tcp");
    expect(formatPorts([{ privatePort: 80, publicPort: 8080, type: "tcp" }])).toBe("8080->80/tcp");
  });

  it("shows a specific host address", () => {
    expect(formatPorts([{ ip: "127.0.0.1", privatePort: 53, publicPort: 5353, type: "udp" }])).toBe(
      "127.0.0.1:5353->53/udp",
    );
  });

  it("brackets IPv6 host addresses so the port stays readable (as the docker CLI does)", () => {
    expect(formatPorts([{ ip: "::1", privatePort: 80, publicPort: 8080, type: "tcp" }])).toBe("[::1]:8080->80/tcp");
    expect(formatPorts([{ ip: "fd00::2", privatePort: 443, publicPort: 8443, type: "tcp" }])).toBe(
      "[fd00::2]:8443->443/tcp",
    );
  });

  it("lists the IPv4 and IPv6 wildcard bindings of one port once", () => {
    const ports: PortBinding[] = [
      { ip: "0.0.0.0", privatePort: 80, publicPort: 8080, type: "tcp" },
      { ip: "::", privatePort: 80, publicPort: 8080, type: "tcp" },
      { privatePort: 443, type: "tcp" },
    ];
    expect(formatPorts(ports)).toBe("8080->80/tcp, 443/tcp");
  });

  it("keeps the order it is given", () => {
    expect(
      formatPorts([
        { privatePort: 9000, type: "udp" },
        { privatePort: 22, type: "tcp" },
      ]),
    ).toBe("9000/udp, 22/tcp");
  });
});

describe("formatTime", () => {
  it("formats epoch milliseconds as UTC 'YYYY-MM-DD HH:MM:SS'", () => {
    expect(formatTime(0)).toBe("1970-01-01 00:00:00");
    expect(formatTime(Date.UTC(2024, 1, 29, 23, 59, 58, 999))).toBe("2024-02-29 23:59:58");
  });
});

describe("formatSpan", () => {
  it("uses the largest whole unit", () => {
    expect(formatSpan(12_000)).toBe("12 s");
    expect(formatSpan(5 * 60_000 + 59_000)).toBe("5 min");
    expect(formatSpan(3 * 3_600_000 + 1)).toBe("3 h");
    expect(formatSpan(49 * 3_600_000)).toBe("2 d");
    expect(formatSpan(-5)).toBe("0 s");
    expect(formatAgo(1_000, 61_000)).toBe("1 min ago");
  });
});
