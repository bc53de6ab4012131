// One normalised text per project for substring search. Lower-cased here, in JavaScript, so that Kazakh and
// Russian letters fold the same way whatever collation the database was created with.
export function normaliseSearchText(value: string): string {
  return value.normalize("NFC").toLocaleLowerCase("kk").replace(/\s+/g, " ").trim();
}

export function projectSearchText(project: {
  code: string;
  nameKk: string;
  nameRu: string | null;
  nameEn: string | null;
  place: string | null;
}): string {
  return normaliseSearchText(
    [project.code, project.nameKk, project.nameRu, project.nameEn, project.place].filter(Boolean).join(" | "),
  );
}

/** A search term as typed, made safe for LIKE: wildcards are taken literally by dropping them. */
export function normaliseSearchTerm(term: string): string {
  return normaliseSearchText(term.replace(/[%_\\]/g, " "));
}
