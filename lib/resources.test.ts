import { describe, expect, it } from "vitest";
import {
  formatBytes,
  type ImageSummary,
  parseLabelLines,
  planImagePrune,
  planVolumePrune,
  type VolumeSummary,
} from "./resources";

const img = (id: string, p: Partial<ImageSummary> = {}): ImageSummary => ({
  key: `e/${id}`,
  endpointId: "e",
  imageId: id,
  repoTags: [`${id}:latest`],
  size: 100,
  sharedSize: 0,
  created: 0,
  parentId: "",
  containers: [],
  ...p,
});

describe("planImagePrune", () => {
  it("selects exactly the images no container uses, keeping ancestors of used ones", () => {
    const images = [
      img("base"),
      img("child", { parentId: "base", containers: [{ id: "c1", name: "web" }] }),
      img("stopped-user", { containers: [{ id: "c2", name: "old" }] }),
      img("orphan", { size: 300, sharedSize: 100 }),
      img("dangling", { repoTags: [], size: 50 }),
    ];
    const plan = planImagePrune(images);
    expect(plan.items.map((i) => i.imageId)).toEqual(["orphan", "dangling"]);
    expect(plan.reclaimBytes).toBe(200 + 50);
  });
  it("is empty when everything is used", () => {
    expect(planImagePrune([img("a", { containers: [{ id: "c", name: "c" }] })]).items).toEqual([]);
  });
});

describe("planVolumePrune", () => {
  const vol = (name: string, users: number, size: number | null): VolumeSummary => ({
    key: name,
    endpointId: "e",
    name,
    driver: "local",
    mountpoint: "",
    size,
    containers: Array.from({ length: users }, (_, i) => ({ id: `${i}`, name: `c${i}` })),
    labels: {},
    created: 0,
  });
  it("selects unmounted volumes and sums known sizes", () => {
    const plan = planVolumePrune([vol("a", 0, 10), vol("b", 1, 20), vol("c", 0, null)]);
    expect(plan.items.map((v) => v.name)).toEqual(["a", "c"]);
    expect(plan.reclaimBytes).toBe(10);
  });
});

describe("helpers", () => {
  it("formats bytes", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(8_388_608)).toBe("8.39 MB");
    expect(formatBytes(-1)).toBe("");
  });
  it("parses label lines", () => {
    expect(parseLabelLines("a=b\n\n c = d=e \n")).toEqual({ a: "b", c: "d=e" });
    expect(() => parseLabelLines("novalue")).toThrow(/key=value/);
  });
});
