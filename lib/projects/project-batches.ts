import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";

type Batch<S extends Prisma.ProjectSelect> = Prisma.ProjectGetPayload<{ select: S }>[];

/**
 * The projects matching `where`, in batches by id (keyset, not OFFSET), so long exports never hold every row at
 * once and each batch costs the same however deep into the list it is. The selection must include the id.
 */
export async function* projectBatches<S extends Prisma.ProjectSelect & { id: true }>(
  where: Prisma.ProjectWhereInput,
  select: S,
  batchSize: number,
): AsyncGenerator<Batch<S>> {
  let cursor = 0;
  for (;;) {
    const batch = (await prisma.project.findMany({
      where: { AND: [where, { id: { gt: cursor } }] },
      orderBy: { id: "asc" },
      take: batchSize,
      select,
    })) as unknown as Batch<S>;
    if (batch.length === 0) return;
    yield batch;
    cursor = (batch[batch.length - 1] as unknown as { id: number }).id;
  }
}
