/** The submission form's centre choices (issue 21): what app/models/center-choices.server.ts gives the page. */

/** One option of the centre select, in the page's language: `group` is the province's name. */
export interface CenterChoice {
  id: number;
  label: string;
  group: string;
}

export interface CenterChoices {
  /** The province chosen (a known one), or ''. */
  province: string;
  /** The search text as typed (trimmed, at most 100 characters). */
  q: string;
  /** How many centres match (more than listed when a search is too wide). */
  total: number;
  options: CenterChoice[];
}
