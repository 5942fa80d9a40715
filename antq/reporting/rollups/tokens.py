"""Generation tokens of the figures: cached read models (the dashboards, the catalogue's lines)
put them in their keys, so a cached figure is never older than the last committed write."""

from __future__ import annotations

from antq.core.cache import bump_counter, counters


def generation(form_id: int, period_key: str) -> str:
    """A token that changes after every committed write to the form's figures for the period
    (and after every rebuild); cached read models put it in their keys so they are never staler
    than the last write."""
    key = f"rollup-gen:{form_id}:{period_key}"
    values = counters(["rollup-gen:all", key])
    return f"{values['rollup-gen:all']}.{values[key]}"


def bump_generation(form_id: int, period_key: str, *, everything: bool = False) -> None:
    bump_counter("rollup-gen:all" if everything else f"rollup-gen:{form_id}:{period_key}")
