"""Signals the units app sends for the apps above it (which connect in their AppConfig.ready)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction after units were moved or closed (`units`: the units whose path,
# province, commune or state changed). Accounts forget memoised grants: they hold unit paths.
tree_changed = Signal()
