"""Rebuild the roll-up summaries from the facts and report every difference found."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from antq.reporting.rollups import rebuild


class Command(BaseCommand):
    help = "Rebuild roll-up summaries from the report values; list summaries that did not match."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Only compare; change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            result = rebuild.rebuild(check_only=options["check"])
        elapsed = time.perf_counter() - started
        for line in result.samples:
            self.stdout.write(f"  differs: {line}")
        verb = "checked" if options["check"] else "rebuilt"
        self.stdout.write(
            f"{result.rows} summary rows {verb} in {elapsed:.2f} s; {result.differences} differed from the facts."
        )
        started = time.perf_counter()
        disagreeing = rebuild.facts_disagreeing()
        self.stdout.write(
            f"{disagreeing} facts disagreed with their report (form, period, unit, province, commune or approval);"
            f" checked in {time.perf_counter() - started:.2f} s."
        )
        if options["check"] and (result.differences or disagreeing):
            raise SystemExit(1)
