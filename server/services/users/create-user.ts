import crypto from "node:crypto";
import type { UserListRow } from "@/db/access-queries";
import { findUserByName, insertUserStmt } from "@/db/queries";
import type { CreateUserInput } from "@/lib/access-schemas";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { hashPassword } from "@/server/auth/passwords";
import { runtime } from "@/server/runtime";
import { type UseCaseContext, useCase } from "../use-case";

export async function createUser(
  actor: Actor | null,
  input: CreateUserInput,
  ctx?: UseCaseContext,
): Promise<UserListRow> {
  const op = { audit: "user.create", permission: "user:manage" as const, target: input.username };
  return useCase(
    actor,
    op,
    async (_actor, note) => {
      const { db } = runtime();
      if (await findUserByName(db, input.username)) {
        throw new UserError(`A user named ${input.username} already exists`, 409, "conflict");
      }
      const row = {
        id: crypto.randomUUID(),
        username: input.username,
        isAdmin: input.isAdmin,
        disabled: false,
        createdAt: Date.now(),
      };
      const passwordHash = await hashPassword(input.password);
      if (row.isAdmin) note.detail = "admin";
      await note.commit(function* (tx) {
        yield insertUserStmt(tx, { ...row, passwordHash });
      });
      return row;
    },
    ctx,
  );
}
