import { openApiDocument } from "@/lib/openapi";

export const dynamic = "force-static";

// Public on purpose: it describes the API, it grants nothing.
export function GET() {
  return Response.json(openApiDocument());
}
