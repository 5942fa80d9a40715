"""Reports: a form's periods and their dates, a unit's report per (form, period) with its values
(the facts), drafts that follow the records (`drafts`), completeness, and the report pages and
API (/reports/<form>/<period>/…, /api/reporting)."""
