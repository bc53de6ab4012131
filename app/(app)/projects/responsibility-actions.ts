"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { clientIp } from "@/lib/http/client-ip";
import { parseProjectListQuery, projectListParams } from "@/lib/projects/list-projects";
import { bulkAssignResponsibleOfficer } from "@/lib/projects/responsibility";

/** Assigns the responsible officer of every project the list's filters (sent as hidden fields) select. */
export async function bulkAssignAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const fields = Object.fromEntries(
    [...formData.entries()]
      .filter(([key]) => key.startsWith("list."))
      .map(([key, value]) => [key.slice(5), String(value)]),
  );
  const query = parseProjectListQuery(fields);
  const result = await bulkAssignResponsibleOfficer(
    user,
    query,
    { officerId: formData.get("officerId") },
    {
      ip: await clientIp(),
    },
  );
  revalidatePath("/projects");
  const outcome: Record<string, string> = result.ok
    ? { assigned: String(result.count) }
    : { assignError: result.reason };
  redirect(`/projects?${new URLSearchParams({ ...projectListParams(query), ...outcome }).toString()}`);
}
