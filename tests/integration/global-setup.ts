// Runs once before the integration tests: the database created for this run gets the migrations, the reference
// data and the catalog, as a real deployment would.
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
    await prepareDatabase(databaseUrl, { demoUsers: true, quiet: true });
  } catch (error) {
    await disconnect();
    throw error;
  }
  return disconnect;
}
