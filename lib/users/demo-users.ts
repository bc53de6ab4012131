import "server-only";
import { prisma } from "../db";
import { createUser, type TCreateUserInput } from "./create-user";

/** Printed in the README for demonstrations. Never created in production mode. */
export const DEMO_PASSWORD = "batys-demo-2026";

export const DEMO_USERS: Omit<TCreateUserInput, "password">[] = [
  { email: "admin@batys.demo", name: "Әкімші Демо", role: "ADMIN" },
  { email: "ministry@batys.demo", name: "Министрлік Демо", role: "MINISTRY" },
  { email: "manager@batys.demo", name: "Басшы Демо", role: "MANAGER" },
  { email: "akimat.akt@batys.demo", name: "Ақтөбе әкімдігі Демо", role: "AKIMAT", oblast: "AKT" },
  { email: "akimat.aty@batys.demo", name: "Атырау әкімдігі Демо", role: "AKIMAT", oblast: "ATY" },
  { email: "akimat.zko@batys.demo", name: "БҚО әкімдігі Демо", role: "AKIMAT", oblast: "ZKO" },
  { email: "akimat.man@batys.demo", name: "Маңғыстау әкімдігі Демо", role: "AKIMAT", oblast: "MAN" },
];

/** Creates the demo accounts that do not exist yet; existing ones are left exactly as they are. */
export async function seedDemoUsers(): Promise<number> {
  if (process.env.NODE_ENV === "production") return 0;
  let created = 0;
  for (const demo of DEMO_USERS) {
    if (await prisma.user.findUnique({ where: { email: demo.email } })) continue;
    await createUser({ ...demo, password: DEMO_PASSWORD }, null);
    created++;
  }
  return created;
}
