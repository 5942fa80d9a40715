"""The movement registry over the JSON API, mounted at /api/registry: initiatives and counts,
initiative types (/types), exemplars (/exemplars), emulation pledges (/pledges)."""

from ninja import Router

from antq.registry.exemplars.api import router as exemplars_router
from antq.registry.initiatives.api import router as initiatives_router
from antq.registry.initiatives.types.api import router as types_router
from antq.registry.pledges.api import router as pledges_router

router = Router()
router.add_router("/exemplars", exemplars_router)
router.add_router("/pledges", pledges_router)
router.add_router("/types", types_router)
router.add_router("", initiatives_router)
