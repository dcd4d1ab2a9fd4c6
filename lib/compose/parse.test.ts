// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose interpolation is written ${VAR}
import { describe, expect, it } from "vitest";
import { ComposeError, MAX_COMPOSE_BYTES, parseCompose } from "./parse";

function errorOf(text: string, env: Record<string, string> = {}): ComposeError {
  try {
    parseCompose(text, env);
  } catch (e) {
    if (e instanceof ComposeError) return e;
    throw e;
  }
  throw new Error("expected a ComposeError");
}

describe("parseCompose", () => {
  it("parses, interpolates and reports ignored keys and unset variables", () => {
    const r = parseCompose(
      ["services:", "  web:", "    image: busybox:${TAG:-1}", "    restart: always", "    command: echo $WHO", ""].join(
        "\n",
      ),
      {},
    );
    expect(r.file.services.web?.image).toBe("busybox:1");
    expect(r.warnings).toEqual([
      "The variable WHO is not set; it was replaced by an empty string",
      'Ignoring "restart" of service web (not used by a stack)',
    ]);
  });

  it("an unknown key is an error naming it and its line", () => {
    const e = errorOf("services:\n  web:\n    image: x\n    imagee: y\n");
    expect(e.message).toBe('line 4: services.web.imagee: Unknown key "imagee"');
    expect(e.line).toBe(4);
  });

  it("a wrong type names the line of the value", () => {
    const e = errorOf("services:\n  web:\n    image: x\n    deploy:\n      replicas: many\n");
    expect(e.line).toBe(5);
    expect(e.message).toContain("services.web.deploy.replicas");
  });

  it("a missing image names the service's line", () => {
    expect(errorOf("version: '3.8'\nservices:\n  web:\n    command: x\n").line).toBe(3);
  });

  it("YAML syntax errors and duplicate keys name their line", () => {
    expect(errorOf("services:\n  web:\n    image: x\n    image: y\n").message).toMatch(
      /^line 4: Map keys must be unique/,
    );
    expect(errorOf("services:\n  web: [\n").line).toBeGreaterThan(0);
  });

  it("refuses a YAML bomb (aliases that expand) and names a line", () => {
    const rows = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [i, n] of ["b", "c", "d", "e", "f", "g"].entries()) {
      const prev = String.fromCharCode(97 + i);
      rows.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    const e = errorOf(`${rows.join("\n")}\nservices:\n  web:\n    image: x\n`);
    expect(e.message).toMatch(/aliases expand too much/);
    expect(e.line).toBe(2);
  });

  it("refuses more than 1 MB before parsing anything", () => {
    const big = `services:\n  web:\n    image: x\n    labels:\n${"      - a=b\n".repeat(MAX_COMPOSE_BYTES / 10)}`;
    expect(errorOf(big).message).toMatch(/at most 1 MB/);
  });

  it("a required variable that is unset names its line", () => {
    expect(errorOf("services:\n  web:\n    image: ${IMG:?set IMG}\n").message).toBe("line 3: IMG is required: set IMG");
  });

  it("x- extensions are allowed; a document that is not a mapping is refused", () => {
    expect(() => parseCompose("x-common: &c {a: 1}\nservices:\n  web:\n    image: x\n    x-note: hi\n")).not.toThrow();
    expect(errorOf("- a\n- b\n").message).toMatch(/mapping/);
  });
});
