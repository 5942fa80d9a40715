"""Files of a period: the official report of a unit (.docx/PDF, Decree 30 layout), exports of the
figures (.xlsx/CSV, large ones as a job with progress) and imports (dry run, then all or
nothing)."""
