// Renders the PNG app icons and favicon.ico from the SVGs in public/ with the machine's Chromium (no design tool
// needed): `node scripts/make-icons.mjs`. The outputs are committed; run again only when the SVGs change.
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";

const browser = await chromium.launch({
  executablePath: process.env.BERTH_TEST_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const page = await browser.newPage();
async function render(svgFile, size, out) {
  const svg = readFileSync(`public/${svgFile}`, "utf8");
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  writeFileSync(`public/${out}`, await page.locator("svg").screenshot({ omitBackground: true }));
}
await render("icon.svg", 180, "apple-touch-icon.png");
await render("icon.svg", 192, "icon-192.png");
await render("icon.svg", 512, "icon-512.png");
await render("icon-maskable.svg", 512, "icon-maskable-512.png");
// favicon.ico: an ICO whose one 32 px image is stored as PNG (read by every current browser).
const png = await (async () => {
  await page.setViewportSize({ width: 32, height: 32 });
  const svg = readFileSync("public/icon.svg", "utf8").replace("<svg ", '<svg width="32" height="32" ');
  await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
  return page.locator("svg").screenshot({ omitBackground: true });
})();
await browser.close();
const head = Buffer.alloc(22);
head.writeUInt16LE(0, 0); // reserved
head.writeUInt16LE(1, 2); // type: icon
head.writeUInt16LE(1, 4); // one image
head.writeUInt8(32, 6); // width
head.writeUInt8(32, 7); // height
head.writeUInt16LE(1, 10); // colour planes
head.writeUInt16LE(32, 12); // bits per pixel
head.writeUInt32LE(png.length, 14);
head.writeUInt32LE(22, 18); // offset of the image data
writeFileSync("public/favicon.ico", Buffer.concat([head, png]));
