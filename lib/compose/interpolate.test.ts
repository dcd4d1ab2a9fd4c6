// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose interpolation is written ${VAR}
import { describe, expect, it } from "vitest";
import { InterpolationError, interpolate, interpolateString } from "./interpolate";

const env = { TAG: "1.2", EMPTY: "", NAME: "web" };

describe("interpolateString", () => {
  it("substitutes $VAR and ${VAR}, and $$ is a dollar", () => {
    expect(interpolateString("img:$TAG", env)).toBe("img:1.2");
    expect(interpolateString("img:${TAG}-x", env)).toBe("img:1.2-x");
    expect(interpolateString("cost $$5 ${NAME}", env)).toBe("cost $5 web");
  });

  it("defaults: :- on unset or empty, - on unset only", () => {
    expect(interpolateString("${NOPE:-d}", env)).toBe("d");
    expect(interpolateString("${EMPTY:-d}", env)).toBe("d");
    expect(interpolateString("${EMPTY-d}", env)).toBe("");
    expect(interpolateString("${NOPE-d}", env)).toBe("d");
    expect(interpolateString("${NOPE:-${NAME}-1}", env)).toBe("web-1");
  });

  it("alternatives and required variables", () => {
    expect(interpolateString("${TAG:+set}", env)).toBe("set");
    expect(interpolateString("${EMPTY:+set}", env)).toBe("");
    expect(interpolateString("${EMPTY+set}", env)).toBe("set");
    expect(() => interpolateString("${NOPE:?give a tag}", env)).toThrow("NOPE is required: give a tag");
    expect(() => interpolateString("${EMPTY?x}", env)).not.toThrow();
  });

  it("refuses a malformed reference", () => {
    expect(() => interpolateString("${bad name}", env)).toThrow(InterpolationError);
  });
});

describe("interpolate", () => {
  it("walks values, not keys, and reports unset variables", () => {
    const r = interpolate({ services: { $NAME: { image: "x:${TAG}", command: ["echo", "$MISSING"] } } }, env);
    expect(r.value).toEqual({ services: { $NAME: { image: "x:1.2", command: ["echo", ""] } } });
    expect(r.missing).toEqual(["MISSING"]);
  });

  it("names where a required variable was missing", () => {
    try {
      interpolate({ services: { web: { image: "${IMG:?set IMG}" } } }, env);
      expect.unreachable();
    } catch (err) {
      expect((err as InterpolationError).path).toEqual(["services", "web", "image"]);
    }
  });
});
