"""The roll-up summaries per province: changed by increments in the writer's transaction
(`changes`), read by the pages and dashboards (`selectors`), rebuilt and checked from the facts
(`rebuild`, `manage.py rollups_rebuild [--check]`), and the generation tokens of cached reads
(`tokens`)."""
