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
    globalForPrisma.batysPrisma = new PrismaClient({ adapter });
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
