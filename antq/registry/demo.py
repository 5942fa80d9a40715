"""The registry's demo step for `make run`: initiatives first, then the exemplars and pledges that
refer to them (each sub-domain's `demo.py`), and the helpers those share. Needs the demo accounts
and units (antq.accounts.demo) and the demo season (antq.festivals.demo) first."""

from __future__ import annotations

from antq.accounts.models import User
from antq.core.actor import Actor
from antq.core.demo import demo_step
from antq.units.models import Unit


def demo_actor(username: str) -> Actor:
    return Actor.of(User.objects.get(username=username))


def demo_unit(ref: tuple[str, str]) -> Unit | None:
    """(code, "") is that unit; (parent code, name) the current unit of that name under the parent
    (demo villages and organisations have generated codes)."""
    parent, name = ref
    if not name:
        return Unit.objects.filter(code=parent).first()
    return (
        Unit.objects.filter(name=name, closed_on__isnull=True)
        .filter(path__startswith=Unit.objects.get(code=parent).path)
        .order_by("path")
        .first()
    )


@demo_step
def demo_registry() -> None:
    """Initiatives, then the exemplars and pledges that refer to them."""
    # Imported here: the sub-domains' demos use this module's helpers.
    from antq.registry.exemplars.demo import demo_exemplars
    from antq.registry.initiatives.demo import demo_initiatives
    from antq.registry.pledges.demo import demo_pledges

    demo_initiatives()
    demo_exemplars()
    demo_pledges()
