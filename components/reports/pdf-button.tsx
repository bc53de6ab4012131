"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

// Generates (and so saves) the report's PDF. With JavaScript it posts in the background, shows that the PDF is
// being rendered (announced to screen readers), then hands the file to the browser and refreshes the list of
// saved reports; without JavaScript the button posts the form itself and the browser downloads the answer.
export function PdfButton({
  action,
  labels,
}: {
  action: string;
  labels: { download: string; rendering: string; done: string; failed: string };
}) {
  const router = useRouter();
  const [state, setState] = useState<"idle" | "rendering" | "done" | "failed">("idle");
  const [message, setMessage] = useState("");

  async function generate(event: React.MouseEvent<HTMLButtonElement>) {
    event.preventDefault();
    if (state === "rendering") return;
    setState("rendering");
    setMessage(labels.rendering);
    try {
      const response = await fetch(action, { method: "POST", headers: { Accept: "application/pdf" } });
      if (!response.ok) {
        setState("failed");
        setMessage((await response.text()) || labels.failed);
        return;
      }
      const blob = await response.blob();
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "report.pdf";
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      setState("done");
      setMessage(labels.done);
      router.refresh();
    } catch {
      setState("failed");
      setMessage(labels.failed);
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="submit"
        formAction={action}
        formMethod="post"
        onClick={generate}
        aria-busy={state === "rendering"}
        disabled={state === "rendering"}
        className="inline-flex items-center gap-2 rounded border border-slate-400 px-3 py-2 text-sm font-semibold hover:border-brand disabled:opacity-70"
        data-testid="download-pdf"
      >
        {state === "rendering" && (
          <span
            aria-hidden
            className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-brand"
          />
        )}
        {labels.download}
      </button>
      <span
        role="status"
        aria-live="polite"
        className={state === "failed" ? "text-sm text-red-700" : "text-sm text-slate-700"}
        data-testid="pdf-status"
      >
        {message}
      </span>
    </span>
  );
}
