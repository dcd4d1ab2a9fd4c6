import crypto from "node:crypto";
import type { UserListRow } from "@/db/access-queries";
import { findUserByName, insertUser } from "@/db/queries";
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
    { ...op, describe: (u) => (u.isAdmin ? "admin" : undefined) },
    async () => {
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
      await insertUser(db, { ...row, passwordHash: await hashPassword(input.password) });
      return row;
    },
    ctx,
  );
}
