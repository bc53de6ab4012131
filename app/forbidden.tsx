import { getTranslations } from "next-intl/server";
import { MessagePage } from "@/components/message-page";

export default async function Forbidden() {
  const t = await getTranslations("errors");
  return <MessagePage title={t("forbiddenTitle")} body={t("forbiddenBody")} backLabel={t("backHome")} />;
}
