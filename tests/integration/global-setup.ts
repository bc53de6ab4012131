// Runs once before the integration tests: the database created for this run gets the migrations, the reference
// data and the catalog, as a real deployment would: migrations as the owner role, the rest (and every test) as the
// app role, which owns nothing and may only read and write data.
export default async function setup(): Promise<() => Promise<void>> {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) throw new Error("TEST_DATABASE_URL is not set: run the integration tests through `npm test`");
  process.env.DATABASE_URL = databaseUrl;
  const disconnect = async () => {
    const { prisma } = await import("../../lib/db");
    await prisma.$disconnect();
  };
  const { prepareDatabase } = await import("../../scripts/lib/prepare-database");
  try {
    await prepareDatabase(databaseUrl, {
      ownerUrl: process.env.TEST_OWNER_DATABASE_URL,
      demoUsers: true,
      quiet: true,
    });
  } catch (error) {
    await disconnect();
    throw error;
  }
  return disconnect;
}
