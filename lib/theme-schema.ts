import { z } from "zod";
import { THEMES } from "./theme";

// Apart from lib/theme.ts so the browser bundle (which reads the theme on every page) does not carry zod.
export const themeInput = z.object({ theme: z.enum(THEMES) });
