"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { clientIp } from "@/lib/http/client-ip";
import { assignResponsibility, setWatching } from "@/lib/projects/responsibility";
import { PROJECT_CODE_PATTERN } from "@/lib/reference-data";

const back = (code: unknown, outcome: string) => {
  const safe = typeof code === "string" && PROJECT_CODE_PATTERN.test(code) ? code : "";
  if (!safe) redirect("/projects");
  revalidatePath(`/projects/${safe}`);
  redirect(`/projects/${encodeURIComponent(safe)}?responsibility=${outcome}#responsibility-heading`);
};

export async function watchProjectAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const code = formData.get("projectCode");
  const result = await setWatching(user, { projectCode: code, watch: formData.get("watch") === "true" });
  back(code, result.ok ? "saved" : result.reason);
}

export async function assignResponsibilityAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const code = formData.get("projectCode");
  const result = await assignResponsibility(
    user,
    { projectCode: code, officerId: formData.get("officerId"), contactIds: formData.getAll("contactIds") },
    { ip: await clientIp() },
  );
  back(code, result.ok ? "saved" : result.reason);
}
