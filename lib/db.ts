import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

// One Prisma client per server process (kept on globalThis so dev-mode reloads do not open new pools), created on
// first use: `next build` imports this module without a database.
const globalForPrisma = globalThis as unknown as { batysPrisma?: PrismaClient };

function client(): PrismaClient {
  if (!globalForPrisma.batysPrisma) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: start the app with `npm start`, or set it");
    const adapter = new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    // A write waits up to 10 s for a pooled connection and may run 20 s (Prisma's defaults are 2 s and 5 s): with
    // more concurrent saves than connections on a busy 2-core machine, a save waited more than 2 s and failed with
    // "unable to start a transaction" instead of being served a moment later.
    globalForPrisma.batysPrisma = new PrismaClient({
      adapter,
      transactionOptions: { maxWait: 10_000, timeout: 20_000 },
    });
  }
  return globalForPrisma.batysPrisma;
}

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const instance = client();
    const value = Reflect.get(instance, property, instance);
    return typeof value === "function" ? value.bind(instance) : value;
  },
});
