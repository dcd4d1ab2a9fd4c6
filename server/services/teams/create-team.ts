import crypto from "node:crypto";
import { findTeamByName, insertTeamStmt, type TeamRow } from "@/db/access-queries";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { type UseCaseContext, useCase } from "../use-case";

export async function createTeam(actor: Actor | null, input: { name: string }, ctx?: UseCaseContext): Promise<TeamRow> {
  const op = { audit: "team.create", permission: "team:manage" as const, target: input.name };
  return useCase(
    actor,
    op,
    async (_actor, note) => {
      const { db } = runtime();
      if (await findTeamByName(db, input.name)) {
        throw new UserError(`A team named ${input.name} already exists`, 409, "conflict");
      }
      const row = { id: crypto.randomUUID(), name: input.name, createdAt: Date.now() };
      await note.commit(function* (tx) {
        yield insertTeamStmt(tx, row);
      });
      return row;
    },
    ctx,
  );
}
