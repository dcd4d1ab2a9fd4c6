import { encode } from "uqr";

/**
 * A QR code as one SVG path: a 1×1 square per dark module, offset by a quiet zone of `border` modules (the standard
 * asks for 4). Pure and dependency-light (uqr), so the two-factor page draws it in the browser without a canvas.
 */
export function qrPath(text: string, border = 4): { size: number; d: string } {
  const { data } = encode(text, { ecc: "M", border: 0 });
  const parts: string[] = [];
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x + border} ${y + border}h1v1h-1z`);
    });
  });
  return { size: data.length + 2 * border, d: parts.join("") };
}
