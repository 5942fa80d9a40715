"""The indicator catalogue: indicators, their options and rules, the report forms that list them,
the seed data (`seed`), what a form asks for in a year (`selectors.form_lines`), and the editor
for administrators at the nation (pages under /catalogue/, API under /api/catalogue)."""
