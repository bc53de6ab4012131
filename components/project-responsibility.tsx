type Person = { id: number; name: string; email: string };

export type ProjectResponsibilityProps = {
  projectCode: string;
  officer: Person | null;
  contacts: Person[];
  watching: boolean;
  canWatch: boolean;
  assign: null | { officers: Person[]; contactOptions: Person[]; action: (formData: FormData) => Promise<void> };
  watchAction: (formData: FormData) => Promise<void>;
  message: string | null;
  labels: Record<
    | "title"
    | "officer"
    | "contacts"
    | "none"
    | "watch"
    | "unwatch"
    | "watching"
    | "notWatching"
    | "assign"
    | "chooseOfficer"
    | "chooseContacts"
    | "clear",
    string
  >;
};

/** The responsible officer, the regional contacts, the watch button and (for ministry staff) the assignment form. */
export function ProjectResponsibility(props: ProjectResponsibilityProps) {
  const { labels } = props;
  return (
    <section
      className="mt-6 rounded-lg border border-slate-200 bg-white p-4"
      aria-labelledby="responsibility-heading"
      data-testid="responsibility"
    >
      <h2 id="responsibility-heading" className="text-lg font-semibold">
        {labels.title}
      </h2>
      {props.message && (
        <p role="status" className="mt-2 text-sm text-slate-800">
          {props.message}
        </p>
      )}
      <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
        <dt className="font-semibold text-slate-700">{labels.officer}</dt>
        <dd className="sm:col-span-2" data-testid="responsible-officer">
          {props.officer?.name ?? labels.none}
        </dd>
        <dt className="font-semibold text-slate-700">{labels.contacts}</dt>
        <dd className="sm:col-span-2">
          {props.contacts.length ? props.contacts.map((p) => p.name).join(", ") : labels.none}
        </dd>
      </dl>
      {props.canWatch && (
        <form action={props.watchAction} className="mt-3 flex flex-wrap items-center gap-3 no-print">
          <input type="hidden" name="projectCode" value={props.projectCode} />
          <input type="hidden" name="watch" value={props.watching ? "false" : "true"} />
          <button
            type="submit"
            className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-semibold hover:border-brand"
          >
            {props.watching ? labels.unwatch : labels.watch}
          </button>
          <span className="text-sm text-slate-600">{props.watching ? labels.watching : labels.notWatching}</span>
        </form>
      )}
      {props.assign && (
        <details className="mt-3 no-print">
          <summary className="cursor-pointer text-sm font-semibold text-brand">{labels.assign}</summary>
          <form action={props.assign.action} className="mt-2 grid gap-3 sm:grid-cols-2">
            <input type="hidden" name="projectCode" value={props.projectCode} />
            <label className="text-sm">
              <span className="block font-semibold text-slate-700">{labels.chooseOfficer}</span>
              <select
                name="officerId"
                defaultValue={props.officer ? String(props.officer.id) : ""}
                className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5"
              >
                <option value="">{labels.clear}</option>
                {props.assign.officers.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name} ({person.email})
                  </option>
                ))}
              </select>
            </label>
            <fieldset className="text-sm">
              <legend className="font-semibold text-slate-700">{labels.chooseContacts}</legend>
              {props.assign.contactOptions.map((person) => (
                <label key={person.id} className="mt-1 flex items-center gap-2">
                  <input
                    type="checkbox"
                    name="contactIds"
                    value={person.id}
                    defaultChecked={props.contacts.some((contact) => contact.id === person.id)}
                  />
                  {person.name}
                </label>
              ))}
            </fieldset>
            <div>
              <button type="submit" className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white">
                {labels.assign}
              </button>
            </div>
          </form>
        </details>
      )}
    </section>
  );
}
