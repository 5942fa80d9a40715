"""The entry point for apps whose records feed reports (the registry, commendations, festival
sites): after a write that changes what a prefill source counts, call `records_changed` in the
same transaction, with the record's province and commune, the days it counts on and the source
codes it feeds (antq.reporting.prefill). Draft reports follow at once; submitted ones keep their
figures and show the difference."""

from antq.reporting.reports.drafts import records_changed

__all__ = ["records_changed"]
