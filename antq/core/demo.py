"""Demo data for `make run` (`manage.py demo_seed`): each app that has some registers one step in
its `demo.py` with `@demo_step`; the steps run in the order of INSTALLED_APPS, which is the layer
order (accounts and villages before plans and sites, sites before results, …). Every step is
idempotent: a second run keeps what exists."""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.utils.module_loading import autodiscover_modules

DEMO_PASSWORD = "antq-demo-2025"
Step = Callable[[], list[str] | None]
_STEPS: dict[str, Step] = {}


def demo_step(function: Step) -> Step:
    """Register the demo step of the app whose module defines `function` (one per app)."""
    config = apps.get_containing_app_config(function.__module__)
    if config is None:
        raise RuntimeError(f"{function.__module__} is not inside an installed app")
    _STEPS[config.label] = function
    return function


def demo_seed() -> list[str]:
    """Run every app's demo step; returns the usernames created this run."""
    autodiscover_modules("demo")
    created: list[str] = []
    for config in apps.get_app_configs():
        step = _STEPS.get(config.label)
        if step is not None:
            created.extend(step() or [])
    return created
