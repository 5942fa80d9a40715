"""Results of festival sites: one figure per row, entered on a phone once the site is held; the
organiser's draft reports follow their sum (the festival sites' prefill sources, `prefill`)."""
