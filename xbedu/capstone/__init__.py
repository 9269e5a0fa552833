"""The capstone of lesson 06: plan a first cross-border product and export a one-page plan.

See :mod:`xbedu.capstone.plan` for how the calculators are chained, :mod:`~xbedu.capstone.page`
for the printable page and :mod:`~xbedu.capstone.explorer` for the explorer.
"""

from .explorer import CapstoneExplorer, capstone_explorer
from .plan import MARKETS, FirstProductPlan, plan_first_product

__all__ = ["MARKETS", "CapstoneExplorer", "FirstProductPlan", "capstone_explorer", "plan_first_product"]
